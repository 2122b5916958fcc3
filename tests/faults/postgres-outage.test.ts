/**
 * PostgreSQL stopped in the middle of a load of citizens applying: while it is down every answer is the 503 page (in
 * the language of the URL, with Retry-After), never a 500 or a hang; once it is back the same server process serves
 * again within seconds; every application the citizen saw a dossier code for is in the database exactly once.
 * Also: a portal started while its database is down waits for it instead of exiting.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startCluster, type PgCluster } from '../support/pg-cluster.ts';
import { checkDossiers } from './invariants.ts';
import { apply, Portal, startPortal, type Attempt, type Exchange, type Locale } from './portal.ts';
import { port } from './ports.ts';

const OUTAGE_MS = Number(process.env.FAULTS_OUTAGE_MS ?? 3000);
const CITIZENS = 6;
const RECOVERY_LIMIT_MS = 5000;

const UNAVAILABLE_TITLE: Record<Locale, string> = {
  vi: '<h1>Dịch vụ tạm thời gián đoạn</h1>',
  en: '<h1>The service is briefly unavailable</h1>',
};

let cluster: PgCluster;
let url: string;
before(async () => {
  cluster = await startCluster({ port: await port('PG') });
  url = await cluster.createDatabase('faults_outage');
});
after(async () => {
  await cluster?.remove();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('PostgreSQL stopped mid-load: 503 pages meanwhile, recovery without a restart, no acknowledged submission lost', async (t) => {
  const portal = await startPortal({ databaseUrl: url, port: await port('HTTP') });
  t.after(() => portal.remove());
  const attempts: Attempt[] = [];
  let running = true;
  let ip = 0;
  const citizen = async (locale: Locale) => {
    while (running) {
      const n = ++ip;
      attempts.push(await apply(portal.base, { locale, ip: `2001:db8::${n.toString(16)}`, label: `outage-${n}`, withFile: true }));
    }
  };
  const citizens = Array.from({ length: CITIZENS }, (_, i) => citizen(i % 2 === 0 ? 'vi' : 'en'));
  const acknowledged = () => attempts.filter((a) => a.code !== null).length;

  // Load first, then the outage in the middle of it.
  while (acknowledged() < 6) await sleep(20);
  const ackBefore = acknowledged();
  const stopping = performance.now();
  await cluster.stop('fast');
  const stopped = performance.now();
  // A staff member's page: the session look-up itself fails, and the 503 page still renders.
  const staff = await fetch(`${portal.base}/can-bo`, { headers: { Cookie: `thads_staff=${'a'.repeat(24)}.${'b'.repeat(24)}` }, redirect: 'manual' });
  const staffPage = await staff.text();
  await sleep(OUTAGE_MS);
  const restarting = performance.now();
  await cluster.start();
  const restarted = performance.now();

  // Back, in the same server process: the first answer from the database to a request sent after the restart, and
  // an application begun after it that goes through.
  const servedAgain = () => attempts.flatMap((a) => a.exchanges).filter((e) => e.at >= restarted && e.status !== 503 && e.status !== 0);
  const appliedAgain = () => attempts.filter((a) => a.code !== null && a.exchanges[0]!.at >= restarted);
  while (appliedAgain().length === 0 && performance.now() - restarted < 30_000) await sleep(20);
  await sleep(1000);
  running = false;
  await Promise.all(citizens);

  const exchanges = attempts.flatMap((a) => a.exchanges);
  const during = exchanges.filter((e) => e.at >= stopped && e.at < restarting);
  const statuses = (list: Exchange[]) => Object.entries(Object.groupBy(list, (e) => String(e.status))).map(([s, l]) => `${s}×${l!.length}`).join(' ');
  t.diagnostic(`all answers: ${statuses(exchanges)}; while down: ${statuses(during)}`);

  if (exchanges.some((e) => e.status === 0 || e.status === 500)) t.diagnostic(`server log (end): ${portal.output.slice(-4000)}`);
  // Never a 500, a reset connection or a hang (status 0), before, during or after.
  assert.deepEqual(exchanges.filter((e) => ![200, 303, 503].includes(e.status)).map((e) => `${e.step} ${e.status}`), []);
  // While the server is down, only the 503 page, in the language of the URL, with Retry-After.
  assert.ok(during.length >= CITIZENS, `only ${during.length} requests during the outage`);
  for (const e of during) {
    assert.equal(e.status, 503, `${e.step} (${e.locale}) answered ${e.status} during the outage`);
    assert.equal(e.retryAfter, '120');
    assert.ok(e.body.includes(UNAVAILABLE_TITLE[e.locale]), `${e.step} (${e.locale}): not the ${e.locale} 503 page`);
    assert.ok(e.body.includes(`<html lang="${e.locale}"`), `${e.step}: page not in ${e.locale}`);
  }

  assert.equal(staff.status, 503);
  assert.ok(staffPage.includes(UNAVAILABLE_TITLE.vi));

  assert.ok(appliedAgain().length > 0, 'no application went through after PostgreSQL came back');
  const recoveryMs = Math.min(...servedAgain().map((e) => e.done)) - restarted;
  assert.ok(recoveryMs < RECOVERY_LIMIT_MS, `serving again only after ${Math.round(recoveryMs)} ms`);
  const applicationMs = Math.min(...appliedAgain().map((a) => a.exchanges.at(-1)!.done)) - restarted;

  const drafts = new Map(attempts.filter((a) => a.draft !== null).map((a) => [a.draft!, a.code]));
  const verdict = await checkDossiers(url, drafts, { filePerDossier: true });
  assert.deepEqual(verdict.problems, []);
  assert.equal(verdict.acknowledgedFound, acknowledged());
  const startedDuring = attempts.filter((a) => a.exchanges[0]!.at >= stopped && a.exchanges[0]!.at < restarting).length;
  t.diagnostic(
    `attempts ${attempts.length}, acknowledged ${acknowledged()} (${ackBefore} before the stop), lost 0; ` +
      `begun during the ${OUTAGE_MS} ms outage ${startedDuring}, requests answered while down ${during.length} (all 503); ` +
      `in the database but not acknowledged ${verdict.unacknowledged}; stop took ${Math.round(stopped - stopping)} ms, ` +
      `serving again ${Math.round(recoveryMs)} ms after PostgreSQL was up (its start took ${Math.round(restarted - restarting)} ms), ` +
      `first application begun after that acknowledged at ${Math.round(applicationMs)} ms`,
  );
});

test('a portal started while PostgreSQL is down waits for it, then serves', async (t) => {
  await cluster.stop('fast');
  const portal = new Portal({ databaseUrl: url, port: await port('HTTP', 1) });
  t.after(() => portal.remove());
  const starting = portal.start();
  // It says why it waits, and keeps waiting.
  while (!portal.output.includes('trying again in 2 s')) await sleep(50);
  assert.match(portal.output, /Starting: .*The database is unavailable: connect ECONNREFUSED/);
  await cluster.start();
  await starting;
  const attempt = await apply(portal.base, { locale: 'vi', ip: '2001:db8::ffff', label: 'late-start', withFile: false });
  assert.match(attempt.code ?? '', /^\d{2}-\d{6}-[A-Z0-9]{6}$/);
});
