// `npm run bench:apply`: the online application, measured against the built server and printed beside a bare
// Astro page from the same build (the ratio is what this portal's work costs on top of Astro's floor).
//   form page      GET the XNKQ form (catalog → fields, agencies from the database)
//   form post      POST the form with valid answers (new draft, schema validation, draft saved)
//   submission     POST "send" for a complete draft (HMAC PIN hash, one transaction, outbox row)
// Usage: npm run build && npm run bench:apply [-- --seconds 10 --connections 16 --submissions 300]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { procedureByCode } from '../src/server/catalog/index.ts';
import { startBenchServer } from './server.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    submissions: { type: 'string', default: '300' },
    port: { type: 'string', default: '4397' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const procedure = procedureByCode('XNKQ')!;
const formPath = `/nop-ho-so/${procedure.slug.vi}`;

// Each request comes from its own address (documentation prefix), as many citizens would: the per-address rate
// limits stay in force, and are not what is measured.
let n = 0;
const nextIp = () => `2001:db8::${(++n).toString(16)}`;

function formBody(): string {
  const params = new URLSearchParams({ procedure: procedure.code });
  for (const [k, v] of Object.entries(procedure.example)) {
    for (const item of Array.isArray(v) ? v : [v]) if (item !== null && item !== undefined) params.append(k, String(item));
  }
  return params.toString();
}

const { base, stop } = await startBenchServer(values.port!, { BENCH_BARE_PAGE: '1', TRUST_PROXY: '1' });
const origin = { Origin: base };

async function run(name: string, opts: autocannon.Options) {
  // A run is either timed or a fixed number of requests (`amount`), never both.
  const r = await autocannon({ connections, ...(opts.amount ? {} : { duration: seconds }), ...opts });
  return { name, rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, bad: r['4xx'] + r['5xx'] + r.errors, total: r.requests.total };
}

/** Complete drafts, one per submission to measure: their cookies. */
async function makeDrafts(count: number): Promise<string[]> {
  const cookies: string[] = [];
  const body = formBody();
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
  rows.push(await run('bare Astro page (SSR floor)', { url: `${base}/bench-bare` }));
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
            body: formBody(),
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
  const floor = rows[0]!;
  console.log(`autocannon, ${connections} connections, ${seconds} s per page; Node ${process.version}; ${os.cpus().length} cores; database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}`);
  console.log('| what | req/s | p50 ms | p97.5 ms | p99 ms | 4xx/5xx/errors | req/s vs bare | p50 vs bare |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.bad} | ${(r.rps / floor.rps).toFixed(2)} | ${(r.p50 / Math.max(floor.p50, 1)).toFixed(1)}× |`,
    );
  }
} finally {
  await stop();
}
