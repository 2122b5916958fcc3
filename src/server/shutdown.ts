/**
 * Graceful stop of the HTTP server: no new connections, requests in flight finish, keep-alive connections are closed
 * as soon as they idle (an idle keep-alive connection would otherwise hold `server.close()` for the keep-alive
 * timeout), and whatever is still running after the drain timeout is cut. A handler that returns a promise is waited
 * for too: a client that hangs up closes its connection, but the page it asked for is still being built, and the
 * database must not be closed under it.
 */
import type http from 'node:http';

/** A request listener that may say, by the promise it returns, when it has finished with the request. */
export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export interface Drainable {
  /** Wraps the request listener, to know which responses (and handlers) are in flight. */
  listener(handler: RequestHandler): http.RequestListener;
  /** Stops accepting and waits for the requests in flight, at most `timeoutMs`; `cut` counts the connections closed unfinished. */
  drain(timeoutMs: number): Promise<{ cut: number }>;
}

export function drainable(server: http.Server): Drainable {
  const inFlight = new Set<http.ServerResponse>();
  const running = new Set<Promise<unknown>>();
  let draining = false;
  const closeIdle = () => setImmediate(() => server.closeIdleConnections());
  return {
    listener: (handler) => (req, res) => {
      inFlight.add(res);
      // A request arriving on an open keep-alive connection during the drain is answered, with the connection closed after it.
      if (draining) res.shouldKeepAlive = false;
      res.once('close', () => {
        inFlight.delete(res);
        if (draining) closeIdle();
      });
      const result = handler(req, res);
      if (result instanceof Promise) {
        const settled = result.then(
          () => undefined,
          () => undefined,
        );
        running.add(settled);
        void settled.then(() => running.delete(settled));
      }
    },
    drain(timeoutMs) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      return new Promise((resolve) => {
        let cut = 0;
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          cut = Math.max(inFlight.size, running.size);
          server.closeAllConnections();
          resolve({ cut });
        }, timeoutMs);
        // close() also closes the connections idle at this moment; those in flight are closed as they finish. Then
        // the handlers whose clients left before their answer was ready.
        server.close(async () => {
          while (running.size > 0 && !timedOut) await Promise.all(running);
          clearTimeout(timer);
          if (!timedOut) resolve({ cut });
        });
      });
    },
  };
}
