import { seedReferenceData } from '../../db/seed/index.ts';
import { config } from './config.ts';
import { sharedDatabase, type DbHandle } from './db.ts';
import { migrateToLatest } from './migrate.ts';

export interface BootReport {
  handle: DbHandle;
  migrations: string[];
  seeded: { agencies: number; calendarDays: number };
}

// Kept on globalThis so the start script and the server bundle (or Vite's reloads) boot once per process.
const KEY = Symbol.for('thads.boot');
type Holder = { [KEY]?: Promise<BootReport> };

/** Opens the database, applies pending migrations and seeds reference data; once per process. */
export function boot(): Promise<BootReport> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const cfg = config();
    const handle = await sharedDatabase(cfg);
    const results = await migrateToLatest(handle.db);
    const seeded = await seedReferenceData(handle.db);
    return { handle, migrations: results.map((r) => r.migrationName), seeded };
  })().catch((err) => {
    delete holder[KEY];
    throw err;
  });
  return holder[KEY];
}

/** The booted database; what pages and server modules use. */
export async function getDb() {
  return (await boot()).handle.db;
}
