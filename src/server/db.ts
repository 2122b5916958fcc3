import fs from 'node:fs';
import path from 'node:path';
import { secureDataDir } from './data-dir.ts';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { unavailableAware } from './unavailable-dialect.ts';
import { log } from './log.ts';
import { nulFree } from './nul-free.ts';
import type { ReferenceNotifications } from './reference-cache.ts';

/**
 * Driver differences are normalised here, once:
 * - int8 (counts, sums) → number: our counts stay far below 2^53.
 * - date → 'yyyy-mm-dd' string: a calendar date has no time zone, and a JS Date would invent one.
 * - bytea arrives as Buffer (pg) or Uint8Array (PGlite); Buffer is a Uint8Array, so callers treat both as Uint8Array.
 */
const INT8 = 20;
const DATE = 1082;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: (v) => Number(v),
  [DATE]: (v) => v,
};

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (a running portal server?). ` +
        'Only one process may open it: stop that process first, or set DATABASE_URL to use PostgreSQL.',
    );
    this.name = 'DatabaseLockedError';
  }
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** The notifications of one channel (LISTEN), for caches that must hear about every change (reference-cache.ts). */
  notifications(channel: string): ReferenceNotifications;
  close(): Promise<void>;
}

/**
 * A new connection that takes longer than this fails: the server is unreachable or not answering, and the citizen
 * gets the 503 page instead of a page that hangs (a stopped server refuses at once).
 */
export const CONNECT_TIMEOUT_MS = 3000;
/**
 * A request waiting this long for a free connection of the pool fails (503) rather than hang behind a stuck server;
 * long enough that a burst of load queues instead of failing.
 */
export const POOL_WAIT_MS = 10_000;

// pg-pool applies its one `connectionTimeoutMillis` both to opening a connection and to waiting for a free one; the
// client's own setting, shorter, ends a slow opening first.
class QuickConnectClient extends pg.Client {
  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

/** Opens PostgreSQL through a pg Pool. */
export function openPostgres(url: string): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    Client: QuickConnectClient,
    connectionTimeoutMillis: POOL_WAIT_MS,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser },
  });
  // The portal runs many short queries at once: parallel workers cost more to start than they save, and take the
  // cores the other requests need (a name + address search spent 15 ms gathering workers for 3 ms of work).
  pool.on('connect', (client) => {
    client.query('set max_parallel_workers_per_gather = 0').catch(() => {});
    // The server closing a connection (a restart, a fail-over) is an 'error' event on its client, which ends the
    // process when nobody listens: pg-pool listens only while the client is idle, not while a request holds it.
    // The request's next query then fails (→ 503), and the pool drops the client when it is released.
    client.on('error', () => {});
  });
  pool.on('error', (err) => {
    log().warn({ err }, 'PostgreSQL: an idle connection was lost; new ones are opened on demand');
  });
  const db = new Kysely<Database>({ dialect: nulFree(unavailableAware(new PostgresDialect({ pool }))) });
  return { db, kind: 'postgres', notifications: (channel) => postgresNotifications(url, channel), close: () => db.destroy() };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). TCP keep-alive notices a peer
 * that vanished without closing; a server that closes, restarts or fails over is an 'error' or 'end' at once.
 */
function postgresNotifications(url: string, channel: string): ReferenceNotifications {
  return {
    async subscribe(heard, lost) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
      let ended = false;
      const fail = (err: unknown) => {
        if (ended) return;
        ended = true;
        client.end().catch(() => {});
        lost(err);
      };
      client.on('error', fail);
      client.on('end', () => fail(new Error('listening connection closed')));
      client.on('notification', (message) => {
        if (message.channel === channel) heard(message.payload ?? '');
      });
      try {
        await client.connect();
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch (err) {
        ended = true;
        await client.end().catch(() => {});
        throw err;
      }
      return async () => {
        ended = true;
        await client.end().catch(() => {});
      };
    },
  };
}

/**
 * Opens the embedded PGlite database. `dataDir` is a directory, or `memory://` for tests.
 * A lock file keeps a second process out: two processes on one PGlite directory corrupt it.
 */
