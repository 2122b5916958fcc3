// `npm run db:migrate`: apply pending migrations (and the reference data they need) without starting the server.
import { ConfigError, config } from '../src/server/config.ts';
import { DatabaseLockedError, openDatabase } from '../src/server/db.ts';
import { migrateToLatest } from '../src/server/migrate.ts';

try {
  const handle = await openDatabase(config());
  try {
    const results = await migrateToLatest(handle.db);
    console.log(results.length ? `Applied: ${results.map((r) => r.migrationName).join(', ')}` : 'Database is up to date.');
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError || err instanceof DatabaseLockedError ? err.message : err);
  process.exit(1);
}
