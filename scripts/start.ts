// `npm start`: build if the sources changed, migrate and seed, then serve with security headers on every response,
// one JSON log line per request on stdout, and a graceful stop on SIGTERM/SIGINT.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { demoStaff } from '../db/seed/demo.ts';
import { seedDemoOnStart } from '../db/seed/demo-start.ts';
import { HISTORY_PIN } from '../db/seed/history/index.ts';
import { bootWhenDatabaseReady, stopBackgroundJobs } from '../src/server/boot.ts';
import { ConfigError, config } from '../src/server/config.ts';
import { restrictNewFiles } from '../src/server/data-dir.ts';
import { closeSharedDatabase, DatabaseLockedError } from '../src/server/db.ts';
import { isDatabaseUnavailable } from '../src/server/database-unavailable.ts';
import { coalesceWrites } from '../src/server/coalesce-writes.ts';
import { log } from '../src/server/log.ts';
import { logRequests } from '../src/server/request-log.ts';
import { drainable } from '../src/server/shutdown.ts';
import { applySecurityHeaders, securityHeaders } from '../src/server/security-headers.ts';
import { staticFiles } from '../src/server/static-files.ts';

/**
 * The old generation may grow to 1.5× what survived the last full collection before the next one, instead of V8's
 * up to 4× on a machine with much memory: the portal keeps ~35 MiB alive, and under load its old space grew to
 * ~145 MiB, garbage nearly all of it and all of it resident (issue 13: RSS ≤ 250 MB). With the young generation
 * capped as well, the server on PostgreSQL with the demo data peaked at ~220 MiB instead of ~435 MiB over the citizen
 * pages, for more full collections (0.55 → 0.60-0.71 ms of CPU a request, on a shared machine; 100 here peaked at
 * ~242 MiB for no measurable cost). V8 reads this flag each time it sets the limit, so setting it here works; the
 * young generation's size is fixed when the process starts, hence `--max-semi-space-size` in package.json's "start".
 */
v8.setFlagsFromString('--heap-growing-percent=50');

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'dist/server/entry.mjs');
/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
const DRAIN_MS = 10_000;

/**
 * A person at a terminal reads the start lines as text; a service manager or container gets them as log lines, like
 * every other line on stdout. The demo logins are shown to the person only: logs are kept and shipped.
 */
const interactive = process.stdout.isTTY === true;
const announce = (text: string) => (interactive ? console.log(text) : log().info(text));

