// `npm run bench`: throughput and latency of the built portal's pages, each printed beside Astro's floor.
// Starts `scripts/start.ts` on a throw-away data directory (or DATABASE_URL), runs autocannon per page, stops.
// Usage: npm run build && npm run bench [-- --seconds 10 --connections 50]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, port: { type: 'string', default: '4398' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const base = `http://127.0.0.1:${values.port}`;
const root = path.resolve(import.meta.dirname, '..');

const pages: { name: string; path: string }[] = [
  { name: 'home (prerendered)', path: '/' },
  { name: 'procedure guidance (prerendered)', path: '/thu-tuc/yeu-cau-thi-hanh-an' },
  { name: 'agency directory (SSR + database)', path: '/co-quan-thi-hanh-an' },
  { name: 'agency directory, one province (SSR)', path: '/co-quan-thi-hanh-an?province=HNI' },
  { name: 'health check (SSR + database)', path: '/healthz' },
  { name: 'static asset (favicon)', path: '/favicon.svg' },
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-bench-'));
const server = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
  env: { ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', PORT: values.port, DATA_DIR: dataDir },
  stdio: ['ignore', 'ignore', 'inherit'],
});

async function waitReady(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become ready');
}

try {
  await waitReady();
  console.log(`autocannon: ${connections} connections, ${seconds} s per page, Node ${process.version}, ${os.cpus().length} cores`);
  console.log('| page | req/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  for (const page of pages) {
    const result = await autocannon({ url: base + page.path, connections, duration: seconds });
    const non2xx = result.non2xx + result.errors;
    console.log(`| ${page.name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${non2xx} |`);
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
