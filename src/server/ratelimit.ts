/**
 * Per-key rate limits for login, tracking look-ups and submissions.
 *
 * Counters live in memory, per process: several instances behind a load balancer each keep their own counters, so
 * the effective limit is `limit × instances` (and a restart forgets them). That is acceptable for one node process;
 * share the counters (e.g. a PostgreSQL table) before scaling out.
 *
 * Algorithm: a sliding-window log. Each key keeps the times of its allowed hits within the last `windowMs`, so "5 per
 * 15 minutes" means exactly that at every instant, with no burst of 2 × limit across a window boundary (a fixed
 * window) and no estimate (a weighted previous window assumes evenly spread hits, which an attacker need not
 * honour). The cost is at most `limit` numbers per key, which is small for the limits used here (tens, not
 * thousands). Refused hits are not logged: a citizen who waits `retryAfterSeconds` gets in, however often they
 * pressed the button meanwhile.
 */
import { isIP } from 'node:net';

/** The outcome of one hit. */
export type RateLimitResult = {
  allowed: boolean;
  /** Hits still allowed in the current window after this one (0 when refused). */
  remaining: number;
  /** Seconds until the next hit would be allowed (for a Retry-After header); 0 when this hit was allowed. */
  retryAfterSeconds: number;
};

export type RateLimiter = {
  /** Counts a hit for `key` when it is within the limit, and says whether it was. */
  hit(key: string): RateLimitResult;
  /** Forgets `key` (e.g. after a successful login, so the citizen starts afresh). */
  reset(key: string): void;
  /** Keys currently tracked (for monitoring and tests). */
  readonly size: number;
};

export type RateLimiterOptions = {
  /** Hits allowed per key within any `windowMs`. */
  limit: number;
  windowMs: number;
  /** Clock in milliseconds; defaults to the monotonic `performance.now()` so wall-clock changes do not matter. */
  now?: () => number;
  /** Most keys tracked at once; beyond it the least recently hit keys are dropped. Default 50,000. */
  maxKeys?: number;
};

/** Creates an in-memory sliding-window-log rate limiter (see the module comment). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs, now = () => performance.now(), maxKeys = 50_000 } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer: ${limit}`);
  if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new RangeError(`windowMs must be positive: ${windowMs}`);
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new RangeError(`maxKeys must be a positive integer: ${maxKeys}`);

  // Times of allowed hits, oldest first. The Map's insertion order is kept as "least recently hit first" by
  // re-inserting a key on every hit, so both eviction and the sweep work from the front.
  const log = new Map<string, number[]>();

  /** Drops keys whose newest hit has left the window, from the front, stopping at the first live key. */
  function sweep(t: number): void {
    for (const [key, times] of log) {
      const newest = times[times.length - 1];
      if (newest !== undefined && newest + windowMs > t) break;
      log.delete(key);
    }
  }

  return {
    hit(key) {
      const t = now();
      sweep(t);
      const times = log.get(key) ?? [];
      log.delete(key);
      let expired = 0;
      while (expired < times.length && times[expired]! + windowMs <= t) expired++;
      times.splice(0, expired);

      const allowed = times.length < limit;
      if (allowed) times.push(t);
      log.set(key, times);
      // The hard bound on memory: the sweep cannot free keys that are still within their window.
      for (const oldest of log.keys()) {
        if (log.size <= maxKeys) break;
        log.delete(oldest);
      }

      if (allowed) return { allowed, remaining: limit - times.length, retryAfterSeconds: 0 };
      // The oldest logged hit leaving the window frees one slot.
      const waitMs = times[0]! + windowMs - t;
      return { allowed, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    reset(key) {
      log.delete(key);
    },
    get size() {
      return log.size;
    },
  };
}

/** IPv4-mapped IPv6 ('::ffff:203.0.113.5') as plain IPv4, IPv6 in lowercase; null when `value` is not an address. */
function normaliseAddress(value: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const address = mapped ? mapped[1]! : value;
  return isIP(address) === 0 ? null : address.toLowerCase();
}

/**
 * The client's IP address, to key rate limits by.
 *
 * `X-Forwarded-For` is anyone's to write, so it is ignored unless the environment says `TRUST_PROXY=1` (the portal
 * runs behind exactly one reverse proxy that appends the address it saw). Then the right-most entry is the one our
 * proxy added; entries to its left came from the client. A right-most entry that is not an IP address means the
 * proxy is misconfigured, and the fallback is used rather than anything further left.
 * @param fallback the socket address (`Astro.clientAddress`); 'unknown' when not given — note that every request
 *   without an address then shares one rate-limit key
 */
export function clientAddress(request: Request, fallback = 'unknown'): string {
  const socketAddress = normaliseAddress(fallback) ?? fallback;
  if (process.env.TRUST_PROXY !== '1') return socketAddress;
  const forwarded = request.headers.get('x-forwarded-for');
  if (forwarded === null) return socketAddress;
  const rightMost = forwarded.split(',').pop()?.trim() ?? '';
  return normaliseAddress(rightMost) ?? socketAddress;
}
