// `npm run bench:registry`: the public list of debtors without conditions to enforce (Art. 44a) at national scale.
// A fresh PostgreSQL database (DATABASE_URL's server, default local) gets N entries (default 1,000,000) from the
// deterministic generator in bench/registry-data.ts; then a FIXED mix of searches is timed three ways:
//   SQL          searchRegistry() from src/server/registry/search.ts on a pg Pool: the statements the page runs (name-key
//                btrees, name-words GIN, one-typo keys, address-words GIN, number btree), one search after another
//   SQL ILIKE    the same mix as a naive `search_fold(col) ilike '%q%'` sequential scan (what we would do without
//                the indexes; it also misses the typo and reversed-order queries — see the rows column)
//   HTTP page    GET of the public search page on the built server, autocannon, many client addresses
// and compared with the targets (SQL p95 ≤ 30 ms, page p95 ≤ 80 ms). The database is dropped at the end.
// Usage: npm run build && npm run bench:registry [-- --entries 1000000 --runs 50 --ilike-runs 5 --seconds 10 --warmup 5 --connections 16]
//        [--keep] keeps the loaded database; [--database thads_bench_registry_xxxxxxxx] measures a kept one again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { seedReferenceData } from '../db/seed/index.ts';
import { openPostgres } from '../src/server/db.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import { searchRegistry, type RegistryQuery } from '../src/server/registry/search.ts';
import { REGISTRY_COLUMNS, registryColumns } from './registry-data.ts';
import { startBenchServer } from './server.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '50' },
    'ilike-runs': { type: 'string', default: '5' },
    // Wall-clock caps per mix (at least 3 runs each): a slow query must not turn the bench into an hour.
    budget: { type: 'string', default: '120' },
    'ilike-budget': { type: 'string', default: '60' },
    seconds: { type: 'string', default: '10' },
    // Untimed load before the measured run: the server's JIT and each pooled PostgreSQL connection's caches warm up
    // (a fresh backend plans its first queries several times slower), as they are on a portal that has been running.
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: '4398' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    // Reuse a database kept by an earlier run (--keep): migrations are applied, nothing is loaded or dropped.
    database: { type: 'string' },
  },
});
const n = Number(values.entries);
const runs = Number(values.runs);
const ilikeRuns = Number(values['ilike-runs']);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const budget = Number(values.budget) * 1000;
const ilikeBudget = Number(values['ilike-budget']) * 1000;
const connections = Number(values.connections);
const seed = Number(values.seed);
const SQL_TARGET_P95 = 15;
const PAGE_TARGET_P95 = 60;
const root = path.resolve(import.meta.dirname, '..');
const PAGE = '/danh-sach-chua-co-dieu-kien-thi-hanh';

