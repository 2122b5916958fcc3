// `npm run bench`: every citizen page of the built portal, each beside the floor measured in the same run: a bare
// Astro SSR page and a bare prerendered page from a minimal app built by the project's Astro (bench/floor/), and
// node:http as the limit. Prints req/s, latency, the ratio to the floor and the server's RSS, with the targets of
// issue 13 (every GET page ≥ 0.6× bare SSR, prerendered ≥ 0.9× bare prerendered, RSS ≤ 250 MB).
// The portal runs on the embedded database, or on a throw-away database on DATABASE_URL's server, with the demo
// data (the public list and statistics need entries to be measured at all).
// Usage: npm run build && npm run bench [-- --seconds 5 --connections 16 --only form,agencies --cpu-prof bench/results/prof]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { procedureByCode } from '../src/server/catalog/index.ts';
import { exampleFormBody, nextAddress as nextIp } from './crowd.ts';
import { startFloor } from './floor.ts';
import { memoryOf, sampleRss } from './process-usage.ts';
import { startBenchServer } from './server.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '16' },
    port: { type: 'string', default: '4398' },
    only: { type: 'string' },
    // Writes the server's CPU profile (node --cpu-prof) to this directory; read it with bench/profile-summary.ts.
    'cpu-prof': { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const port = Number(values.port);
const only = values.only ? new Set(values.only.split(',')) : null;

const SSR_TARGET = 0.6;
const PRERENDERED_TARGET = 0.9;
const RSS_TARGET_MB = 250;

const procedure = procedureByCode('XNKQ')!;
const formPath = `/nop-ho-so/${procedure.slug.vi}`;

type Kind = 'floor' | 'ssr' | 'prerendered';
interface Target {
  key: string;
  name: string;
  url: string;
  kind: Kind;
  cookie?: string;
}

async function measure(target: Target, pid: number | null) {
  const opts: autocannon.Options = {
    url: target.url,
    connections,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'X-Forwarded-For': nextIp(), ...(target.cookie ? { Cookie: target.cookie } : {}) } }) }],
  };
  if (warmup > 0) await autocannon({ ...opts, duration: warmup });
  const rss = pid === null ? null : sampleRss(pid, 100);
  const r = await autocannon({ ...opts, duration: seconds });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors, rssPeak: rss?.stop() ?? null };
}

/** Fetch with a cookie jar of one: what a browser without JavaScript keeps between the steps of a form. */
async function step(url: string, init: RequestInit & { cookie?: string } = {}) {
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { Origin: new URL(url).origin, 'X-Forwarded-For': nextIp(), ...(init.cookie ? { Cookie: init.cookie } : {}), ...(init.headers as Record<string, string>) },
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  return { res, text: await res.text(), cookies };
}

/** A citizen's way through the portal once, for the cookies the personal pages need. */
async function personalPages(base: string): Promise<Target[]> {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const saved = await step(`${base}${formPath}?_action=saveApplication`, { method: 'POST', headers: form, body: exampleFormBody(procedure) });
  const draftCookie = saved.cookies.find((c) => c.startsWith(`thads_draft_${procedure.code}=`));
  if (saved.res.status !== 303 || !draftCookie) throw new Error(`draft: HTTP ${saved.res.status}`);
  const checkPath = `${formPath}/kiem-tra`;
  // A second draft stays unsubmitted: the form and check pages of a submitted one send the citizen on.
  const second = await step(`${base}${formPath}?_action=saveApplication`, { method: 'POST', headers: form, body: exampleFormBody(procedure) });
  const openDraft = second.cookies.find((c) => c.startsWith(`thads_draft_${procedure.code}=`));
  if (second.res.status !== 303 || !openDraft) throw new Error(`second draft: HTTP ${second.res.status}`);
  const submitted = await step(`${base}${checkPath}?_action=submitApplication`, {
    method: 'POST',
    headers: form,
    cookie: draftCookie,
    body: new URLSearchParams({ procedure: procedure.code, draft: draftCookie.split('=')[1]! }).toString(),
  });
  if (submitted.res.status !== 303) throw new Error(`submission: HTTP ${submitted.res.status}`);
  const afterSubmit = [draftCookie, ...submitted.cookies].join('; ');
  const confirmation = await step(`${base}${formPath}/xac-nhan`, { cookie: afterSubmit });
  const code = /\b\d{2}-\d{6}-[0-9A-HJKMNP-TV-Z]{6}\b/.exec(confirmation.text)?.[0];
  // The PIN is shown on this first read only; the page measured below is the later one, without it.
  const pin = /data-testid="dossier-pin">([^<]+)</.exec(confirmation.text)?.[1];
  if (!code || !pin) throw new Error('confirmation: no dossier code or PIN');
  const tracked = await step(`${base}/tra-cuu-ho-so?_action=trackDossier`, { method: 'POST', headers: form, body: new URLSearchParams({ code, pin }).toString() });
  if (tracked.res.status !== 303) throw new Error(`tracking look-up: HTTP ${tracked.res.status}`);
  return [
    { key: 'form', name: 'form (blank)', url: `${base}${formPath}`, kind: 'ssr' },
    { key: 'form-en', name: 'form (blank), English', url: `${base}/en/apply/${procedure.slug.en}`, kind: 'ssr' },
    { key: 'form-draft', name: 'form with a draft', url: `${base}${formPath}`, kind: 'ssr', cookie: openDraft },
    { key: 'check', name: 'check answers', url: `${base}${checkPath}`, kind: 'ssr', cookie: openDraft },
    { key: 'confirmation', name: 'confirmation', url: `${base}${formPath}/xac-nhan`, kind: 'ssr', cookie: afterSubmit },
    { key: 'track', name: 'tracking look-up form', url: `${base}/tra-cuu-ho-so`, kind: 'ssr' },
    { key: 'tracked', name: 'tracked dossier', url: `${base}/tra-cuu-ho-so/${code}`, kind: 'ssr', cookie: tracked.cookies.join('; ') },
  ];
}