function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function buildIfStale(): void {
  const sources = ['src', 'db', 'public', 'astro.config.mjs', 'package.json'].map((s) => path.join(root, s));
  const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  if (built > Math.max(...sources.filter((s) => fs.existsSync(s)).map(newestMtime))) return;
  announce('Building the portal (first start or sources changed)…');
  const result = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * A new embedded database is created (PostgreSQL's initdb, inside PGlite) by a child process that then exits: in this
 * process it left ~200 MiB resident for good (issue 13): V8's optimizing compiler, compiling the WebAssembly that
 * initdb runs hot, took ~600 MiB of malloc'd memory that the C library keeps after it is freed, and the PostgreSQL
 * instance initdb runs had a WebAssembly memory of its own. Here the database is then opened as on any later start.
 * The child compiles WebAssembly with the baseline compiler only: it runs once, and so it takes half the time and
 * half the memory. Same database, same files; the lock file keeps the child and another server apart.
 */
function createEmbeddedDatabaseApart(dataDir: string): void {
  if (fs.existsSync(path.join(dataDir, 'db', 'PG_VERSION'))) return;
  const result = spawnSync(process.execPath, ['--liftoff-only', path.join(root, 'scripts/create-embedded-database.ts'), dataDir], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main(): Promise<void> {
  restrictNewFiles();
  const cfg = config();
  if (process.env.SKIP_BUILD !== '1') buildIfStale();
  if (!cfg.databaseUrl) createEmbeddedDatabaseApart(cfg.dataDir);
  const report = await bootWhenDatabaseReady({ seedDemo: seedDemoOnStart });
  if (report.migrations.length) announce(`Applied migrations: ${report.migrations.join(', ')}`);
  if (report.seeded.agencies || report.seeded.contacts || report.seeded.calendarDays)
    announce(`Seeded ${report.seeded.agencies} agencies, the published contact details of ${report.seeded.contacts} and ${report.seeded.calendarDays} calendar days.`);
  const history = report.demo?.history;
  if (history)
    announce(`Added a year of demo history: ${history.dossiers} dossiers, ${history.events} events, ${history.visits} reception visits, ${history.responses} survey responses${interactive ? ` (tracking PIN ${HISTORY_PIN})` : ''}.`);

  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // The adapter's handler returns a promise that settles when the page is done (src/server/shutdown.ts waits for it).
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> };
  const builtFile = staticFiles(path.join(root, 'dist/client'));
  const headers = securityHeaders(cfg.publicUrl);
  const server = http.createServer();
  const connections = drainable(server);
  server.on(
    'request',
    connections.listener(
      logRequests(log(), (req, res) => {
        applySecurityHeaders(res, headers);
        // As the adapter's standalone server did: a URL that cannot be decoded is the client's error.
        try {
          decodeURI(req.url ?? '/');
        } catch {
          res.writeHead(400).end('Bad request.');
          return;
        }
        if (builtFile(req, res)) return;
        coalesceWrites(res);
        return handler(req, res);
      }),
    ),
  );
  server.listen(cfg.port, cfg.host, () => {
    const where = `http://${cfg.host.includes(':') ? `[${cfg.host}]` : cfg.host}:${cfg.port}/`;
    const database = report.handle.kind === 'pglite' ? `embedded (${path.join(cfg.dataDir, 'db')})` : 'PostgreSQL';
    if (!interactive) log().info({ url: where, database: report.handle.kind }, 'listening');
    else {
      console.log(`\nCổng thông tin THADS đang chạy / THADS portal running at ${where}`);
      console.log(`Database: ${database}`);
    }
    const demoFile = path.join(cfg.dataDir, 'demo-dossiers.json');
    if (interactive && cfg.demoData && fs.existsSync(demoFile)) {
      const demo = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as { code: string; pin: string; status: string }[];
      console.log(`Demo dossiers to track at ${where}tra-cuu-ho-so (code / PIN / status), all in ${demoFile}:`);
      for (const d of demo.slice(0, 5)) console.log(`  ${d.code}  ${d.pin}  ${d.status}`);
      console.log(`Demo staff logins at ${where}can-bo (e-mail / password):`);
      for (const s of demoStaff) console.log(`  ${s.email.padEnd(28)} ${s.password.padEnd(22)} ${s.role}${s.agencyCode ? ` (${s.agencyCode})` : ' (central)'}`);
    }
    warmStatistics(cfg.host, cfg.port);
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    // Repeats are ignored: Ctrl-C under `npm start` reaches this process twice (from the terminal and forwarded by
    // npm), and a service manager may signal the whole group; the drain timeout bounds the stop anyway.
    if (stopping) return;
    stopping = true;
    log().info({ signal, drainMs: DRAIN_MS }, 'stopping: no new connections, finishing requests in flight');
    const { cut } = await connections.drain(DRAIN_MS);
    if (cut) log().warn({ cut }, 'stopping: requests still running after the drain timeout were cut');
    // After the requests: one of them may have queued mail the worker's current pass sends.
    await stopBackgroundJobs();
    await closeSharedDatabase();
    log().info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The public statistics in their default view are the page most read and the costliest to compute (every dossier of
 * the last twelve months): asking for them once at start and then within the cache's stale window keeps them
 * answered from the cache (src/server/stats/cache.ts), which lives in the server bundle, hence through HTTP.
 */
function warmStatistics(host: string, port: number) {
  const loopback = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const warm = () => {
    for (const page of ['/thong-ke', '/en/statistics'])
      http.get({ host: loopback, port, path: page }, (res) => res.resume()).on('error', () => {});
  };
  setTimeout(warm, 1_000).unref();
  setInterval(warm, 5 * 60_000).unref();
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DatabaseLockedError || isDatabaseUnavailable(err)) {
    console.error(err.message);
    process.exit(1);
  }
  log().fatal({ err }, 'start failed');
  process.exit(1);
});
