import type { Kysely } from 'kysely';
import { seedReferenceData } from '../../db/seed/index.ts';
import { config, type Config } from './config.ts';
import { secureDataDir } from './data-dir.ts';
import { sharedDatabase, sharedReadDatabase, type DbHandle } from './db.ts';
import { purgeExpiredDrafts } from './dossiers/drafts.ts';
import { failExpiredImports, purgeImportFiles, SWEEP_MS } from './registry/import-jobs.ts';
import { transportFromConfig } from './mail/transport.ts';
import { startMailWorker } from './mail/worker.ts';
import { log } from './log.ts';
import { migrateToLatest } from './migrate.ts';
import { retryWhileUnavailable } from './database-unavailable.ts';
import { REFERENCE_CHANNEL, watchReference } from './reference-cache.ts';
import type { Database } from './schema.ts';

export interface BootReport<Demo = unknown> {
  handle: DbHandle;
  migrations: string[];
  seeded: { agencies: number; contacts: number; calendarDays: number };
  /** What the demo step loaded (undefined when boot was given none). */
  demo: Demo | undefined;
}

export interface BootOptions<Demo> {
  /**
   * Loads demo data after the reference data, before the reference-data watch and the background jobs start. Passed
   * in by the start script: the demo seed files dossiers through the services here, which must not depend on it.
   */
  seedDemo?: (db: Kysely<Database>, cfg: Config) => Promise<Demo>;
}

type Worker = ReturnType<typeof startMailWorker>;

// Kept on globalThis so the start script and the server bundle (or Vite's reloads) boot once per process.
const KEY = Symbol.for('thads.boot');
const WORKER = Symbol.for('thads.mailWorker');
const REFERENCE = Symbol.for('thads.referenceWatch');
type Holder = { [KEY]?: Promise<BootReport>; [WORKER]?: Worker; [REFERENCE]?: Promise<() => Promise<void>> };

/**
 * Makes the data directory owner-only, opens the database, applies pending migrations, seeds reference data, runs the
 * demo step when given one, and starts the background jobs (the mail worker, the purge of expired drafts and of
 * unwritten import files); once per process.
 */
export function boot<Demo = unknown>(options: BootOptions<Demo> = {}): Promise<BootReport<Demo>> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const cfg = config();
    const fixed = secureDataDir(cfg.dataDir);
    log().info(`Data directory ${cfg.dataDir}: ${fixed ? `${fixed} files or directories others could read were made owner-only` : 'owner-only'}.`);
    const handle = await sharedDatabase(cfg);
    const results = await migrateToLatest(handle.db);
    const seeded = await seedReferenceData(handle.db);
    const demo = await options.seedDemo?.(handle.db, cfg);
    // Reference data is read through the primary only: a replica replays a change after the primary announced it,
    // and a copy reloaded from it in between would keep the old rows.
    holder[REFERENCE] ??= watchReference(handle.notifications(REFERENCE_CHANNEL), [handle.db], { warn: (message, err) => log().warn({ err }, message) });
    await holder[REFERENCE];
    // Kept when a later step fails and boot is tried again: one worker per process.
    holder[WORKER] ??= startMailWorker(handle.db, transportFromConfig(cfg), { from: cfg.mailFrom, log: (m) => log().warn(m) });
    // Only jobs whose lease ran out: another instance may be reading a file right now.
    const sweepImports = () => failExpiredImports(handle.db).catch((err) => log().error({ err }, 'import lease sweep failed'));
    await sweepImports();
    setInterval(sweepImports, SWEEP_MS).unref();
    const purge = () => {
      purgeExpiredDrafts(handle.db).catch((err) => log().error({ err }, 'draft purge failed'));
      purgeImportFiles(handle.db, cfg.dataDir).catch((err) => log().error({ err }, 'import file purge failed'));
    };
    setInterval(purge, 60 * 60_000).unref();
    return { handle, migrations: results.map((r) => r.migrationName), seeded, demo };
  })().catch((err) => {
    delete holder[KEY];
    throw err;
  });
  // A later caller (the server bundle's getDb()) gets the boot the first one started, demo step included.
  return holder[KEY] as Promise<BootReport<Demo>>;
}

/**
 * boot() for the start script: while PostgreSQL cannot be reached (started together with the portal, or
 * restarting), tried again every 2 s for a minute, saying so; then it fails with the database's error.
 */
export function bootWhenDatabaseReady<Demo>(options: BootOptions<Demo> = {}): Promise<BootReport<Demo>> {
  return retryWhileUnavailable(() => boot(options), { forMs: 60_000, everyMs: 2000, log: (m) => log().warn(`Starting: ${m}`) });
}

/** The booted database; what pages and server modules use. */
export async function getDb() {
  return (await boot()).handle.db;
}

/**
 * The database for reading the public read-only pages (the public list and its entries, the statistics, the agency
 * directory): the replica of DATABASE_READ_URL when set, else the primary. Writes never go through it.
 */
export async function getReadDb() {
  await boot();
  return (await sharedReadDatabase(config())).db;
}

/** The running mail worker, to kick after a transaction that queued mail. */
export function mailWorker(): Worker | undefined {
  return (globalThis as Holder)[WORKER];
}

/** Stops the background jobs (on shutdown), letting a send in progress finish. */
export async function stopBackgroundJobs(): Promise<void> {
  const holder = globalThis as Holder;
  await holder[WORKER]?.stop();
  const stopWatching = holder[REFERENCE];
  delete holder[REFERENCE];
  await (await stopWatching)?.();
}
