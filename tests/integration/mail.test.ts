import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import type { Kysely } from 'kysely';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { enqueueMail, type NewMail } from '../../src/server/mail/outbox.ts';
import { fileTransport, smtpTransport, transportFromConfig, type MailTransport } from '../../src/server/mail/transport.ts';
import { backoffMs, LEASE_MS, sendDueMail, startMailWorker } from '../../src/server/mail/worker.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import type { Database } from '../../src/server/schema.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { closeAndDrop, completeDraft, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

// Read by config() the first time a mail is rendered in this process.
process.env.HELP_EMAIL = 'hotro@thads.example.gov.vn';

const FROM = 'Cổng dịch vụ công THADS <no-reply@thads.example.gov.vn>';

/** An in-process SMTP server that keeps what it receives and can be told to refuse recipients. */
interface TestSmtp {
  port: number;
  messages: ParsedMail[];
  /** While set, every RCPT TO gets a temporary failure (451). */
  reject: boolean;
  close(): Promise<void>;
}

async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = { port: 0, messages: [], reject: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.reject) callback(Object.assign(new Error('Mailbox temporarily unavailable'), { responseCode: 451 }));
      else callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            state.messages.push(parsed);
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface OutboxState {
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
}

// The Timestamp columns are read as Dates by both drivers; the casts only bridge the schema's typing.
async function outboxRow(db: Kysely<Database>, id: number): Promise<OutboxState> {
  const row = await db
    .selectFrom('mail_outbox')
    .select(['status', 'attempts', 'last_error', 'next_attempt_at', 'sent_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...row, next_attempt_at: row.next_attempt_at as unknown as Date, sent_at: row.sent_at as unknown as Date | null };
}

function mail(overrides: Partial<NewMail> = {}): NewMail {
  return {
    to: 'nguyen.van.hung@example.vn',
    subject: 'Đã nhận hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án',
    text: 'Kính gửi ông/bà Nguyễn Văn Hùng,\n\nCổng dịch vụ công đã nhận hồ sơ của ông/bà ngày 23/11/2026.\n',
    html: '<p>Kính gửi ông/bà Nguyễn Văn Hùng,</p>',
    kind: 'submitted',
    ...overrides,
  };
}

/** A moment safely after the database's now(), which set the rows' first next_attempt_at. */
const later = (ms = 0) => new Date(Date.now() + 1000 + ms);

/** Lets pending promise callbacks run (setImmediate is left real when only setTimeout is mocked). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

for (const target of testDatabases) {
  describe(`mail outbox on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof target.open>>;
    let smtp: TestSmtp;
    let transport: MailTransport;
    before(async () => {
      handle = await target.open();
      await migrateToLatest(handle.db);
      smtp = await startSmtp();
      transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, { ignoreTLS: true });
    });
    after(async () => {
      transport?.close?.();
      await smtp?.close();
      await handle?.drop();
    });
    beforeEach(async () => {
      await handle.db.deleteFrom('mail_outbox').execute();
      smtp.messages.length = 0;
      smtp.reject = false;
    });

    it('sends a queued mail over SMTP with its Vietnamese text intact, and marks it sent', async () => {
      const id = await handle.db.transaction().execute((trx) => enqueueMail(trx, mail()));
      const now = later();
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now }), { sent: 1, retried: 0, failed: 0 });

      assert.equal(smtp.messages.length, 1);
      const received = smtp.messages[0]!;
      assert.equal(received.subject, 'Đã nhận hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án');
      assert.equal(received.to && !Array.isArray(received.to) ? received.to.text : undefined, 'nguyen.van.hung@example.vn');
      assert.equal(received.from?.value[0]?.name, 'Cổng dịch vụ công THADS');
      assert.equal(received.text, 'Kính gửi ông/bà Nguyễn Văn Hùng,\n\nCổng dịch vụ công đã nhận hồ sơ của ông/bà ngày 23/11/2026.\n');
      assert.equal(received.html, '<p>Kính gửi ông/bà Nguyễn Văn Hùng,</p>');
      assert.match(received.messageId ?? '', new RegExp(`^<outbox\\.${id}\\.\\d+@thads\\.example\\.gov\\.vn>$`));
      assert.equal(received.headers.get('auto-submitted'), 'auto-generated');

      const row = await outboxRow(handle.db, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);
      assert.equal(row.last_error, null);
      assert.equal(row.sent_at?.getTime(), now.getTime());

      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now: later(3600_000) }), { sent: 0, retried: 0, failed: 0 });
      assert.equal(smtp.messages.length, 1, 'a sent row is never sent again');
    });

    it('writes nothing when the transaction that enqueued the mail rolls back', async () => {
      await assert.rejects(
        handle.db.transaction().execute(async (trx) => {
          await enqueueMail(trx, mail());
          throw new Error('the change that caused the mail failed');
        }),
        /caused the mail failed/,
      );
      const rows = await handle.db.selectFrom('mail_outbox').select('id').execute();
      assert.equal(rows.length, 0);
    });

    it('keeps a mail the relay refused, retries it after the backoff, and sends it exactly once', async () => {
      const id = await enqueueMail(handle.db, mail());
      smtp.reject = true;
      const t0 = later();
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now: t0 }), { sent: 0, retried: 1, failed: 0 });
      let row = await outboxRow(handle.db, id);
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /451/);
      assert.equal(row.next_attempt_at.getTime(), t0.getTime() + backoffMs(1));
      assert.equal(backoffMs(1), 30_000);

      smtp.reject = false;
      const early = new Date(t0.getTime() + 10_000);
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now: early }), { sent: 0, retried: 0, failed: 0 });
      assert.equal(smtp.messages.length, 0, 'not due before the backoff ends');

      const t1 = new Date(t0.getTime() + 31_000);
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now: t1 }), { sent: 1, retried: 0, failed: 0 });
      row = await outboxRow(handle.db, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
      assert.equal(row.last_error, null);

      await sendDueMail(handle.db, transport, { from: FROM, now: new Date(t1.getTime() + 24 * 3600_000) });
      assert.equal(smtp.messages.length, 1, 'sent exactly once');
    });

    it('treats a refused connection as a failed attempt', async () => {
      const id = await enqueueMail(handle.db, mail());
      const down = smtpTransport(`smtp://127.0.0.1:${await closedPort()}`, { ignoreTLS: true });
      const now = later();
      try {
        assert.deepEqual(await sendDueMail(handle.db, down, { from: FROM, now }), { sent: 0, retried: 1, failed: 0 });
      } finally {
        down.close?.();
      }
      const row = await outboxRow(handle.db, id);
      assert.equal(row.status, 'pending');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /ECONNREFUSED/);
      assert.equal(row.next_attempt_at.getTime(), now.getTime() + 30_000);
    });

    it('backs off exponentially and gives up after maxAttempts', async () => {
      const id = await enqueueMail(handle.db, mail());
      smtp.reject = true;
      let now = later();
      for (let attempt = 1; attempt <= 2; attempt++) {
        assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now, maxAttempts: 3 }), { sent: 0, retried: 1, failed: 0 });
        const row = await outboxRow(handle.db, id);
        assert.equal(row.attempts, attempt);
        assert.equal(row.next_attempt_at.getTime() - now.getTime(), 30_000 * 2 ** (attempt - 1));
        now = row.next_attempt_at;
      }
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now, maxAttempts: 3 }), { sent: 0, retried: 0, failed: 1 });
      const row = await outboxRow(handle.db, id);
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 3);
      assert.match(row.last_error ?? '', /451/);

      smtp.reject = false;
      await sendDueMail(handle.db, transport, { from: FROM, now: new Date(now.getTime() + 7 * 24 * 3600_000), maxAttempts: 3 });
      assert.equal(smtp.messages.length, 0, 'a failed row is left alone');
      assert.equal(backoffMs(20), 6 * 3600_000, 'the backoff is capped at 6 hours');
    });

    it('sends a claimed row again only once its lease has expired', async () => {
      const id = await enqueueMail(handle.db, mail());
      const t0 = later();
      // A claim by an instance that died mid-send: one attempt counted, due again when the lease ends.
      await handle.db
        .updateTable('mail_outbox')
        .set({ attempts: 1, next_attempt_at: new Date(t0.getTime() + LEASE_MS) as never })
        .where('id', '=', id)
        .execute();
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now: t0 }), { sent: 0, retried: 0, failed: 0 });
      const expired = new Date(t0.getTime() + LEASE_MS + 1000);
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now: expired }), { sent: 1, retried: 0, failed: 0 });
      const row = await outboxRow(handle.db, id);
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 2);
    });

    it('hands back the rest of a batch when a slow relay uses up the time budget', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push(await enqueueMail(handle.db, mail({ subject: `Chậm ${i}` })));
      // Each send takes 80 ms on the pass's clock: the first starts within the 50 ms budget, the others would not.
      let clock = 0;
      const slow: MailTransport = {
        async send(message) {
          clock += 80;
          await transport.send(message);
        },
      };
      const now = later();
      assert.deepEqual(await sendDueMail(handle.db, slow, { from: FROM, now, budgetMs: 50, elapsed: () => clock }), { sent: 1, retried: 0, failed: 0 });
      const rows = await Promise.all(ids.map((id) => outboxRow(handle.db, id)));
      assert.deepEqual(rows.map((row) => row.status), ['sent', 'pending', 'pending']);
      for (const row of rows.slice(1)) {
        assert.equal(row.attempts, 0, 'a handed-back row does not count as an attempt');
        assert.equal(row.next_attempt_at.getTime(), now.getTime(), 'and is due again at once');
      }
      assert.deepEqual(smtp.messages.map((m) => m.subject), ['Chậm 0']);
      assert.deepEqual(await sendDueMail(handle.db, transport, { from: FROM, now }), { sent: 2, retried: 0, failed: 0 });
      assert.deepEqual(smtp.messages.map((m) => m.subject), ['Chậm 0', 'Chậm 1', 'Chậm 2']);
    });

    it('never sends a row twice when two workers drain the outbox at once', async () => {
      const count = 12;
      for (let i = 0; i < count; i++) await enqueueMail(handle.db, mail({ subject: `Thư số ${i}` }));
      const now = later();
      // Small batches, so the two claim turn about while the other is sending (on PGlite their queries serialise).
      const drain = async () => {
        let sent = 0;
        for (;;) {
          const r = await sendDueMail(handle.db, transport, { from: FROM, now, batch: 3 });
          if (r.sent === 0) return sent;
          sent += r.sent;
        }
      };
      const [a, b] = await Promise.all([drain(), drain()]);
      assert.equal(a + b, count);
      assert.equal(smtp.messages.length, count);
      assert.equal(new Set(smtp.messages.map((m) => m.subject)).size, count, 'every mail once');
      const rows = await handle.db.selectFrom('mail_outbox').select(['status', 'attempts']).execute();
      assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
    });

    it('skips rows another instance holds instead of waiting for them', { skip: target.name !== 'postgres' && 'PGlite has one connection' }, async () => {
      const held = await enqueueMail(handle.db, mail({ subject: 'held' }));
      const free = await enqueueMail(handle.db, mail({ subject: 'free' }));
      const now = later();
      await handle.db.transaction().execute(async (trx) => {
        await trx.selectFrom('mail_outbox').select('id').where('id', '=', held).forUpdate().execute();
        // Another connection from the pool: without SKIP LOCKED this would wait for the transaction above.
        const r = await sendDueMail(handle.db, transport, { from: FROM, now });
        assert.deepEqual(r, { sent: 1, retried: 0, failed: 0 });
      });
      assert.deepEqual(smtp.messages.map((m) => m.subject), ['free']);
      assert.equal((await outboxRow(handle.db, free)).status, 'sent');
      assert.equal((await outboxRow(handle.db, held)).status, 'pending');
      await sendDueMail(handle.db, transport, { from: FROM, now });
      assert.deepEqual(smtp.messages.map((m) => m.subject), ['free', 'held']);
    });

    describe('worker', () => {
      let worker: ReturnType<typeof startMailWorker> | undefined;
      afterEach(async () => {
        await worker?.stop();
        worker = undefined;
      });

      it('sends at once when kicked after a commit, and stops cleanly', async () => {
        const logs: string[] = [];
        // A long interval: only the start-up pass and the kicks run during the test.
        worker = startMailWorker(handle.db, transport, { from: FROM, intervalMs: 3600_000, now: () => later(), log: (m) => logs.push(m) });
        await worker.kick(); // the start-up pass has run, with nothing to send
        assert.equal(smtp.messages.length, 0);
        await handle.db.transaction().execute((trx) => enqueueMail(trx, mail({ subject: 'kicked' })));
        // Two kicks at once: one pass sends, the second finds nothing (never two passes in parallel, never twice).
        await Promise.all([worker.kick(), worker.kick()]);
        assert.deepEqual(smtp.messages.map((m) => m.subject), ['kicked']);
        await worker.stop();
        worker = undefined;
        assert.deepEqual(logs, []);
      });

      it('logs a failing pass instead of throwing, and keeps polling at its interval', async (t) => {
        t.after(() => mock.timers.reset());
        mock.timers.enable({ apis: ['setTimeout'] });
        const logs: string[] = [];
        let calls = 0;
        const broken = {
          transaction() {
            calls++;
            throw new Error('database unavailable');
          },
        } as unknown as Kysely<Database>;
        worker = startMailWorker(broken, transport, { from: FROM, intervalMs: 20, log: (m) => logs.push(m) });
        mock.timers.tick(0);
        await settle();
        assert.equal(calls, 1, 'the start-up pass');
        assert.equal(logs.length, 1);
        assert.match(logs[0]!, /^mail: pass failed: Error: database unavailable/);
        mock.timers.tick(19);
        await settle();
        assert.equal(calls, 1, 'not before the interval');
        mock.timers.tick(1);
        await settle();
        assert.equal(calls, 2, 'again after the interval');
        assert.equal(logs.length, 2);
        await worker.stop();
        worker = undefined;
      });

      it('logs mail that is to be retried', async () => {
        const logs: string[] = [];
        smtp.reject = true;
        await enqueueMail(handle.db, mail());
        worker = startMailWorker(handle.db, transport, { from: FROM, intervalMs: 3600_000, now: () => later(), log: (m) => logs.push(m) });
        await worker.kick();
        assert.deepEqual(logs, ['mail: 0 sent, 1 to retry, 0 given up']);
      });

      it('lets a kick after stop settle at once, sending nothing', async () => {
        worker = startMailWorker(handle.db, transport, { from: FROM, intervalMs: 3600_000, now: () => later() });
        await worker.stop();
        await enqueueMail(handle.db, mail({ subject: 'after stop' }));
        await worker.kick();
        worker = undefined;
        assert.equal(smtp.messages.length, 0);
      });
    });

    it('refuses a recipient that could inject headers or add recipients', async () => {
      for (const to of ['a@b.c\r\nBcc: x@y.z', 'a@b.c\nBcc: x@y.z', 'a@b.c, x@y.z', 'a@b.c;x@y.z', 'Hùng <a@b.c>', 'a b@c.d', 'no-at-sign', '@b.c', 'a@', '', 'a@b']) {
        await assert.rejects(enqueueMail(handle.db, mail({ to })), /Not a single e-mail address/, JSON.stringify(to));
      }
      await assert.rejects(enqueueMail(handle.db, mail({ subject: 'x\r\nBcc: x@y.z' })), /one line/);
      const rows = await handle.db.selectFrom('mail_outbox').select('id').execute();
      assert.equal(rows.length, 0);
      for (const to of ['a@b.c', 'nguyen.van.hung+thads@example.vn', 'hung@bộtưpháp.vn']) {
        assert.equal(typeof (await enqueueMail(handle.db, mail({ to }))), 'number', to);
      }
    });
  });
}

describe('file transport', () => {
  // Each test gets a directory of its own, so every count below is of what that test wrote.
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'thads-mail-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes each message as a complete .eml file, creating the directory', async () => {
    const out = path.join(dir, 'mail');
    const transport = fileTransport(out);
    await transport.send({
      from: FROM,
      to: 'nguyen.van.hung@example.vn',
      subject: 'Đã rút hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án',
      text: 'Hồ sơ đã được rút theo yêu cầu của ông/bà.\n',
      html: '<p>Hồ sơ đã được rút.</p>',
      headers: { 'Message-ID': '<outbox.7.1@thads.example.gov.vn>', 'Auto-Submitted': 'auto-generated' },
    });
    await transport.send({ from: FROM, to: 'b@example.vn', subject: 'Hai', text: 'Thứ hai\n' });
    const files = (await fs.readdir(out)).sort();
    assert.equal(files.length, 2, 'no temporary files left behind');
    for (const f of files) assert.match(f, /^\d{8}T\d{9}Z-[0-9a-f]{8}\.eml$/);
    const parsed = await Promise.all(files.map(async (f) => simpleParser(await fs.readFile(path.join(out, f)))));
    const first = parsed.find((m) => m.subject !== 'Hai')!;
    assert.equal(first.subject, 'Đã rút hồ sơ 01-261123-7KQ4MX: Yêu cầu thi hành án');
    assert.equal(first.to && !Array.isArray(first.to) ? first.to.text : undefined, 'nguyen.van.hung@example.vn');
    assert.equal(first.from?.value[0]?.address, 'no-reply@thads.example.gov.vn');
    assert.equal(first.messageId, '<outbox.7.1@thads.example.gov.vn>');
    assert.equal(first.headers.get('auto-submitted'), 'auto-generated');
    assert.equal(first.text, 'Hồ sơ đã được rút theo yêu cầu của ông/bà.\n');
    assert.equal(first.html, '<p>Hồ sơ đã được rút.</p>');
  });

  it('is what the configuration gives without SMTP_URL: files under $DATA_DIR/mail', async () => {
    const transport = transportFromConfig({ smtpUrl: undefined, dataDir: dir });
    await transport.send({ from: FROM, to: 'c@example.vn', subject: 'Cấu hình', text: 'x\n' });
    assert.deepEqual(await fs.readdir(dir), ['mail']);
    const files = await fs.readdir(path.join(dir, 'mail'));
    assert.equal(files.length, 1);
    const parsed = await simpleParser(await fs.readFile(path.join(dir, 'mail', files[0]!)));
    assert.equal(parsed.subject, 'Cấu hình');
    assert.equal(parsed.text, 'x\n');
  });
});

for (const target of testDatabases) {
  describe(`dossier mails on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    before(async () => {
      handle = await openSeeded(target);
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    it('end with the contacts the database holds: a regional office without details points to its provincial agency', async () => {
      const draft = await completeDraft(handle.db, procedureByCode('YCTHA')!, { locale: 'en', overrides: { agency: 'HCM-KV2' } });
      const { dossierId } = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
      const rows = await handle.db.selectFrom('mail_outbox').select(['kind', 'text_body', 'html_body']).where('dossier_id', '=', dossierId).execute();
      assert.deepEqual(rows.map((r) => r.kind), ['submitted']);
      const text = rows[0]!.text_body;
      assert.match(text, /^Enforcement agency: Regional Civil Judgment Enforcement Office No\. 2 – Ho Chi Minh City \(Phòng Thi hành án dân sự khu vực 2 – Hồ Chí Minh\)$/m);
      assert.ok(
        text.includes(
          '\nYou can contact the provincial agency, Ho Chi Minh City Civil Judgment Enforcement (Thi hành án dân sự thành phố Hồ Chí Minh):\nAddress: 372A Nguyễn Văn Lượng, phường An Hội Đông, Thành phố Hồ Chí Minh\n',
        ),
        text,
      );
      assert.ok(text.includes('\nHelp with the portal: hotro@thads.example.gov.vn\n'), text);
      assert.ok(rows[0]!.html_body?.includes('href="mailto:hotro@thads.example.gov.vn"'));
    });
  });
}

