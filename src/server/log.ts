/**
 * The server's log: one JSON object per line on stdout (pino), for a collector to parse; short text lines when stdout
 * is a terminal (log-terminal.ts). Lines carry the id of the
 * request they belong to, read from the request's async context, so a failure deep in a module is tied to the
 * request line without passing ids around.
 *
 * What is never logged: query strings, bodies, cookies, e-mail addresses, client addresses. Callers log ids and
 * counts, not values a citizen typed; errors are reduced to their type, message, code and stack (a PostgreSQL
 * error's `detail` repeats the offending row's values, so it is dropped).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { terminalStream } from './log-terminal.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** LOG_LEVEL, or `info` (a bad value is reported by the configuration check at start). */
function levelOf(value: string | undefined): string {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? value! : 'info';
}

/** What a request's log line collects while the request runs. */
export interface RequestContext {
  id: string;
  /** The route pattern Astro matched (`/nop-ho-so/[slug]`), when a route did. */
  route?: string | undefined;
}

// On globalThis: the start script and the server bundle are separate module graphs in one process.
const KEY = Symbol.for('thads.log');
type Holder = { [KEY]?: { logger: Logger; context: AsyncLocalStorage<RequestContext> } };

function shared() {
  const holder = globalThis as Holder;
  holder[KEY] ??= {
    logger: createLogger(process.stdout.isTTY ? terminalStream() : pino.destination({ fd: 1, sync: true })),
    context: new AsyncLocalStorage<RequestContext>(),
  };
  return holder[KEY];
}

/** The error fields worth a log line; nothing that may quote data (PostgreSQL's `detail`, a driver's `parameters`). */
export function errorFields(err: unknown) {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err).slice(0, 500) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}

/** A logger writing to `destination`; the process's logger writes to stdout. Tests pass their own stream. */
export function createLogger(destination: DestinationStream, context?: () => RequestContext | undefined): Logger {
  return pino(
    {
      base: undefined,
      level: levelOf(process.env.LOG_LEVEL),
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: errorFields },
      mixin: () => {
        const id = (context ?? (() => shared().context.getStore()))()?.id;
        return id ? { reqId: id } : {};
      },
    },
    destination,
  );
}

/** The process's logger. */
export function log(): Logger {
  return shared().logger;
}

/** The async context requests run in (see request-log.ts). */
export function requestContext(): AsyncLocalStorage<RequestContext> {
  return shared().context;
}
