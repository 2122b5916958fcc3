/**
 * Abuse limits (sign-in's second factor, tracking look-ups, the public list, submissions, feedback, statistics), in
 * PostgreSQL so that every instance behind the load balancer counts the same hits. Sign-in failures and wrong PINs
 * per dossier code have counters of their own (auth/throttle.ts, dossiers/pin-lockout.ts).
 *
 * Algorithm: a sliding-window log, kept in one row per key of an unlogged table (migration 20261202T0900). The row
 * holds the times of the allowed hits still inside the window, so "5 per 15 minutes" means exactly that at every
 * instant. A two-bucket approximation (this window's count plus the previous window's, weighted by the overlap)
 * would be a fixed two numbers per key, but it assumes the previous window's hits were spread evenly: hits bunched
 * at the end of one window let close to 2 × limit through in the following minutes, and its Retry-After is a guess.
 * The log costs at most `limit` numbers per key (5 to 120 here, under a kilobyte), and gives an exact Retry-After:
 * the time until the oldest logged hit leaves the window. Refused hits are not logged, so a citizen who waits
 * `retryAfterSeconds` gets in however often they pressed the button meanwhile.
 *
 * One round trip per hit: a single `insert … on conflict do update … returning` drops the hits that left the window,
 * appends this one when there is room, and returns the verdict. The row lock of the upsert orders concurrent hits
 * of one key, on one instance or several. Rows whose every hit has left the window are deleted at most once a
 * minute per instance by a plain delete (no index: the table holds only the keys of the last hour, and an index on
 * a column every hit rewrites would cost each hit more than the sweep saves).
 *
 * Keys are SHA-256 hashes of the limit's name and the caller's key: bounded, and no address is kept in clear.
 * Times are wall-clock milliseconds (`Date.now()`), the one clock instances share; tests pass their own.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The outcome of one hit. */
export type RateLimitResult = {
  allowed: boolean;
  /** Hits still allowed in the current window after this one (0 when refused). */
  remaining: number;
  /** Seconds until the next hit would be allowed (for a Retry-After header); 0 when this hit was allowed. */
  retryAfterSeconds: number;
};

export type RateLimiter = {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  /** Counts a hit for `key` when it is within the limit, and says whether it was. */
  hit(db: Kysely<Database>, key: string): Promise<RateLimitResult>;
  /** Forgets `key` (e.g. after a successful second factor, so the person starts afresh). */
  reset(db: Kysely<Database>, key: string): Promise<void>;
};

export type RateLimiterOptions = {
  /** Names the limit; two limiters with one name share their counters. */
  name: string;
  /** Hits allowed per key within any `windowMs`. */
  limit: number;
  windowMs: number;
  /** Wall clock in milliseconds since the epoch; `Date.now` by default. */
  now?: () => number;
};

const SWEEP_EVERY_MS = 60_000;

const hashKey = (name: string, key: string) => createHash('sha256').update(`${name}\n${key}`).digest();

/** Creates a limiter whose counters live in the `rate_limits` table (see the module comment). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { name, limit, windowMs, now = Date.now } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer: ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError(`windowMs must be a positive integer: ${windowMs}`);
  let nextSweepAt = 0;

  return {
    name,
    limit,
    windowMs,
    async hit(db, key) {
      const t = now();
      if (t >= nextSweepAt) {
        nextSweepAt = t + SWEEP_EVERY_MS;
        await db.deleteFrom('rate_limits').where('expires_at', '<=', sql<string>`${t}::bigint`).execute();
      }
      // In the update, `r` is the row as it was: `live` is its hits still inside the window, oldest first.
      const { rows } = await sql<{ allowed: boolean; used: number; wait_ms: number }>`
        insert into rate_limits as r (key, hits, allowed, expires_at)
        values (${hashKey(name, key)}, array[${t}::bigint], true, ${t + windowMs}::bigint)
        on conflict (key) do update set (hits, allowed, expires_at) = (
          select case when cardinality(live) < ${limit}::int then live || ${t}::bigint else live end,
                 cardinality(live) < ${limit}::int,
                 case when cardinality(live) < ${limit}::int then ${t + windowMs}::bigint else r.expires_at end
          from (select array(select h from unnest(r.hits) h where h > ${t - windowMs}::bigint order by h) as live) s
        )
        returning allowed, cardinality(hits) as used, (hits[1] + ${windowMs}::bigint - ${t}::bigint)::int as wait_ms`.execute(db);
      const row = rows[0]!;
      if (row.allowed) return { allowed: true, remaining: limit - row.used, retryAfterSeconds: 0 };
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(row.wait_ms / 1000)) };
    },
    async reset(db, key) {
      await db.deleteFrom('rate_limits').where('key', '=', hashKey(name, key)).execute();
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
