/**
 * `npm run fuzz` (and `npm run test:fuzz`, a small fixed-seed sample): hostile input against every form of the built
 * portal. See README, "Hostile input (fuzzing)".
 *
 *   FUZZ_RUNS          cases per endpoint (default 10000)
 *   FUZZ_SEED          fast-check seed (default: random, printed; replay a failure with the seed it prints)
 *   FUZZ_ONLY          run only endpoints whose name contains this text
 *   FUZZ_PATH          fast-check path of a failure to replay (with FUZZ_SEED and FUZZ_ONLY)
 *   FUZZ_CONCURRENCY   endpoints fuzzed at once (default 4)
 *   FUZZ_MINUTES       a time budget: each endpoint stops early at its share of it (the report says how many ran)
 *   FUZZ_PORT / FUZZ_SMTP_PORT   the server's and the SMTP sink's ports (default 4397 / 2527)
 *   DATABASE_URL       a PostgreSQL server: the run gets a database of its own there; unset: the embedded database
 *   FUZZ_KEEP_DB       keep that database afterwards, to look into it
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { openDatabase } from '../../src/server/db.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { caseOf, checkResponse, PropertyFailure, requestOf, type Case, type Template } from './cases.ts';
import { formsOf, actionOf } from './forms.ts';
import { Jar, nextIp, send, encodeBody, type Received, type Sent } from './http.ts';
import { checkInvariants } from './invariants.ts';
import { startServer } from './server.ts';
import { endpointOf, pagesToRead, prepareBrowsers, readTemplates, signIn, type Browsers } from './setup.ts';
import { fuzzTargets } from './coverage.ts';

const env = process.env;
const runs = Number(env.FUZZ_RUNS ?? 10_000);
const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const only = env.FUZZ_ONLY;
const replayPath = env.FUZZ_PATH;
const concurrency = Number(env.FUZZ_CONCURRENCY ?? 4);
const budgetMs = env.FUZZ_MINUTES ? Number(env.FUZZ_MINUTES) * 60_000 : undefined;

interface Tally {
  cases: number;
  statuses: Map<number, number>;
  ms: number;
}
const tallies = new Map<string, Tally>();
const tally = (endpoint: string) => {
  let t = tallies.get(endpoint);
  if (!t) tallies.set(endpoint, (t = { cases: 0, statuses: new Map(), ms: 0 }));
  return t;
};

const CONFIRMATION = /\/(xac-nhan|confirmation)$/;

/**
 * The drafts a browser holds (src/actions/draft-cookie.ts): a submission the portal confirms is one of them (the
 * action submits only the draft its cookie names).
 */
const draftsOf = (jar: Jar) => [...jar.cookies].filter(([name]) => /^thads_(draft|counter)_/.test(name)).map(([, id]) => id);

/** Draft ids whose submission the portal acknowledged (303 to the confirmation). */
const acknowledged = new Set<string>();

/** Requests whose pooled keep-alive connection was closed under them, and that were answered when sent again. */
let resent = 0;

async function hit(base: string, endpoint: string, sent: Sent): Promise<Received> {
  let got = await send(base, sent);
  // A pooled connection the server closed as idle just as the client reused it looks like a reset; the request is
  // sent once more. A real failure (a render cut mid-stream, a crash) fails again, and the server logs it.
  if (got.networkError && (sent.body?.bytes.length ?? 0) <= 51 * 1024 * 1024) {
    const again = await send(base, sent);
    if (!again.networkError) resent++;
    got = again;
  }
  const t = tally(endpoint);
  t.statuses.set(got.status, (t.statuses.get(got.status) ?? 0) + 1);
  checkResponse(sent, got);
  return got;
}

/**
 * After a form of the application was saved complete (303 to the check page): the check page, its submit form, and
 * the confirmation — the submission the invariants then look for in the database.
 */
