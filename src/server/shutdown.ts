/**
 * Graceful stop of the HTTP server: no new connections, requests in flight finish, keep-alive connections are closed
 * as soon as they idle (an idle keep-alive connection would otherwise hold `server.close()` for the keep-alive
 * timeout), and whatever is still running after the drain timeout is cut.
 */
import type http from 'node:http';

export interface Drainable {
  /** Wraps the request listener, to know which responses are in flight. */
  listener(handler: http.RequestListener): http.RequestListener;
  /** Stops accepting and waits for the requests in flight, at most `timeoutMs`; `cut` counts the connections closed unfinished. */
  drain(timeoutMs: number): Promise<{ cut: number }>;
}

export function drainable(server: http.Server): Drainable {
  const inFlight = new Set<http.ServerResponse>();
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
      handler(req, res);
    },
    drain(timeoutMs) {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      return new Promise((resolve) => {
        let cut = 0;
        const timer = setTimeout(() => {
          cut = inFlight.size;
          server.closeAllConnections();
        }, timeoutMs);
        // close() also closes the connections idle at this moment; those in flight are closed as they finish.
        server.close(() => {
          clearTimeout(timer);
          resolve({ cut });
        });
      });
    },
  };
}
