// `npm run bench:stats`: the statistics page at N one-stop dossiers (default 200,000) on PostgreSQL (DATABASE_URL's
// server, default local), in a fresh database filled by bench/stats-data.ts, against a bare Astro page in the same run.
//   SQL            the page's figures computed directly (statisticsData: one-stop, petitions, satisfaction, results),
//                  uncached, for a mix of filters — what one cache miss costs
//   bare page      GET /bench-bare (Astro's SSR floor)
//   page, cached   GET /thong-ke for the same mix of filters (the in-process cache answers after the first request)
//   page, misses   GET /thong-ke with a different period on every request (every one a cache miss), 2 connections
// Target: the statistics page p95 ≤ 200 ms.
// Usage: npm run build && npm run bench:stats [-- --dossiers 200000 --runs 20 --seconds 10 --connections 16] [--keep] [--database name]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { seedReferenceData } from '../db/seed/index.ts';
import { openPostgres } from '../src/server/db.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import type { StatsFilter } from '../src/server/stats/one-stop.ts';
import { statisticsData } from '../src/server/stats/statistics.ts';
import { todayInVietnam } from '../src/server/validation/dates.ts';
import { defaultPeriod } from '../src/loaders/statistics.ts';
import { loadStatsData } from './stats-data.ts';
import { startBenchServer } from './server.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'miss-connections': { type: 'string', default: '2' },
    port: { type: 'string', default: '4399' },
    keep: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
});
const n = Number(values.dossiers);
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const missConnections = Number(values['miss-connections']);
const TARGET_P95 = 200;

const database = await throwawayDatabase('thads_bench_stats', values.database);
const handle = openPostgres(database.url);
const { db } = handle;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const today = todayInVietnam();
const period = defaultPeriod(today);
const FILTERS: StatsFilter[] = [
  { agencyCode: null, ...period },
  { agencyCode: 'HNI', ...period },
  { agencyCode: 'HCM', ...period },
  { agencyCode: null, from: `${today.slice(0, 7)}-01`, to: today },
];
const pathOf = (f: StatsFilter) => `/thong-ke?${new URLSearchParams({ 'co-quan': f.agencyCode ?? '', 'tu-ngay': f.from, 'den-ngay': f.to })}`;

interface Row {
  what: string;
  samples: number;
  p50: number;
  p95: number;
  rps?: number;
  bad?: number;
}

const label = (f: StatsFilter) => `${f.agencyCode ?? 'every agency'}, ${f.from} – ${f.to}`;

/** Uncached figures per filter (run −1 untimed: a fresh connection plans its first queries slowly). */
async function viaSql(): Promise<Row[]> {
  const times: number[][] = FILTERS.map(() => []);
  for (let r = -1; r < runs; r++) {
    for (const [i, f] of FILTERS.entries()) {
      const t = performance.now();
      // Everything the page computes: one-stop, petitions, satisfaction and enforcement results.
      await statisticsData(db, f, today, { fresh: true });
      if (r >= 0) times[i]!.push(performance.now() - t);
    }
  }
  return FILTERS.map((f, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    return { what: `SQL, uncached: ${label(f)} (${runs} runs)`, samples: sorted.length, p50: pct(sorted, 0.5), p95: pct(sorted, 0.95) };
  });
}

let ip = 0;

async function http(base: string, what: string, paths: () => string, conns: number): Promise<Row> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: conns,
        duration: seconds,
        timeout: 60,
        // Each request from its own address (documentation prefix), as many citizens: the per-address limit on
        // computing new filters stays in force and is not what is measured.
        requests: [{ setupRequest: (req) => ({ ...req, path: paths(), headers: { ...req.headers, 'X-Forwarded-For': `2001:db8::${(++ip).toString(16)}` } }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_c, _s, _b, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  // Let the requests autocannon abandoned at the deadline finish before the next run (or the server's stop).
  await new Promise((r) => setTimeout(r, Math.min(30_000, (latencies.at(-1) ?? 0) + 1000)));
  return { what, samples: latencies.length, p50: pct(latencies, 0.5), p95: pct(latencies, 0.95), rps: result.requests.average, bad: result.non2xx + result.errors + result.timeouts };
}

try {
  if (!values.database) {
    await migrateToLatest(db);
    await seedReferenceData(db);
    const t0 = performance.now();
    const events = await loadStatsData(db, n);
    await sql`vacuum analyze dossiers`.execute(db);
    await sql`vacuum analyze dossier_events`.execute(db);
    console.log(`${n.toLocaleString('en-US')} dossiers and ${events.toLocaleString('en-US')} events loaded + VACUUM ANALYZE in ${((performance.now() - t0) / 1000).toFixed(1)} s (database ${database.name})`);
  } else await migrateToLatest(db);
  const rows: Row[] = await viaSql();
  const { base, stop } = await startBenchServer(values.port!, { DATABASE_URL: database.url, BENCH_BARE_PAGE: '1', TRUST_PROXY: '1' });
  try {
    for (const f of FILTERS) if ((await fetch(base + pathOf(f))).status !== 200) throw new Error(`GET ${pathOf(f)} failed`);
    let i = 0;
    rows.push(await http(base, `bare Astro page /bench-bare (${connections} conn.)`, () => '/bench-bare', connections));
    rows.push(await http(base, `statistics page, ${FILTERS.length} filters, cached (${connections} conn.)`, () => pathOf(FILTERS[i++ % FILTERS.length]!), connections));
    // A period starting and ending on different days each time (3,600 pairs per filter): never in the cache.
    let k = 0;
    const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const miss = () => {
      const f = FILTERS[k % FILTERS.length]!;
      k++;
      return pathOf({ ...f, from: shift(period.from, -(Math.floor(k / 60) % 60)), to: shift(today, -(k % 60)) });
    };
    rows.push(await http(base, `statistics page, every request a cache miss (${missConnections} conn.)`, miss, missConnections));
  } finally {
    await stop();
  }
  const bare = rows.find((r) => r.what.startsWith('bare'))!;
  console.log(`Node ${process.version}; ${os.cpus().length} cores; PostgreSQL; ${seconds} s per HTTP row; target: statistics page p95 ≤ ${TARGET_P95} ms`);
  console.log('| what | samples | p50 ms | p95 ms | req/s | non-2xx/errors | p95 vs bare |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ratio = r.rps === undefined ? '' : `${(r.p95 / Math.max(bare.p95, 1)).toFixed(1)}×`;
    console.log(`| ${r.what} | ${r.samples} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.rps === undefined ? '' : Math.round(r.rps)} | ${r.bad ?? ''} | ${ratio} |`);
  }
} finally {
  await handle.close();
  await database.finish(values.keep);
}
