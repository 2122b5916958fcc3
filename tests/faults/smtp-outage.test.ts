/**
 * The SMTP relay down: mail waits in the outbox, is tried again on the worker's backoff, and is delivered exactly
 * once when the relay is back. A real SMTP server (smtp-server) is stopped and started again on the same port; the
 * worker runs on a controlled clock (its `now` option) and passes are started with kick(), so no test waits for time.
 * On the embedded database and on PostgreSQL (a throwaway cluster).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { seedReferenceData } from '../../db/seed/index.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { openPglite, openPostgres, type DbHandle } from '../../src/server/db.ts';
import { submitDraft } from '../../src/server/dossiers/submit.ts';
import { enqueueMail } from '../../src/server/mail/outbox.ts';
import { smtpTransport } from '../../src/server/mail/transport.ts';
import { startMailWorker, type MailWorker } from '../../src/server/mail/worker.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { completeDraft, PUBLIC_URL } from '../helpers/applications.ts';
import { startCluster, type PgCluster } from '../support/pg-cluster.ts';
import { port } from './ports.ts';

process.env.HELP_EMAIL = 'hotro@thads.example.gov.vn';
const FROM = 'Cổng dịch vụ công THADS <no-reply@thads.example.gov.vn>';

/** An SMTP relay on a fixed port that can be stopped and started again; counts deliveries per Message-ID. */
class Relay {
  readonly port: number;
  readonly received = new Map<string, number>();
  #server: SMTPServer | undefined;

  constructor(port: number) {
    this.port = port;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const id = /^Message-ID: (.+)$/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '(none)';
          this.received.set(id, (this.received.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many messages arrived, in all. */
  get total(): number {
    return [...this.received.values()].reduce((a, b) => a + b, 0);
  }
}

interface Target {
  name: string;
  open(): Promise<DbHandle>;
}

let cluster: PgCluster | undefined;
const targets: Target[] = [
  { name: 'pglite', open: () => openPglite('memory://') },
  {
    name: 'postgres',
    async open() {
      cluster = await startCluster({ port: await port('PG', 2) });
      return openPostgres(await cluster.createDatabase('faults_smtp'));
    },
  },
];
after(async () => {
  await cluster?.remove();
});

async function outbox(handle: DbHandle) {
  return handle.db.selectFrom('mail_outbox').select(['id', 'status', 'attempts', 'kind']).orderBy('id').execute();
}

for (const target of targets) {
  describe(`SMTP outage on ${target.name}`, () => {
    let handle: DbHandle;
    let relay: Relay;
    let worker: MailWorker;
    // The worker's clock: a second after the database's now() (which dates the rows), moved on by the test.
    let clock = 0;
    before(async () => {
      handle = await target.open();
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
      clock = Date.now() + 1000;
      relay = new Relay(await port('SMTP'));
      await relay.start();
      const transport = smtpTransport(`smtp://127.0.0.1:${relay.port}`, { ignoreTLS: true });
      // An interval longer than the test: passes run only when kicked.
      worker = startMailWorker(handle.db, transport, { from: FROM, intervalMs: 3600_000, now: () => new Date(clock), log: () => {} });
      await worker.kick();
    });
    after(async () => {
      await worker?.stop();
      await relay?.stop();
      await handle?.close();
    });

    it('queues mail while the relay is down, backs off, and delivers each mail once when it is back', async () => {
      await enqueueMail(handle.db, { to: 'an.nguyen@example.org', subject: 'Trước sự cố', text: 'Gửi khi máy chủ thư còn chạy.', kind: 'test' });
      await worker.kick();
      assert.equal(relay.total, 1);

      await relay.stop();
      // A citizen applies meanwhile: the confirmation mail is queued with the dossier, in its transaction.
      const procedure = procedureByCode('XNKQ')!;
      const draft = await completeDraft(handle.db, procedure, { overrides: { email: 'minh.pham@example.org' } });
      const submitted = await submitDraft(handle.db, draft.id, { channel: 'online', publicUrl: PUBLIC_URL });
      assert.equal(submitted.mailed, true);
      await enqueueMail(handle.db, { to: 'binh.tran@example.org', subject: 'Trong sự cố', text: 'Xếp hàng khi máy chủ thư ngừng.', kind: 'test' });

      clock = Date.now() + 1000;
      // Three passes over the outage: 30 s, then 60 s, then 120 s between attempts (the worker's backoff).
      for (const [wait, attempts] of [[0, 1], [30_000, 2], [60_000, 3]] as const) {
        clock += wait;
        await worker.kick();
        const rows = await outbox(handle);
        assert.deepEqual(rows.map((r) => [r.kind, r.status, r.attempts]), [['test', 'sent', 1], ['submitted', 'pending', attempts], ['test', 'pending', attempts]]);
      }
      assert.equal(relay.total, 1);

      await relay.start();
      // Back, but the mail is not due before its backoff ends: nothing yet, and no attempt counted.
      clock += 119_000;
      await worker.kick();
      assert.equal(relay.total, 1);
      assert.deepEqual((await outbox(handle)).map((r) => r.attempts), [1, 3, 3]);

      clock += 1000;
      await worker.kick();
      const rows = await outbox(handle);
      assert.deepEqual(rows.map((r) => [r.kind, r.status, r.attempts]), [['test', 'sent', 1], ['submitted', 'sent', 4], ['test', 'sent', 4]]);
      assert.equal(relay.received.size, 3);
      assert.deepEqual([...relay.received.values()], [1, 1, 1]);

      // Later passes send nothing again.
      clock += 6 * 3600_000;
      await worker.kick();
      await worker.kick();
      assert.deepEqual([...relay.received.values()], [1, 1, 1]);
    });
  });
}
