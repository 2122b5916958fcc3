// `npm run bench`: throughput and latency of the built portal's pages, each printed beside Astro's floor.
// Starts the built server (bench/server.ts), runs autocannon per page, stops.
// Usage: npm run build && npm run bench [-- --seconds 10 --connections 50]
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startBenchServer } from './server.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, port: { type: 'string', default: '4398' } },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const pages: { name: string; path: string }[] = [
  { name: 'home (prerendered)', path: '/' },
  { name: 'procedure guidance (prerendered)', path: '/thu-tuc/yeu-cau-thi-hanh-an' },
  { name: 'agency directory (SSR + database)', path: '/co-quan-thi-hanh-an' },
  { name: 'agency directory, one province (SSR)', path: '/co-quan-thi-hanh-an?province=HNI' },
  { name: 'readiness check (SSR + database)', path: '/readyz' },
  { name: 'static asset (favicon)', path: '/favicon.svg' },
];

const { base, stop } = await startBenchServer(values.port!);

try {
  console.log(`autocannon: ${connections} connections, ${seconds} s per page, Node ${process.version}, ${os.cpus().length} cores`);
  console.log('| page | req/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  for (const page of pages) {
    const result = await autocannon({ url: base + page.path, connections, duration: seconds });
    const non2xx = result.non2xx + result.errors;
    console.log(`| ${page.name} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${non2xx} |`);
  }
} finally {
  await stop();
}
