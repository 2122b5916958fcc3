/**
 * Two instances of the built portal on one PostgreSQL database, each with its own DATA_DIR, both mail workers sending
 * to one SMTP sink: what one instance does, the other sees (sessions, limits, the outbox, import jobs, the calendar).
 * `npm run test:instances` (tests/instances/harness.ts starts the processes).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { demoStaff } from '../../db/seed/demo.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import { todayInVietnam } from '../../src/server/calendar.ts';
import { openPostgres, type DbHandle } from '../../src/server/db.ts';
import { csvRow, HEADER } from '../helpers/registry-csv.ts';
import { Client, freshDatabase, ports, startInstance, startSink, until, type Instance } from './harness.ts';

const staff = (role: (typeof demoStaff)[number]['role']) => demoStaff.find((s) => s.role === role)!;
const signInPath = `/can-bo/dang-nhap?_action=staffSignIn&tiep=${encodeURIComponent('/can-bo')}`;

async function signIn(client: Client, base: string, role: (typeof demoStaff)[number]['role']) {
  const account = staff(role);
  const res = await client.post(base, signInPath, { email: account.email, password: account.password });
  assert.ok([200, 302, 303].includes(res.status), `sign-in answered ${res.status}`);
  const home = await client.get(base, '/can-bo');
  assert.equal(home.status, 200, `signed in as ${role}`);
  assert.ok(home.text.includes(account.fullName));
}


describe('two instances on one PostgreSQL', { timeout: 600_000 }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let handle: DbHandle;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let a: Instance;
  let b: Instance;
  const env = () => ({ databaseUrl: database.url, smtpUrl: sink.url });
  type Progress = { status: string; bytes: number; bytesRead: number; rows: number };
  const progressOnB = async (client: Client, id: string) => JSON.parse((await client.get(b.base, `/can-bo/danh-sach/nhap/${id}/tien-do.json`)).text) as Progress;

  before(async () => {
    database = await freshDatabase();
    handle = openPostgres(database.url);
    sink = await startSink(ports.smtp);
    // A first: it may build the site, and it loads the demo data the tests use; B then starts on the same database.
    a = await startInstance('a', { port: ports.a, ...env(), build: true });
    b = await startInstance('b', { port: ports.b, ...env() });
  });

  after(async () => {
    const logs = path.resolve('test-results/instances');
    fs.mkdirSync(logs, { recursive: true });
    for (const instance of [a, b]) {
      if (!instance) continue;
      await instance.stop();
      fs.writeFileSync(path.join(logs, `two-instances-${instance.name}.log`), instance.output());
      fs.rmSync(instance.dataDir, { recursive: true, force: true });
    }
    await sink?.close();
    await handle?.close();
    await database?.drop();
  });

  it('a staff session made on A works on B, and signing out on A ends it on B', async () => {
    const browser = new Client('198.51.100.10');
    await signIn(browser, a.base, 'reception');
    const onB = await browser.get(b.base, '/can-bo');
    assert.equal(onB.status, 200);
    assert.ok(onB.text.includes(staff('reception').fullName));

    const stolen = new Client('198.51.100.10');
    for (const [k, v] of browser.cookies) stolen.cookies.set(k, v);
    const out = await browser.post(a.base, '/can-bo/dang-xuat', {});
    assert.equal(out.status, 303);
    // The same cookie, replayed on B after the sign-out on A, no longer opens the back office.
    const replayed = await stolen.get(b.base, '/can-bo');
    assert.equal(replayed.status, 303);
    assert.match(replayed.location ?? '', /^\/can-bo\/dang-nhap\?tiep=/);
  });

  it('sign-in failures of an address counted on A refuse it on B (20 per 15 minutes)', async () => {
    const attacker = new Client('198.51.100.20');
    for (let i = 1; i <= 20; i++) {
      const res = await attacker.post(a.base, signInPath, { email: `khong-co-${i}@thads.gov.vn`, password: 'sai-mat-khau' });
      assert.notEqual(res.status, 429, `failure ${i} on A is still answered`);
    }
    const onB = await attacker.post(b.base, signInPath, { email: 'khong-co-21@thads.gov.vn', password: 'sai-mat-khau' });
    assert.equal(onB.status, 429);
    assert.ok(Number(onB.headers.get('retry-after')) > 0);
  });

  it('the public list search limit reached on A applies on B', async () => {
    const harvester = new Client('198.51.100.30');
    let searches = 0;
    await until('the limit on A', async () => {
      searches++;
      const res = await harvester.get(a.base, `/danh-sach-chua-co-dieu-kien-thi-hanh?ten=Nguyen+Van+${searches}`);
      return res.status === 429 || searches > 2000 ? res : undefined;
    });
    assert.ok(searches <= 2000, 'A limits searches');
    const onB = await harvester.get(b.base, '/danh-sach-chua-co-dieu-kien-thi-hanh?ten=Nguyen+Van+B');
    assert.equal(onB.status, 429, `B refuses the address A refused after ${searches - 1} searches`);
  });

  it('wrong PINs counted on both lock a code; lock mails queued by both and 200 more are each delivered once by the two workers', async () => {
    const demo = JSON.parse(fs.readFileSync(path.join(a.dataDir, 'demo-dossiers.json'), 'utf8')) as { code: string; pin: string }[];
    const locked = demo.slice(0, 8);
    assert.equal(locked.length, 8);
    for (const [i, d] of locked.entries()) {
      const citizen = new Client(`203.0.113.${40 + i}`);
      const wrong = d.pin === '111111' ? '222222' : '111111';
      // Attempts alternate between the instances; the fifth, which locks the code and queues the mail, is on A for
      // the first four dossiers and on B for the others.
      for (let attempt = 1; attempt <= 5; attempt++) {
        const onA = attempt === 5 ? i < 4 : attempt % 2 === 1;
        const res = await citizen.post(onA ? a.base : b.base, '/tra-cuu-ho-so?_action=trackDossier', { code: d.code, pin: wrong });
        assert.ok(res.status < 500, `attempt ${attempt} answered ${res.status}`);
      }
      const right = await citizen.post(b.base, '/tra-cuu-ho-so?_action=trackDossier', { code: d.code, pin: d.pin });
      assert.equal(right.status, 429, `${d.code} is locked for both instances, even against its PIN`);
    }
    const lockMails = await sql<{ n: number }>`select count(*)::int as n from mail_outbox where kind = 'tracking_locked'`.execute(handle.db);
    assert.equal(lockMails.rows[0]!.n, 8);

    await sql`insert into mail_outbox (to_address, subject, text_body, kind)
      select 'nguoi.nhan.' || i || '@example.org', 'Thư thử số ' || i, 'Nội dung thư ' || i, 'instances_test'
      from generate_series(1, 200) as i`.execute(handle.db);
    const outbox = await until('an empty outbox', async () => {
      const rows = await sql<{ id: number; status: string }>`select id, status from mail_outbox order by id`.execute(handle.db);
      return rows.rows.every((r) => r.status === 'sent') ? rows.rows : undefined;
    });
    // Every row of the outbox reached the sink exactly once (the Message-ID carries the row's id).
    const byId = new Map<number, number>();
    for (const m of sink.received) {
      const id = Number(/^<outbox\.(\d+)\./.exec(m.messageId)?.[1]);
      byId.set(id, (byId.get(id) ?? 0) + 1);
    }
    const twice = [...byId].filter(([, n]) => n > 1).map(([id]) => id);
    assert.deepEqual(twice, [], 'no mail sent twice');
    assert.deepEqual(outbox.map((r) => byId.get(r.id) ?? 0).filter((n) => n !== 1), [], 'every mail sent once');
    assert.equal(sink.received.length, outbox.length);
    assert.ok(outbox.length >= 208);
    console.log(`outbox: ${outbox.length} rows queued (208 by this test), ${sink.received.length} delivered, ${new Set(sink.received.map((m) => m.messageId)).size} distinct`);
  });

  it('an import running on A shows its progress on B and survives the restart of B', async () => {
    const clerk = new Client('198.51.100.50');
    await signIn(clerk, a.base, 'reception');
    // The check waits at its first look-up of the published entries while this lock is held: the job stays running,
    // its heartbeat going on, for as long as the test needs, on any machine.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    let id = '';
    try {
      await locker.query('begin');
      await locker.query('lock table registry_entries in access exclusive mode');
      const rows = Array.from({ length: 20_000 }, (_, i) => csvRow({ debtor_name: `Trần Thị Nhập Hai ${i}`, judgment_number: `${i + 1}/2025/DS-ST` }));
      const form = new FormData();
      form.set('mode', 'dry');
      form.set('file', new File([[HEADER, ...rows].join('\n')], 'hai-may.csv', { type: 'text/csv' }));
      const started = await clerk.post(a.base, '/can-bo/danh-sach/nhap?_action=registryImport', form);
      assert.ok(started.status < 400, `upload answered ${started.status}`);
      id = (await sql<{ id: string }>`select id from registry_imports where file_name = 'hai-may.csv'`.execute(handle.db)).rows[0]!.id;

      // B reads the progress that A's heartbeat (every 5 s) wrote into the row.
      const seen = await until('progress on B', async () => {
        const p = await progressOnB(clerk, id);
        assert.equal(p.status, 'running');
        return p.bytesRead > 0 ? p : undefined;
      });
      assert.ok(seen.bytesRead < seen.bytes, `${seen.bytesRead} of ${seen.bytes} bytes read`);
      const page = await clerk.get(b.base, `/can-bo/danh-sach/nhap/${id}`);
      assert.ok(page.text.includes('Đang kiểm tra tệp'), 'the job page on B shows it running');

      // Without the demo seed, which would wait for the lock too.
      await b.stop();
      b = await startInstance('b', { port: ports.b, ...env(), env: { DEMO_DATA: 'no' } });
      const afterRestart = await sql<{ status: string }>`select status from registry_imports where id = ${id}`.execute(handle.db);
      assert.equal(afterRestart.rows[0]!.status, 'running', 'B started while A was reading the file, and left the job alone');
      assert.equal((await progressOnB(clerk, id)).status, 'running');
      await locker.query('commit');
    } finally {
      await locker.end();
    }
    const done = await until('the end of the import', async () => {
      const p = await progressOnB(clerk, id);
      return p.status !== 'running' ? p : undefined;
    }, 120_000);
    assert.equal(done.status, 'done');
    assert.equal(done.rows, 20_000);
  });

  it('a file checked on A is written by a click that reaches B', async () => {
    const clerk = new Client('198.51.100.51');
    await signIn(clerk, a.base, 'reception');
    // Over 1 MiB: kept in the database in more than one part.
    const rows = Array.from({ length: 4000 }, (_, i) => csvRow({ debtor_name: `Phan Văn Ghi Chéo ${i}`, judgment_number: `${i + 1}/2026/DS-ST` }));
    const text = [HEADER, ...rows].join('\n');
    assert.ok(Buffer.byteLength(text) > 1024 * 1024);
    const form = new FormData();
    form.set('mode', 'dry');
    form.set('file', new File([text], 'cheo.csv', { type: 'text/csv' }));
    assert.ok((await clerk.post(a.base, '/can-bo/danh-sach/nhap?_action=registryImport', form)).status < 400);
    const checked = (await sql<{ id: string }>`select id from registry_imports where file_name = 'cheo.csv'`.execute(handle.db)).rows[0]!.id;
    await until('the check on A', async () => {
      const p = JSON.parse((await clerk.get(a.base, `/can-bo/danh-sach/nhap/${checked}/tien-do.json`)).text) as { status: string };
      return p.status === 'done';
    });
    const page = await clerk.get(b.base, `/can-bo/danh-sach/nhap/${checked}`);
    assert.ok(page.text.includes('Ghi vào danh sách'), 'B offers to write the file A checked');
    const written = await clerk.post(b.base, `/can-bo/danh-sach/nhap/${checked}?_action=registryImportCommit`, { checked });
    assert.ok(written.status < 400, `the commit on B answered ${written.status}`);
    const commit = await until('the commit on B', async () => {
      const r = await sql<{ status: string; inserted: number | null; instance_id: string }>`select status, inserted, instance_id from registry_imports where checked_by = ${checked}`.execute(handle.db);
      return r.rows[0] && r.rows[0].status !== 'running' ? r.rows[0] : undefined;
    });
    assert.equal(commit.status, 'done');
    assert.equal(commit.inserted, 4000);
    assert.match(commit.instance_id, new RegExp(`:${b.process.pid}:`), 'written by B');
  });

  it('a day off and agency contact details changed by an administrator on A are what B shows, at once', async () => {
    const admin = new Client('198.51.100.60');
    const head = new Client('198.51.100.61');
    await signIn(admin, a.base, 'admin');
    await signIn(head, b.base, 'head');
    const today = todayInVietnam();
    const open = await sql<{ code: string; due_date: string }>`select code, to_char(due_date, 'YYYY-MM-DD') as due_date from dossiers
      where agency_code = 'HNI' and status in ('received', 'in_progress') and due_date > ${today}::date order by due_date desc limit 1`.execute(handle.db);
    const dossier = open.rows[0];
    assert.ok(dossier, 'a demo dossier of Hà Nội with its due date ahead');
    const daysLeft = async () => {
      const res = await head.get(b.base, `/can-bo/ho-so/${dossier.code}`);
      assert.equal(res.status, 200);
      return Number(/còn (\d+) ngày/.exec(res.text)?.[1]);
    };
    const before = await daysLeft();
    assert.ok(before >= 2, `${before} working days left`);

    // A working day between today and the due date becomes a day off.
    const calendar = await loadCalendar(handle.db);
    const day = calendar.addWorkingDays(today, 1);
    assert.ok(day < dossier.due_date);
    const added = await admin.post(a.base, `/can-bo/quan-tri/lich?_action=adminUpsertCalendarDay&nam=${day.slice(0, 4)}`, {
      date: day,
      kind: 'off',
      name_vi: 'Nghỉ bù do mất điện',
      name_en: 'Day off after a power cut',
    });
    assert.ok(added.status < 400, `the calendar form answered ${added.status}`);
    assert.equal(await daysLeft(), before - 1);

    // B keeps its directory page in its route cache: the change's notification drops it (src/page-cache-provider.ts),
    // so contact details changed on A are on B's page at once.
    const visitor = new Client('198.51.100.62');
    assert.ok(!(await visitor.get(b.base, '/co-quan-thi-hanh-an?province=HNI')).text.includes('024 3999 1212'));
    const contacts = await admin.post(a.base, `/can-bo/quan-tri/co-quan?_action=adminUpdateAgencyContacts&co-quan=HNI`, {
      code: 'HNI',
      address: 'Số 1 phố Thử Nghiệm, Hà Nội',
      phone: '024 3999 1212',
      email: 'thads.hanoi@moj.gov.vn',
      head_name: 'Nguyễn Văn Thủ Trưởng',
    });
    assert.ok(contacts.status < 400, `the agency form answered ${contacts.status}`);
    assert.ok((await visitor.get(b.base, '/co-quan-thi-hanh-an?province=HNI')).text.includes('024 3999 1212'));
  });
});