const reuse = values.database;
const database = await throwawayDatabase('thads_bench_registry', reuse);
const name = database.name;
const url = new URL(database.url);
const client = new pg.Client({ connectionString: database.url });

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** Loads the entries: indexes dropped first and rebuilt after (as a bulk import would), batches through unnest(). */
async function load(): Promise<void> {
  const t0 = performance.now();
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'registry_entries' and indexname <> 'registry_entries_pkey'`,
  );
  for (const ix of indexes) await client.query(`drop index ${ix.indexname}`);
  const casts = REGISTRY_COLUMNS.map((c, i) => `$${i + 1}::${/_(date|on)$/.test(c) ? 'date' : 'text'}[]`);
  const insert = `insert into registry_entries (${REGISTRY_COLUMNS.join(', ')}) select * from unnest(${casts.join(', ')})`;
  // The server folds names (generated columns) while this process generates the next batch.
  const batch = 20_000;
  let pending: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < n; from += batch) {
    const cols = registryColumns(seed, from, Math.min(n, from + batch));
    await pending;
    pending = client.query(insert, cols);
  }
  await pending;
  const loaded = performance.now();
  await client.query(`set maintenance_work_mem = '512MB'`);
  await client.query(`set max_parallel_maintenance_workers = 2`);
  for (const ix of indexes) await client.query(ix.indexdef);
  // VACUUM as well: the steady state of a loaded table (visibility map set, no autovacuum pass running under the timing).
  await client.query('vacuum analyze registry_entries');
  const { rows } = await client.query<{ live: string; size: string }>(
    `select count(*) filter (where removed_on is null) as live, pg_size_pretty(pg_total_relation_size('registry_entries')) as size from registry_entries`,
  );
  console.log(
    `${n.toLocaleString('en-US')} entries (${Number(rows[0]!.live).toLocaleString('en-US')} published) loaded in ${((loaded - t0) / 1000).toFixed(1)} s, ` +
      `${indexes.length} indexes rebuilt + VACUUM ANALYZE in ${secs(loaded)} s; table + indexes ${rows[0]!.size} (database ${name})`,
  );
}

type Kind = 'name' | 'number' | 'address';
interface Case {
  label: string;
  kind: Kind;
  q: string;
  province?: string;
  /** Address words searched together with a name (the combinations reported apart from the fixed mix). */
  address?: string;
}

const COLS = 'id, debtor_name, debtor_address, province_code, judgment_number, judgment_date, judgment_court, decision_number, obligation, reason, verified_on';

/** The naive alternative: substring match on the folded text, every row folded again (sequential scan). */
function ilikeSql(c: Case): [string, unknown[]] {
  if (c.kind === 'number') return [`select ${COLS} from registry_entries where removed_on is null and judgment_number ilike '%' || $1 || '%' limit 20`, [c.q]];
  const col = c.kind === 'address' ? 'debtor_address' : 'debtor_name';
  const words = c.kind === 'address' ? c.q.split(/\s+/).filter(Boolean) : [c.q];
  const where = words.map((_, i) => `search_fold(${col}) ilike '%' || search_fold($${i + 1}) || '%'`).join(' and ');
  const province = c.province ? ` and province_code = $${words.length + 1}` : '';
  return [`select ${COLS} from registry_entries where removed_on is null and ${where}${province} limit 20`, c.province ? [...words, c.province] : words];
}

interface Timing {
  label: string;
  times: number[];
  rows: number;
}

/** The ILIKE reference, with index scans turned off so it is the sequential scan it would be without them. */
async function timeIlike(cases: Case[], count: number, cap: number): Promise<Timing[]> {
  const out: Timing[] = cases.map((c) => ({ label: c.label, times: [], rows: 0 }));
  // Interleaved: run r of every query, then run r+1, so a slow spell hits the whole mix alike.
  const start = performance.now();
  for (let r = 0; r < count && (r < 3 || performance.now() - start < cap); r++) {
    for (const [i, c] of cases.entries()) {
      const [text, params] = ilikeSql(c);
      await client.query('begin; set local enable_indexscan = off; set local enable_bitmapscan = off');
      const t = performance.now();
      const res = await client.query(text, params);
      out[i]!.times.push(performance.now() - t);
      out[i]!.rows = res.rowCount ?? 0;
      await client.query('commit');
    }
  }
  for (const o of out) o.times.sort((a, b) => a - b);
  return out;
}

interface Summary {
  what: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  target?: number;
  note?: string;
}

function summarise(what: string, timings: Timing[], target?: number, note?: string): Summary {
  const all = timings.flatMap((t) => t.times).sort((a, b) => a - b);
  return { what, samples: all.length, p50: pct(all, 0.5), p95: pct(all, 0.95), p99: pct(all, 0.99), target, note };
}

/** The search form's query-string names (src/loaders/registry.ts). */
const PARAMS: Record<Kind, string> = { name: 'ten', address: 'dia-chi', number: 'so' };
const PROVINCE_PARAM = 'tinh';

/** The same query as searchRegistry() takes it. */
function registryQuery(c: Case): RegistryQuery {
  return { [c.kind]: c.q, ...(c.province ? { province: c.province } : {}), ...(c.address ? { address: c.address } : {}) };
}

async function http(cases: Case[]): Promise<Summary | string> {
  const candidates = [`src/pages${PAGE}.astro`, `src/pages${PAGE}/index.astro`, `src/pages${PAGE}.ts`].map((p) => path.join(root, p));
  const source = candidates.find((p) => fs.existsSync(p));
  if (!source) return `skipped: no search page at src/pages${PAGE}(.astro|/index.astro) yet`;
  if (!fs.existsSync(path.join(root, 'dist/server/entry.mjs'))) return 'skipped: no build (run `npm run build` first)';
  const paths = cases.map((c) => {
    const qs = new URLSearchParams({ [PARAMS[c.kind]]: c.q });
    if (c.province) qs.set(PROVINCE_PARAM, c.province);
    return `${PAGE}?${qs}`;
  });
  const { base, stop } = await startBenchServer(values.port!, { DATABASE_URL: url.toString(), TRUST_PROXY: '1' });
  try {
    let ip = 0;
    const nextIp = () => `2001:db8::${(++ip).toString(16)}`;
    for (const pth of paths) {
      const res = await fetch(base + pth, { headers: { 'X-Forwarded-For': nextIp() } });
      await res.arrayBuffer();
      if (res.status !== 200) return `skipped: GET ${pth} → HTTP ${res.status} (is the build older than the page? run \`npm run build\`)`;
    }
    let next = 0;
    const load = (duration: number, onResponse?: (ms: number) => void) =>
      new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: base,
            connections,
            duration,
            // Slow responses are measured, not dropped as timeouts (which would flatter the percentiles).
            timeout: 120,
            requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]!, headers: { ...req.headers, 'X-Forwarded-For': nextIp() } }) }],
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
        if (onResponse) instance.on('response', (_client, _status, _bytes, responseTime) => onResponse(responseTime));
      });
    if (warmup > 0) await load(warmup);
    // autocannon's histogram has no p95: every response time is kept instead.
    const latencies: number[] = [];
    const r = await load(seconds, (ms) => latencies.push(ms));
    latencies.sort((a, b) => a - b);
    // Let the requests autocannon abandoned at the deadline finish before the server (and its pool) stops.
    await new Promise((r) => setTimeout(r, Math.min(30_000, (latencies.at(-1) ?? 0) + 1000)));
    const bad = r.non2xx + r.errors + r.timeouts;
    return {
      what: `HTTP page GET ${PAGE} (autocannon, ${connections} conn., ${seconds} s after ${warmup} s untimed)`,
      samples: latencies.length,
      p50: pct(latencies, 0.5),
      p95: pct(latencies, 0.95),
      p99: pct(latencies, 0.99),
      target: PAGE_TARGET_P95,
      note: `${Math.round(r.requests.average)} req/s; non-2xx/errors/timeouts ${bad}`,
    };
  } finally {
    await stop();
  }
}

