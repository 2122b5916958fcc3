// `npm run bench:load`: N citizens at once apply online for LOAD_SECONDS against the built server (as `npm start`
// runs it) on a throw-away PostgreSQL database, then the database is checked against what each client was told:
// every acknowledged dossier stored exactly once, nothing stored that no client submitted.
//   LOAD_CLIENTS   concurrent citizens (default 200); each runs the whole flow again as soon as it ends (no think time)
//   LOAD_SECONDS   how long new flows start (default 60); flows under way then may finish within LOAD_GRACE_SECONDS (60)
//   LOAD_DOUBLE    share of flows that post the submission twice at once, as a double click does (default 0.1)
//   LOAD_PORT      server port (default 4396); LOAD_KEEP=1 keeps the database
//   LOAD_PROFILE   a directory: the server runs with --cpu-prof and writes its profile there when it stops
// Usage: npm run build && npm run bench:load        (exits 1 when a dossier is lost or doubled, or on any 5xx)
import os from 'node:os';
import { Agent } from 'undici';
import { procedures } from '../src/server/catalog/index.ts';
import { auditRun } from './load-audit.ts';
import { citizenFlow, type FlowOutcome } from './load-citizen.ts';
import { backendCpuSeconds, cpuSecondsOf, machineCpu, memoryOf, sampleRss } from './process-usage.ts';
import { startBenchServer } from './server.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};
const clients = Math.max(1, Math.round(env('LOAD_CLIENTS', 200)));
const seconds = env('LOAD_SECONDS', 60);
const graceSeconds = env('LOAD_GRACE_SECONDS', 60);
const doubleShare = env('LOAD_DOUBLE', 0.1);
const port = String(env('LOAD_PORT', 4396));

// Every procedure but the list correction, which needs a published entry of the public list this bench does not load.
const mix = procedures.filter((p) => p.code !== 'DCDS');

/**
 * Each flow is a new citizen with an address of its own (documentation prefix): per-address limits apply per
 * citizen, as they would, and a client slot that runs hundreds of flows on a quiet machine is not one person
 * sending hundreds of applications.
 */
// A /64 of its own, too: a limiter may count an IPv6 network rather than one address.
const addressOf = (flow: number) => `2001:db8:${Math.floor((flow + 1) / 0x10000).toString(16)}:${((flow + 1) % 0x10000).toString(16)}::1`;

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const ms = (v: number) => (Number.isNaN(v) ? '–' : `${Math.round(v)} ms`);

