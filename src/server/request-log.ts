/**
 * One log line per request, written when the response has been sent (or the client went away):
 * `{"level":30,"time":…,"reqId":…,"msg":"request","method":"GET","route":"/tra-cuu-ho-so/[code]","status":200,"ms":12.3}`.
 *
 * Paths are logged as Astro's route pattern, never as requested: dossier codes and survey tokens sit in paths, names,
 * PINs and codes in query strings. Only a request no route answered (a static file, a refusal before routing) logs
 * its path, without the query string. The client's address is not logged: a hash of an IPv4 address is undone by
 * hashing all four billion of them, and abuse is already counted by the rate limits; the proxy's own log has it.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Logger } from 'pino';
import { requestContext, type RequestContext } from './log.ts';
import type { RequestHandler } from './shutdown.ts';

/** A proxy's request id is kept when it is a short token of safe characters; anything else is replaced. */
const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_ID.test(value) ? value : randomUUID();
}

/** The path without its query string or fragment, cut short: what is logged when no route matched. */
export function pathOf(url: string | undefined): string {
  return (url ?? '/').split(/[?#]/, 1)[0]!.slice(0, 200);
}

/** Wraps `handler` so that each request gets an id (also sent back as `X-Request-Id`) and one log line. */
export function logRequests(logger: Logger, handler: RequestHandler): RequestHandler {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { id: requestIdOf(req.headers['x-request-id']) };
    res.setHeader('X-Request-Id', context.id);
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const line = {
        reqId: context.id,
        method: (req.method ?? '').slice(0, 16),
        ...(context.route ? { route: context.route } : { path: pathOf(req.url) }),
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    };
    res.once('finish', done);
    res.once('close', done);
    return requestContext().run(context, () => handler(req, res));
  };
}