async function registryEntry(base: string): Promise<string> {
  const page = await step(`${base}/danh-sach-chua-co-dieu-kien-thi-hanh?ten=nguyen+van`);
  const href = /href="(\/danh-sach-chua-co-dieu-kien-thi-hanh\/[^"?#]+)"/.exec(page.text)?.[1];
  if (!href) throw new Error('public list: no entry found for "nguyen van" (demo data missing?)');
  return base + href;
}

const database = process.env.DATABASE_URL ? await throwawayDatabase('thads_bench_pages') : null;
const floor = await startFloor(port + 1, port + 2);
let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
try {
  const started = performance.now();
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  server = await startBenchServer(String(port), { DEMO_DATA: 'yes', TRUST_PROXY: '1', ...(database ? { DATABASE_URL: database.url } : {}) }, profile);
  const startMs = performance.now() - started;
  const base = server.base;
  const targets: Target[] = [
    { key: 'node-http', name: 'node:http (limit)', url: floor.nodeHttp, kind: 'floor' },
    { key: 'bare-prerendered', name: 'bare Astro prerendered page', url: floor.prerendered, kind: 'floor' },
    { key: 'bare-ssr', name: 'bare Astro SSR page', url: floor.ssr, kind: 'floor' },
    { key: 'home', name: 'home', url: `${base}/`, kind: 'prerendered' },
    { key: 'home-en', name: 'home, English', url: `${base}/en/`, kind: 'prerendered' },
    { key: 'guidance', name: 'procedure guidance', url: `${base}/thu-tuc/${procedure.slug.vi}`, kind: 'prerendered' },
    ...(await personalPages(base)),
    { key: 'registry', name: 'public list', url: `${base}/danh-sach-chua-co-dieu-kien-thi-hanh`, kind: 'ssr' },
    { key: 'registry-search', name: 'public list search "nguyen van"', url: `${base}/danh-sach-chua-co-dieu-kien-thi-hanh?ten=nguyen+van`, kind: 'ssr' },
    { key: 'registry-entry', name: 'public list entry', url: await registryEntry(base), kind: 'ssr' },
    { key: 'agencies', name: 'agency directory', url: `${base}/co-quan-thi-hanh-an`, kind: 'ssr' },
    { key: 'agencies-en', name: 'agency directory, English', url: `${base}/en/agencies`, kind: 'ssr' },
    { key: 'statistics', name: 'statistics', url: `${base}/thong-ke`, kind: 'ssr' },
  ];
  const floors = new Set(['node-http', 'bare-prerendered', 'bare-ssr']);
  const chosen = targets.filter((t) => floors.has(t.key) || !only || only.has(t.key));
  const idle = memoryOf(server.pid);
  const rows: { target: Target; result: Awaited<ReturnType<typeof measure>> }[] = [];
  for (const target of chosen) rows.push({ target, result: await measure(target, target.kind === 'floor' ? null : server.pid) });
  const peak = memoryOf(server.pid);

  const floorOf = (k: string) => rows.find((r) => r.target.key === k)!.result.rps;
  const bareSsr = floorOf('bare-ssr');
  const barePrerendered = floorOf('bare-prerendered');
  const dbName = database ? `PostgreSQL (${new URL(database.url).host})` : 'embedded PGlite';
  console.log(`autocannon ${connections} connections, ${warmup} s warm-up + ${seconds} s per page; Node ${process.version}; ${os.cpus().length} cores; load average ${os.loadavg()[0]!.toFixed(1)}; database: ${dbName}; portal ready in ${(startMs / 1000).toFixed(1)} s`);
  console.log('| page | req/s | p50 ms | p99 ms | non-2xx | ratio | target | RSS peak MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  let missed = 0;
  for (const { target, result } of rows) {
    const floorRps = target.kind === 'prerendered' ? barePrerendered : bareSsr;
    const goal = target.kind === 'prerendered' ? PRERENDERED_TARGET : SSR_TARGET;
    const ratio = result.rps / floorRps;
    // The ratio and no errors; the server's memory is judged once, below.
    const ok = target.kind === 'floor' || (ratio >= goal && result.bad === 0);
    if (!ok) missed++;
    const ratioText = target.kind === 'floor' ? (target.key === 'bare-ssr' ? '1.00' : `${(result.rps / bareSsr).toFixed(2)} of SSR`) : `${ratio.toFixed(2)}${target.kind === 'prerendered' ? ' of prerendered' : ''}`;
    const targetText = target.kind === 'floor' ? '' : `≥ ${goal} ${ok ? '✓' : '✗'}`;
    console.log(`| ${target.name} | ${Math.round(result.rps)} | ${result.p50} | ${result.p99} | ${result.bad} | ${ratioText} | ${targetText} | ${result.rssPeak === null ? '' : result.rssPeak.toFixed(0)} |`);
  }
  console.log(`server RSS: ${idle?.rssMiB.toFixed(0)} MB before the pages, ${peak?.rssMiB.toFixed(0)} MB after, peak (VmHWM) ${peak?.hwmMiB.toFixed(0)} MB (target ≤ ${RSS_TARGET_MB} MB ${(peak?.hwmMiB ?? Infinity) <= RSS_TARGET_MB ? '✓' : '✗'})`);
  console.log(missed === 0 ? 'every page met its speed target' : `${missed} page(s) missed their speed target`);
} finally {
  await server?.stop();
  await floor.stop();
  await database?.finish();
}