export async function openPglite(dataDir: string): Promise<DbHandle> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireLock(dataDir);
  try {
    const pglite = await createPglite(inMemory ? dataDir : path.join(dataDir, 'db'));
    // A new database is unpacked with mode 0666 whatever the umask; what PostgreSQL creates later honours the umask.
    if (!inMemory) secureDataDir(path.join(dataDir, 'db'));
    const db = new Kysely<Database>({ dialect: nulFree(new PGliteDialect({ pglite })) });
    return {
      db,
      kind: 'pglite',
      // In the process itself: it cannot be lost, and a notification is delivered right after the committing query.
      notifications: (channel) => ({
        subscribe: async (heard) => {
          const unlisten = await pglite.listen(channel, heard);
          return () => unlisten();
        },
      }),
      close: async () => {
        await db.destroy();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * PostgreSQL's buffer cache inside PGlite. PGlite keeps PostgreSQL's default of 128MB, and that cache lives in the
 * WebAssembly memory of this process, which never shrinks: once the demo seed and the first pages had passed through
 * it, it held ~185 MiB of resident memory (issue 13: RSS ≤ 250 MB). The data files are on disk below it, so a page
 * that is not in these buffers is one read from the operating system's file cache away; with 32MB the memory stays
 * at its initial 128 MiB (~80 MiB resident after the year of demo history and a load run), and the pages measured
 * cost no more CPU per request.
 */
const PGLITE_SHARED_BUFFERS = '32MB';

/**
 * A PGlite instance with the extensions the migrations install, on `dir` (`memory://` or the database directory
 * itself), optionally unpacked from a `dumpDataDir()` archive first. The caller holds the data directory's lock.
 */
export async function createPglite(dir: string, loadDataDir?: Blob) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  return PGlite.create(dir, {
    extensions: { pg_trgm, unaccent },
    parsers,
    // PGlite's own start parameters, plus ours: passing startParams replaces them.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/**
 * Takes DATA_DIR/db.lock for this process, or throws DatabaseLockedError when a live process holds it. Released at
 * exit, or by calling the returned function.
 */
export function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, 'db.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) throw new DatabaseLockedError(dataDir, pid);
      // A stale lock from a process that died without cleaning up: take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens PostgreSQL when a URL is given, else the embedded database under `dataDir`. */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<DbHandle> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

// One handle per process, kept on globalThis so the server bundle and the start script
// (and Vite's dev reloads) share it instead of opening the embedded database twice.
const KEY = Symbol.for('thads.db');
type Holder = { [KEY]?: Promise<DbHandle> };

/** The process-wide database handle, opened on first use. */
export function sharedDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<DbHandle> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openDatabase(opts).catch((err) => {
    delete holder[KEY];
    throw err;
  });
  return holder[KEY];
}

// The replica's handle, beside the primary's (same reasons for globalThis).
const READ_KEY = Symbol.for('thads.readDb');
type ReadHolder = { [READ_KEY]?: DbHandle };

/**
 * The handle for the public read-only pages: a pool on `databaseReadUrl` (a streaming replica) when set, else the
 * primary's. Only for reads: a standby refuses every write, and what those pages write (limits, counters) goes to
 * the primary. A replica lags the primary by its replication delay, which public pages can afford.
 */
export async function sharedReadDatabase(opts: { databaseUrl?: string | undefined; databaseReadUrl?: string | undefined; dataDir: string }): Promise<DbHandle> {
  if (!opts.databaseReadUrl) return sharedDatabase(opts);
  const holder = globalThis as ReadHolder;
  return (holder[READ_KEY] ??= openPostgres(opts.databaseReadUrl));
}

/** Closes the process-wide handles (primary and replica), if open. */
export async function closeSharedDatabase(): Promise<void> {
  const holder = globalThis as Holder & ReadHolder;
  const pending = holder[KEY];
  const read = holder[READ_KEY];
  delete holder[KEY];
  delete holder[READ_KEY];
  await read?.close();
  if (pending) await (await pending).close();
}