async function followApplication(base: string, jar: Jar, location: string): Promise<void> {
  const check = await hit(base, endpointOf('GET', location), { method: 'GET', url: location, jar, ip: nextIp(), origin: 'same' });
  if (check.status !== 200) return;
  const form = formsOf(check.text, location).find((f) => actionOf(f) === 'submitApplication');
  if (!form) throw new PropertyFailure(`${location}: no submit form on the check page`);
  const fields = form.fields.map((f): [string, { kind: 'text'; value: string }] => [f.name, { kind: 'text', value: f.values[0] ?? '' }]);
  const draft = fields.find(([n]) => n === 'draft')?.[1].value;
  const endpoint = endpointOf('POST', form.action);
  tally(endpoint).cases++;
  const sent: Sent = { method: 'POST', url: form.action, jar, body: encodeBody(fields, 'urlencoded'), ip: nextIp(), origin: 'same' };
  const submitted = await hit(base, endpoint, sent);
  const to = submitted.headers.get('location') ?? '';
  if (submitted.status === 303 && CONFIRMATION.test(to) && draft) {
    acknowledged.add(draft);
    await hit(base, endpointOf('GET', to), { method: 'GET', url: to, jar, ip: nextIp(), origin: 'same' });
  }
}

let sinkQueue: Promise<unknown> = Promise.resolve();

/**
 * One case: the request, its properties, and what follows a success worth following. The throw-away account's cases
 * run one at a time: one of them signing it out everywhere must not end another's session half-way.
 */
function runCase(b: Browsers, templates: Template[], c: Case): Promise<void> {
  if (templates[c.template]!.role !== 'sink') return runOneCase(b, templates, c);
  const run = sinkQueue.then(() => runOneCase(b, templates, c));
  sinkQueue = run.catch(() => {});
  return run;
}

async function runOneCase(b: Browsers, templates: Template[], c: Case): Promise<void> {
  const t = templates[c.template]!;
  const started = performance.now();
  const jar = t.role === 'citizen' ? new Jar() : b.jars.get(t.role)!.clone();
  // Never disable, reset or re-role the accounts the fuzzer works as: such a value is pointed at the victim account.
  for (const p of c.plan) {
    if (p.field.name === 'staffId') for (const v of p.values) if (v.kind === 'text' && b.protectedStaffIds.has(v.value.trim())) v.value = b.victimId;
  }
  const sent = requestOf(c, t, jar);
  if (sent.url.includes('tai-khoan=')) sent.url = sent.url.replace(/tai-khoan=(\d+)/g, (m, id: string) => (b.protectedStaffIds.has(id) ? `tai-khoan=${b.victimId}` : m));
  const drafts = draftsOf(jar);
  const got = await hit(b.base, t.endpoint, sent);
  const location = got.headers.get('location') ?? '';
  if (got.status === 303 && CONFIRMATION.test(location)) for (const d of drafts) acknowledged.add(d);
  if (got.status === 303 && /\/(kiem-tra|check)$/.test(new URL(location, b.base).pathname)) await followApplication(b.base, jar, new URL(location, b.base).pathname);
  if (t.role === 'sink') await keepSinkSignedIn(b);
  const tl = tally(t.endpoint);
  tl.cases++;
  tl.ms += performance.now() - started;
}

/** The throw-away account signs in again whenever a case signed it out (everywhere) or changed what it needs. */
async function keepSinkSignedIn(b: Browsers): Promise<void> {
  const jar = b.jars.get('sink')!;
  const probe = await send(b.base, { method: 'GET', url: '/can-bo/tai-khoan', jar: jar.clone(), ip: nextIp(), origin: 'same' });
  if (probe.status === 200) return;
  await signIn(b.base, jar, b.sink.email, b.sink.password);
}

interface Failure {
  endpoint: string;
  message: string;
  seed: number;
  path: string | undefined;
}

async function fuzzEndpoint(b: Browsers, endpoint: string, templates: Template[], failures: Failure[], timeLimit: number | undefined): Promise<void> {
  const examples = (t: Template) => {
    const code = t.form.fields.find((f) => f.name === 'procedure')?.values[0];
    return (code && procedureByCode(code)?.example) || {};
  };
  const property = fc.asyncProperty(caseOf(templates, examples), (c) => runCase(b, templates, c));
  const details = await fc.check(property, { numRuns: runs, seed, path: replayPath, endOnFailure: true, interruptAfterTimeLimit: timeLimit, markInterruptAsFailure: false });
  if (details.failed) {
    const err = details.errorInstance as Error | undefined;
    failures.push({ endpoint, message: err?.message ?? String(details.errorInstance), seed: details.seed, path: details.counterexamplePath ?? undefined });
  }
}

