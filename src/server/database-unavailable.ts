/**
 * PostgreSQL unreachable (stopped, restarting, out of connections): not a bug of the page that hit it, so the
 * citizen gets a 503 "briefly unavailable" page instead of a 500. The driver (unavailable-dialect.ts) turns such
 * failures into `DatabaseUnavailableError` and notes them in the request's scope, because Astro's actions keep only
 * the message of an error a handler throws; the middleware then answers 503 for any request that failed with one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Seconds a client is told to wait (`Retry-After`): a restart or fail-over of the database takes about that. */
export const RETRY_AFTER_SECONDS = 120;

export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

// Socket errors of the connection to the server.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
// SQLSTATEs of a server that is going away or not taking sessions: class 08 (connection exception), 53300
// too_many_connections, 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
const SERVER_CODES = new Set(['53300', '57P01', '57P02', '57P03']);
// pg and pg-pool report a lost or never-made connection by message only ('timeout expired': the client's connect
// timeout; 'timeout exceeded…': the pool's wait for a free connection).
const LOST_CONNECTION =
  /^(Connection terminated|timeout expired$|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Postgres connection has been discarded)/;

/** Whether `err` (or an error it wraps, through `cause`) says the database cannot be reached right now. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isUnavailableError(e) || isConnectionFailure(e)) return true;
  }
  return false;
}

/** A connection-level failure as the pg driver reports it (not wrapped). */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && (SOCKET_CODES.has(e.code) || SERVER_CODES.has(e.code) || /^08/.test(e.code))) return true;
  return typeof e?.message === 'string' && LOST_CONNECTION.test(e.message);
}

// This module is loaded twice in one process: by the start script (which opens the database, so the driver reports
// through that copy) and inside the server bundle (the middleware). One scope, one error name, shared by both.
const SCOPE = Symbol.for('thads.databaseScope');
type Scope = AsyncLocalStorage<{ failure?: DatabaseUnavailableError }>;
const scope: Scope = ((globalThis as { [SCOPE]?: Scope })[SCOPE] ??= new AsyncLocalStorage());

function isUnavailableError(err: unknown): err is DatabaseUnavailableError {
  return err instanceof Error && err.name === 'DatabaseUnavailableError';
}

/** Runs `fn` (one request) in a scope that records a database failure met anywhere inside it. */
export function watchDatabase<T>(fn: () => T): T {
  return scope.run({}, fn);
}

/** The database failure met in the current scope, if any. */
export function databaseFailureInScope(): DatabaseUnavailableError | undefined {
  return scope.getStore()?.failure;
}

/** `err` as a `DatabaseUnavailableError` (noted in the scope) when it is a connection failure; else `err` itself. */
export function classifyDatabaseError(err: unknown): unknown {
  if (!isConnectionFailure(err) && !isUnavailableError(err)) return err;
  const failure = isUnavailableError(err) ? err : new DatabaseUnavailableError(err);
  const store = scope.getStore();
  if (store) store.failure ??= failure;
  return failure;
}

export interface RetryOptions {
  /** Give up once this long has passed since the first attempt. */
  forMs: number;
  /** Wait between attempts. */
  everyMs: number;
  log?: (message: string) => void;
  /** Clock and wait, for tests (default: the system clock and a timer). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * `run()`, tried again while it fails because the database is unavailable (a server started before, or together
 * with, its database), for up to `forMs`; then its last error. Any other error ends it at once.
 */
export async function retryWhileUnavailable<T>(run: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const giveUpAt = now() + opts.forMs;
  for (;;) {
    try {
      return await run();
    } catch (err) {
      if (!isDatabaseUnavailable(err) || now() + opts.everyMs > giveUpAt) throw err;
      opts.log?.(`${err instanceof Error ? err.message : String(err)}; trying again in ${Math.round(opts.everyMs / 1000)} s.`);
      await sleep(opts.everyMs);
    }
  }
}