const database = await throwawayDatabase('load');
const profile = process.env.LOAD_PROFILE;
const server = await startBenchServer(port, { DATABASE_URL: database.url, TRUST_PROXY: '1' }, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
const dispatcher = new Agent({ connections: clients, keepAliveTimeout: 30_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
const abort = new AbortController();
const outcomes: FlowOutcome[] = [];
let exitCode = 0;

try {
  // One flow of each procedure first: it proves every form still passes before the figures mean anything.
  for (const procedure of mix) {
    const o = await citizenFlow({ base: server.base, dispatcher, address: '2001:db8:ffff:ffff::1', signal: abort.signal }, procedure, false);
    if (!o.code) throw new Error(`warm-up ${procedure.code} failed at ${o.failure?.step}: ${o.failure?.status}`);
    outcomes.push(o);
  }
  const idle = memoryOf(server.pid);
  const rss = sampleRss(server.pid);
  const cpuBefore = cpuSecondsOf(server.pid);
  const ownCpuBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let flows = 0;
  const everyNth = doubleShare > 0 ? Math.round(1 / doubleShare) : Infinity;

  const client = async () => {
    while (performance.now() < deadline && !abort.signal.aborted) {
      const n = flows++;
      const o = await citizenFlow({ base: server.base, dispatcher, address: addressOf(n), signal: abort.signal }, mix[n % mix.length]!, n % everyNth === everyNth - 1);
      outcomes.push(o);
    }
  };
  const running = Promise.all(Array.from({ length: clients }, client));
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<'grace'>((r) => (graceTimer = setTimeout(() => r('grace'), seconds * 1000 + graceSeconds * 1000)));
  // Flows still under way after the grace are cut off: their submissions are the "in flight at the end".
  if ((await Promise.race([running, grace])) === 'grace') abort.abort();
  clearTimeout(graceTimer);
  await running;
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = cpuSecondsOf(server.pid) - cpuBefore;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const machineAfter = machineCpu();
  const machineBusy = (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total);
  const postgresCpu = await backendCpuSeconds(database.url, database.name);
  const peakPolled = rss.stop();
  const final = memoryOf(server.pid);
  await server.stop();
  await dispatcher.close();
  const audit = await auditRun(database.url, outcomes);

  const measured = outcomes.slice(mix.length);
  const done = measured.filter((o) => o.code !== null);
  const inWindow = measured.filter((o) => o.submittedAt !== null && o.submittedAt <= deadline).length;
  const submitMs = done.map((o) => o.submitMs!).sort((a, b) => a - b);
  const flowMs = done.map((o) => o.flowMs!).sort((a, b) => a - b);
  const errors = new Map<string, number>();
  let fiveXx = 0;
  let cutOff = 0;
  for (const o of measured) {
    for (const s of o.submitStatuses) if (s >= 500) fiveXx++;
    if (!o.failure) continue;
    // Still under way when the grace ran out: the bench stopped them, the server did not fail them.
    if (o.failure.status === 'aborted') {
      cutOff++;
      continue;
    }
    if (typeof o.failure.status === 'number' && o.failure.status >= 500 && o.failure.step !== 'submit') fiveXx++;
    const key = `${o.failure.step} ${o.failure.status}`;
    errors.set(key, (errors.get(key) ?? 0) + 1);
  }

  console.log(`bench:load — ${clients} citizens, ${seconds} s (+ up to ${graceSeconds} s for flows under way), ${Math.round(doubleShare * 100)} % double submits, no think time`);
  console.log(`Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; PostgreSQL ${database.name}; server pid ${server.pid}`);
  console.log(`procedures: ${mix.map((p) => p.code).join(' ')} (YCTHA uploads a PDF)`);
  console.log('');
  console.log(`flows started ${measured.length}, completed ${done.length}, failed ${measured.length - done.length - cutOff}, cut off after the grace ${cutOff}`);
  console.log(`throughput: ${(inWindow / seconds).toFixed(1)} submissions/s (${inWindow} submissions answered within the ${seconds} s; ${(done.length / elapsed).toFixed(1)} flows/s over ${elapsed.toFixed(1)} s with the drain)`);
  console.log(`submit step (POST with the token, both posts of a double submit): p50 ${ms(percentile(submitMs, 50))}, p99 ${ms(percentile(submitMs, 99))}, max ${ms(submitMs.at(-1) ?? NaN)}`);
  console.log(`whole flow (form → save → check → submit → confirmation): p50 ${ms(percentile(flowMs, 50))}, p99 ${ms(percentile(flowMs, 99))}, max ${ms(flowMs.at(-1) ?? NaN)}`);
  console.log(`errors by step and status: ${errors.size ? [...errors].map(([k, v]) => `${k} ×${v}`).join(', ') : 'none'}; 5xx: ${fiveXx}`);
  console.log(`double submits: ${audit.doubleSubmits} acknowledged, ${audit.doubleSubmitsOne} with exactly one dossier`);
  console.log(
    `database: ${audit.dossiers} dossiers; acknowledged ${audit.acknowledged} (with the warm-up), lost ${audit.lost.length}, stored twice ${audit.duplicated.length}, ` +
      `stored but not acknowledged ${audit.unacknowledgedInFlight} (submission sent, answer cut off or failed), unexplained ${audit.phantom.length}`,
  );
  console.log(
    `server RSS: ${idle?.rssMiB.toFixed(0)} MiB idle after warm-up, peak ${peakPolled.toFixed(0)} MiB polled every 250 ms, VmHWM ${final?.hwmMiB.toFixed(0)} MiB`,
  );
  const cores = os.cpus().length;
  console.log(
    `CPU over the run (cores of ${cores}): server ${(serverCpu / elapsed).toFixed(2)}, its PostgreSQL backends ${(postgresCpu / elapsed).toFixed(2)}, ` +
      `load generator ${((ownCpu.user + ownCpu.system) / 1e6 / elapsed).toFixed(2)}, whole machine ${(machineBusy * cores).toFixed(2)} (the rest is other work on this shared machine)`,
  );
  // What a flow costs whatever share of the machine the server got: the figure to compare runs on a noisy machine by.
  const perFlow = (cpuSeconds: number) => `${Math.round((cpuSeconds * 1000) / Math.max(measured.length, 1))} ms`;
  console.log(`CPU per flow: server ${perFlow(serverCpu)}, PostgreSQL ${perFlow(postgresCpu)}`);
  for (const line of [...audit.lost.map((l) => `lost: ${l}`), ...audit.duplicated.map((d) => `twice: ${d}`), ...audit.phantom.map((p) => `unexplained: ${p}`)].slice(0, 20)) console.log(line);
  if (audit.lost.length || audit.duplicated.length || audit.phantom.length || fiveXx || audit.doubleSubmitsOne !== audit.doubleSubmits) exitCode = 1;
} finally {
  abort.abort();
  await server.stop().catch(() => {});
  await database.finish(process.env.LOAD_KEEP === '1');
}
process.exit(exitCode);
