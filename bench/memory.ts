// Where the server's memory goes (issue 13): starts scripts/start.ts with the Node options of `npm start` (unless
// --plain) and bench/memory-probe.mjs preloaded, waits until it is idle, then loads the citizen pages for a short
// while (each request from its own address), and prints the RSS beside the V8 heap, WebAssembly memory, malloc'd
// memory and the process's mappings by kind, idle and after the load (with PROBE_GC=1 also after a full GC, which
// needs --expose-gc). The breakdowns are kept as JSON in $TMPDIR/thads-memory/LABEL/.
// Usage: node bench/memory.ts [--port 4701] [--seconds 15] [--pg EXISTING_EMPTY_DATABASE] [--demo yes|no]
//          [--node-args=--expose-gc] [--env PROBE_GC=1,K=V] [--label x] [--plain]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cpuSecondsOf, memoryOf, sampleRss } from './process-usage.ts';
import { startOptions } from './server.ts';
import { startPortalProcess } from '../tests/support/portal-process.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4701' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    pg: { type: 'string' },
    'node-args': { type: 'string', default: '' },
    env: { type: 'string', default: '' },
    label: { type: 'string', default: 'run' },
    idle: { type: 'string', default: '5' },
    demo: { type: 'string', default: 'yes' },
    plain: { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const out = path.join(os.tmpdir(), 'thads-memory', values.label!);
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-rss-'));
const extraEnv = Object.fromEntries(values.env!.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as [string, string]));
const env: Record<string, string | undefined> = {
  SKIP_BUILD: '1', DATA_DIR: dataDir, DEMO_DATA: values.demo!, TRUST_PROXY: '1', LOG_LEVEL: 'warn',
  PROBE_OUT: out, PROBE_GC: '0', DATABASE_URL: values.pg ? `postgres://postgres@127.0.0.1:5432/${values.pg}` : undefined, ...extraEnv,
};
const nodeArgs = [...(values.plain ? [] : startOptions(root)), ...values['node-args']!.split(' ').filter(Boolean), '--import', path.join(root, 'bench/memory-probe.mjs')];
const t0 = Date.now();
const server = await startPortalProcess({ port: Number(values.port), env, nodeArgs, timeoutMs: 150_000, name: 'the measured server', stdout: 'ignore', stderr: 'inherit' });
const pid = server.process.pid!;
const base = server.base;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bootS = (Date.now() - t0) / 1000;
async function probe(name: string) {
  const before = fs.readdirSync(out).filter((f) => f.endsWith('.json')).length;
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 200; i++) {
    await sleep(100);
    const files = fs.readdirSync(out).filter((f) => f.endsWith('.json'));
    if (files.length > before) { await sleep(200); const f = path.join(out, `${before}.json`); const j = JSON.parse(fs.readFileSync(f, 'utf8')); fs.renameSync(f, path.join(out, `${name}.json`)); return j; }
  }
  throw new Error('no probe');
}
await sleep(Number(values.idle) * 1000); // the statistics warm-up at 1 s
const idleRss = memoryOf(pid)!;
const idle = await probe('idle');
let n = 0;
const pages = ['/', '/nop-ho-so/xac-nhan-ket-qua-thi-hanh-an', '/co-quan-thi-hanh-an', '/tra-cuu-ho-so', '/danh-sach-chua-co-dieu-kien-thi-hanh?ten=nguyen+van', '/thong-ke'];
const setupRequest = (req: any) => { n++; return { ...req, headers: { ...req.headers, 'X-Forwarded-For': `2001:db8::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}` } }; };
const cpu0 = cpuSecondsOf(pid);
const sampler = sampleRss(pid, 100);
const r = await autocannon({ url: base, connections: Number(values.connections), duration: Number(values.seconds), requests: pages.map((p) => ({ method: 'GET', path: p, setupRequest })) });
const peak = sampler.stop();
const cpuMsPerReq = ((cpuSecondsOf(pid) - cpu0) * 1000) / r.requests.total;
const afterRss = memoryOf(pid)!;
const after = await probe('after');
const fmt = (s: any) => `rss=${s.rss} heapUsed=${s.heapUsed} heapTotal=${s.heapTotal} ext=${s.external} ab=${s.arrayBuffers} wasm=${s.wasm.map((w: any) => w.MiB).join("+")} malloc=${s.mallocedMemory} anonWasm=${((s.smaps.cats['anon >=4GiB (wasm cage)']?.rssKiB ?? 0) / 1024).toFixed(0)} node=${((s.smaps.cats['node binary']?.rssKiB ?? 0) / 1024).toFixed(0)}`;
console.log(`[${values.label}] boot ${bootS.toFixed(1)} s; idle VmRSS ${idleRss.rssMiB.toFixed(0)} HWM ${idleRss.hwmMiB.toFixed(0)}`);
for (const s of idle) if (s.label) console.log(`  idle ${s.label}: ${fmt(s)}`);
console.log(`  load: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} p99 ${r.latency.p99}, non2xx ${r.non2xx} errors ${r.errors}; server CPU ${cpuMsPerReq.toFixed(2)} ms/req; peak sampled RSS ${peak.toFixed(0)}, after ${afterRss.rssMiB.toFixed(0)}, HWM ${afterRss.hwmMiB.toFixed(0)}`);
for (const s of after) if (s.label) console.log(`  after ${s.label}: ${fmt(s)}`);
await server.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