/**
 * searchRegistry() from src/server/registry/search.ts, page 1: the same statements the search page runs, through Kysely and
 * a pg Pool. Run -1 is the untimed warm-up (first touch of the index pages is not the steady state of a public search);
 * runs are interleaved (run r of every query, then run r+1) so a slow spell hits the whole mix alike.
 */
async function viaModule(cases: Case[]): Promise<Timing[]> {
  const handle = openPostgres(url.toString());
  try {
    const timings: Timing[] = cases.map((c) => ({ label: c.label, times: [], rows: 0 }));
    const start = performance.now();
    for (let r = -1; r < runs && (r < 3 || performance.now() - start < budget); r++) {
      for (const [i, c] of cases.entries()) {
        const t = performance.now();
        const res = await searchRegistry(handle.db, registryQuery(c));
        if (r >= 0) timings[i]!.times.push(performance.now() - t);
        timings[i]!.rows = res.entries.length;
      }
    }
    for (const t of timings) t.times.sort((a, b) => a - b);
    return timings;
  } finally {
    await handle.close();
  }
}

try {
  const handle = openPostgres(url.toString());
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  await handle.close();
  await client.connect();
  if (!reuse) await load();

  // One real judgment number from the published list (numbers repeat across courts, as in life).
  const { rows: sample } = await client.query<{ judgment_number: string }>(
    `select judgment_number from registry_entries where removed_on is null and id >= $1 order by id limit 1`,
    [Math.floor(n * 0.37)],
  );
  const cases: Case[] = [
    { label: 'unaccented "nguyen van hung"', kind: 'name', q: 'nguyen van hung' },
    { label: 'unaccented "tran thi mai"', kind: 'name', q: 'tran thi mai' },
    { label: 'diacritics "Nguyễn Thị Lan"', kind: 'name', q: 'Nguyễn Thị Lan' },
    { label: 'diacritics "Đặng Quốc Cường"', kind: 'name', q: 'Đặng Quốc Cường' },
    { label: 'typo "nguyen van hng"', kind: 'name', q: 'nguyen van hng' },
    { label: 'reversed "hung nguyen van"', kind: 'name', q: 'hung nguyen van' },
    { label: 'rare "Khổng Minh Triết"', kind: 'name', q: 'Khổng Minh Triết' },
    { label: 'part of a name "Nguyễn Hùng"', kind: 'name', q: 'Nguyễn Hùng' },
    { label: 'missing space "nguyenvan nam"', kind: 'name', q: 'nguyenvan nam' },
    { label: 'name + province "le van nam", HCM', kind: 'name', q: 'le van nam', province: 'HCM' },
    { label: `judgment number "${sample[0]?.judgment_number}"`, kind: 'number', q: sample[0]?.judgment_number ?? '1/2024/DS-ST' },
    { label: 'address words "ben thanh tran hung dao"', kind: 'address', q: 'ben thanh tran hung dao' },
  ];

  const t1 = performance.now();
  const indexed = await viaModule(cases);
  console.log(`indexed mix: ${indexed[0]!.times.length} runs × ${cases.length} queries in ${secs(t1)} s`);
  const t2 = performance.now();
  const ilike = await timeIlike(cases, ilikeRuns, ilikeBudget);
  console.log(`ILIKE mix: ${ilike[0]!.times.length} runs × ${cases.length} queries in ${secs(t2)} s`);

  console.log(`\n| query | indexed p50 ms | indexed p95 ms | indexed rows (page 1) | ILIKE p50 ms | ILIKE rows |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [i, c] of cases.entries()) {
    const a = indexed[i]!;
    const b = ilike[i]!;
    console.log(`| ${c.label} | ${ms(pct(a.times, 0.5))} | ${ms(pct(a.times, 0.95))} | ${a.rows} | ${ms(pct(b.times, 0.5))} | ${b.rows} |`);
  }

  const summaries: (Summary | string)[] = [
    summarise('SQL: searchRegistry(), page 1 of ≤ 100 (name keys, name words, one-typo keys; address words)', indexed, SQL_TARGET_P95),
    summarise('SQL ILIKE \'%q%\' (seq scan)', ilike, undefined, 'reference: no index'),
    await http(cases),
  ];
  console.log(
    `\n${n.toLocaleString('en-US')} entries; ${cases.length} queries in the mix; Node ${process.version}; ${os.cpus().length} cores; ` +
      `PostgreSQL ${(await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v}`,
  );
  console.log('| what | samples | p50 ms | p95 ms | p99 ms | target p95 | met | note |');
  console.log('|---|---:|---:|---:|---:|---:|---|---|');
  const labels = ['SQL', 'SQL ILIKE', 'HTTP page'];
  summaries.forEach((s, i) => {
    if (typeof s === 'string') console.log(`| ${labels[i]} | – | – | – | – | – | – | ${s} |`);
    else {
      const met = s.target === undefined ? '–' : s.p95 <= s.target ? 'yes' : '**no**';
      console.log(`| ${s.what} | ${s.samples} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.target ?? '–'} | ${met} | ${s.note ?? ''} |`);
    }
  });

  // Not in the fixed mix (so the table above compares with earlier runs): a name together with address words, where
  // the planner's estimate of correlated words ("ha noi") matters (src/server/registry/search.ts, byName()); and the
  // beginning of a number (pattern-ops btrees, db/migrations/20261124T0900_registry_number_prefix.ts).
  const [num, year] = (sample[0]?.judgment_number ?? '1/2024/DS-ST').split('/');
  const combined: Case[] = [
    { label: 'typo + common address "nguyen van hng", "ha noi"', kind: 'name', q: 'nguyen van hng', address: 'ha noi' },
    { label: 'name + ward "tran thi mai", "ben thanh"', kind: 'name', q: 'tran thi mai', address: 'ben thanh' },
    { label: 'name + address + province "Nguyễn Văn Hùng", "Hà Nội", HNI', kind: 'name', q: 'Nguyễn Văn Hùng', address: 'Hà Nội', province: 'HNI' },
    { label: 'part of a name + province "Nguyễn Hùng", DNG', kind: 'name', q: 'Nguyễn Hùng', province: 'DNG' },
    { label: `number and year "${num}/${year}"`, kind: 'number', q: `${num}/${year}` },
    { label: `number alone "${num}" (judgments and decisions)`, kind: 'number', q: `${num}` },
    { label: `number alone "${num}" + province HCM`, kind: 'number', q: `${num}`, province: 'HCM' },
    { label: 'most common beginning "1"', kind: 'number', q: '1' },
  ];
  const extra = await viaModule(combined);
  console.log('\nOutside the fixed mix: searchRegistry() with a name and other conditions, and beginnings of numbers');
  console.log('| query | p50 ms | p95 ms | rows (page 1) |');
  console.log('|---|---:|---:|---:|');
  for (const t of extra) console.log(`| ${t.label} | ${ms(pct(t.times, 0.5))} | ${ms(pct(t.times, 0.95))} | ${t.rows} |`);
} finally {
  await client.end().catch(() => {});
  await database.finish(values.keep || reuse !== undefined);
}
