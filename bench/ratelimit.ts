// `npm run bench:limits`: the cost of one abuse-limit hit (src/server/ratelimit.ts) on PostgreSQL (DATABASE_URL's
// server, default local), in a database of its own. N hits (default 5,000) one after another over K keys (default
// 500, so rows are rewritten as in real use), then the same N from C concurrent callers (default 16); p50/p99 of one
// hit, beside a `select 1` round trip on the same pool for scale.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openPostgres } from '../src/server/db.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import { createRateLimiter } from '../src/server/ratelimit.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({ options: { hits: { type: 'string', default: '5000' }, keys: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '16' } } });
const hits = Number(values.hits);
const keys = Number(values.keys);
const concurrency = Number(values.concurrency);
const database = await throwawayDatabase('limits_bench');
const handle = openPostgres(database.url);
const { db } = handle;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const report = (label: string, times: number[], wallMs: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} p50 ${quantile(sorted, 0.5).toFixed(3)} ms  p99 ${quantile(sorted, 0.99).toFixed(3)} ms  max ${sorted.at(-1)!.toFixed(3)} ms  ${Math.round((times.length / wallMs) * 1000)} /s`);
};

/** Runs `n` calls of `f` from `c` callers at once; the time each call took. */
async function timed(n: number, c: number, f: (i: number) => Promise<unknown>): Promise<{ times: number[]; wallMs: number }> {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await f(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times, wallMs: performance.now() - start };
}

try {
  await migrateToLatest(db);
  // Limit 20 per 10 minutes over 500 keys: most keys fill up, so allowed and refused hits are both measured.
  const limiter = createRateLimiter({ name: 'bench', limit: 20, windowMs: 10 * 60_000 });
  const key = (i: number) => `2001:db8::${(i * 7919) % keys}`;
  await timed(500, 1, (i) => limiter.hit(db, key(i))); // warm-up: connections, plans
  console.log(`${hits} hits over ${keys} keys, PostgreSQL ${(await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0]!.server_version}`);
  const ping = await timed(hits, 1, () => sql`select 1`.execute(db));
  report('select 1, sequential', ping.times, ping.wallMs);
  const sequential = await timed(hits, 1, (i) => limiter.hit(db, key(i)));
  report('hit, sequential', sequential.times, sequential.wallMs);
  const parallel = await timed(hits, concurrency, (i) => limiter.hit(db, key(i)));
  report(`hit, ${concurrency} concurrent`, parallel.times, parallel.wallMs);
  const hot = await timed(hits, concurrency, () => limiter.hit(db, 'one hot key'));
  report(`hit, ${concurrency} concurrent, one key`, hot.times, hot.wallMs);
  const rows = await sql<{ n: number; bytes: number }>`select count(*)::int as n, pg_total_relation_size('rate_limits')::int as bytes from rate_limits`.execute(db);
  console.log(`rate_limits: ${rows.rows[0]!.n} rows, ${Math.round(rows.rows[0]!.bytes / 1024)} KiB`);
} finally {
  await handle.close();
  // pool.end() resolves before the server has closed its sessions, which `drop … with (force)` would then kill
  // (an uncaught error from the closed pool): wait until they are gone.
  const { default: pg } = await import('pg');
  const watcher = new pg.Client({ connectionString: database.url.replace(/\/[^/]*$/, '/postgres') });
  await watcher.connect();
  while ((await watcher.query('select 1 from pg_stat_activity where datname = $1', [database.name])).rowCount) await new Promise((r) => setTimeout(r, 20));
  await watcher.end();
  await database.finish();
}