function report(startedAt: number): void {
  const all = new Map<number, number>();
  const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
  console.log('\nCases per endpoint, mean time per case, statuses of every request made for it:');
  for (const [endpoint, t] of rows) {
    for (const [s, n] of t.statuses) all.set(s, (all.get(s) ?? 0) + n);
    const hist = [...t.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`  ${String(t.cases).padStart(6)}  ${(t.cases ? t.ms / t.cases : 0).toFixed(0).padStart(5)} ms  ${endpoint}  [${hist}]`);
  }
  const total = rows.reduce((n, [, t]) => n + t.cases, 0);
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(`\nStatus histogram: ${[...all].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  console.log(`${total} cases on ${rows.length} endpoints in ${seconds.toFixed(0)} s (${(total / seconds).toFixed(1)} cases/s); ${resent} requests sent again after a closed keep-alive connection.`);
}

async function main(): Promise<void> {
  const targets = fuzzTargets();
  console.log(`Fuzzing with seed ${seed}, ${runs} cases per endpoint.`);
  const server = await startServer({ port: Number(env.FUZZ_PORT ?? 4397), smtpPort: Number(env.FUZZ_SMTP_PORT ?? 2527), databaseUrl: env.DATABASE_URL });
  const failures: Failure[] = [];
  let invariantsBroken = 0;
  const startedAt = Date.now();
  try {
    const b = await prepareBrowsers(server.base, server.dataDir);
    const byEndpoint = await readTemplates(b);
    const notFound = targets.filter((name) => ![...byEndpoint.keys()].some((e) => e.endsWith(`?_action=${name}`) || e === name));
    if (notFound.length) throw new Error(`No page offers a form for: ${notFound.join(', ')} (add the page to tests/fuzz/setup.ts)`);
    const since = new Date();
    const queue = [...byEndpoint].filter(([e]) => !only || e.includes(only));
    console.log(`${queue.length} endpoints, from ${[...byEndpoint.values()].reduce((n, l) => n + l.length, 0)} forms.`);
    const share = budgetMs === undefined ? undefined : Math.floor((budgetMs * concurrency) / queue.length);
    const workers = Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await fuzzEndpoint(b, next[0], next[1], failures, share);
    });
    await Promise.all(workers);
    // Stored payloads: every page read before the run is read again, now showing what the cases wrote (the queue,
    // lists, logs, the dossiers' pages), and held to the same properties.
    if (!only) {
      for (const page of pagesToRead(b)) {
        try {
          const name = `${endpointOf('GET', page.path)} (after the run)`;
          tally(name).cases++;
          await hit(server.base, name, { method: 'GET', url: page.path, jar: b.jars.get(page.role)!.clone(), ip: nextIp(), origin: 'same' });
        } catch (err) {
          failures.push({ endpoint: `GET ${page.path} (after the run)`, message: (err as Error).message, seed, path: undefined });
        }
      }
    }
    report(startedAt);
    await server.stop();
    const handle = await openDatabase({ databaseUrl: server.databaseUrl, dataDir: server.dataDir });
    try {
      const inv = await checkInvariants(handle.db, acknowledged, since);
      console.log(`\nDatabase: ${inv.newDossiers} dossiers made during the run, ${acknowledged.size} submissions acknowledged.`);
      for (const x of inv.broken) console.log(`INVARIANT BROKEN: ${x.invariant}\n  ${JSON.stringify(x.rows)}`);
      invariantsBroken = inv.broken.length;
      if (!invariantsBroken) console.log('Every database invariant holds.');
    } finally {
      await handle.close();
    }
  } finally {
    await server.stop();
    if (failures.length || invariantsBroken) {
      fs.mkdirSync(path.dirname(server.dataDir), { recursive: true });
      fs.writeFileSync(path.join(path.dirname(server.dataDir), 'fuzz-server.log'), server.log());
    }
    if (!env.FUZZ_KEEP_DB) await server.dropDatabase();
  }
  for (const f of failures) {
    console.log(`\nFAILED ${f.endpoint}\n${f.message}\nReplay: FUZZ_SEED=${f.seed} FUZZ_ONLY='${f.endpoint}' FUZZ_PATH='${f.path}' npm run fuzz`);
  }
  if (failures.length || invariantsBroken) {
    console.log('\nThe server log is in test-results/fuzz-server.log.');
    process.exit(1);
  }
}

await main();
