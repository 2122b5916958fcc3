// `npm run bench:apply`: the online application, measured against the built server and printed beside a bare
// Astro SSR page from a minimal app built by the project's Astro (bench/floor/): the ratio is what this portal's work costs.
//   form page      GET the XNKQ form (catalog → fields, agencies from the database)
//   form post      POST the form with valid answers (new draft, schema validation, draft saved)
//   submission     POST "send" for a complete draft (HMAC PIN hash, one transaction, outbox row)
// Usage: npm run build && npm run bench:apply [-- --seconds 10 --connections 16 --submissions 300]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { procedureByCode } from '../src/server/catalog/index.ts';
import { exampleFormBody, nextAddress as nextIp } from './crowd.ts';
import { startFloor } from './floor.ts';
import { startBenchServer } from './server.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    submissions: { type: 'string', default: '300' },
    port: { type: 'string', default: '4397' },
    // Writes the server's CPU profile (node --cpu-prof) to this directory; read it with bench/profile-summary.ts.
    'cpu-prof': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const procedure = procedureByCode('XNKQ')!;
const formPath = `/nop-ho-so/${procedure.slug.vi}`;

// On DATABASE_URL's server, a database of its own; else the embedded database.
const database = process.env.DATABASE_URL ? await throwawayDatabase('thads_bench_apply') : null;
const floor = await startFloor(Number(values.port) + 1, Number(values.port) + 2);
const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
const { base, stop } = await startBenchServer(values.port!, { TRUST_PROXY: '1', ...(database ? { DATABASE_URL: database.url } : {}) }, profile);
const origin = { Origin: base };

async function run(name: string, opts: autocannon.Options) {
  // A run is either timed or a fixed number of requests (`amount`), never both.
  const r = await autocannon({ connections, ...(opts.amount ? {} : { duration: seconds }), ...opts });
  return { name, rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, bad: r['4xx'] + r['5xx'] + r.errors, total: r.requests.total };
}

/** Complete drafts, one per submission to measure: their cookies. */
async function makeDrafts(count: number): Promise<string[]> {
  const cookies: string[] = [];
  const body = exampleFormBody(procedure);
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${base}${formPath}?_action=saveApplication`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': nextIp() },
      body,
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`thads_draft_${procedure.code}=`));
    if (res.status !== 303 || !cookie) throw new Error(`draft ${i}: HTTP ${res.status}`);
    cookies.push(cookie.split(';')[0]!);
  }
  return cookies;
}

try {
  const rows = [];
  rows.push(await run('bare Astro SSR page (bench/floor)', { url: floor.ssr }));
  rows.push(await run('form page (SSR)', { url: base + formPath }));
  rows.push(
    await run('form post, valid (→ 303)', {
      url: `${base}${formPath}?_action=saveApplication`,
      method: 'POST',
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            headers: { ...origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': nextIp() },
            body: exampleFormBody(procedure),
          }),
        },
      ],
    }),
  );
  const drafts = await makeDrafts(Number(values.submissions));
  let next = 0;
  rows.push(
    await run(`submission (${drafts.length} dossiers)`, {
      url: `${base}${formPath}/kiem-tra?_action=submitApplication`,
      method: 'POST',
      amount: drafts.length,
      requests: [
        {
          setupRequest: (req) => {
            const cookie = drafts[next++ % drafts.length]!;
            const draft = cookie.split('=')[1]!;
            return {
              ...req,
              headers: { ...origin, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': nextIp() },
              body: new URLSearchParams({ procedure: procedure.code, draft }).toString(),
            };
          },
        },
      ],
    }),
  );
  const bare = rows[0]!;
  console.log(`autocannon, ${connections} connections, ${seconds} s per page; Node ${process.version}; ${os.cpus().length} cores; database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`);
  console.log('| what | req/s | p50 ms | p97.5 ms | p99 ms | 4xx/5xx/errors | req/s vs bare | p50 vs bare |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.bad} | ${(r.rps / bare.rps).toFixed(2)} | ${(r.p50 / Math.max(bare.p50, 1)).toFixed(1)}× |`,
    );
  }
} finally {
  await stop();
  await floor.stop();
  await database?.finish();
}
