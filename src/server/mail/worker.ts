/**
 * Sends the outbox. Rows are claimed in a short transaction and sent outside it: PGlite is a single connection, so a
 * transaction held open during an SMTP conversation would stall every other query of the portal.
 */
import type { ColumnType, Kysely } from 'kysely';
import type { Database, MailOutboxTable } from '../schema.ts';
import type { MailTransport } from './transport.ts';

// schema.ts declares these columns `Generated<Timestamp>`, a ColumnType nested in a ColumnType, which Kysely reads as
// an object rather than a Date. This view of the table types them as the Dates both drivers return; it stays correct
// if the schema is fixed.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
interface OutboxDb {
  mail_outbox: Omit<MailOutboxTable, 'next_attempt_at' | 'created_at'> & { next_attempt_at: Timestamp; created_at: Timestamp };
}

/** Options of one pass over the outbox. */
export interface SendOptions {
  /** The sender, e.g. `Cổng dịch vụ công THADS <no-reply@thads.example.gov.vn>`. */
  from: string;
  /** Rows claimed per pass (default 20). */
  batch?: number | undefined;
  /** The clock of this pass, for tests (default: now). */
  now?: Date | undefined;
  /** Attempts before a row is given up as `failed` (default 8: about an hour of retries). */
  maxAttempts?: number | undefined;
  /** Real time after which the rest of the batch is handed back unsent (default: half the lease). */
  budgetMs?: number | undefined;
  /** The monotonic clock, in ms, that the budget is measured on (default `performance.now`; tests pass their own). */
  elapsed?: (() => number) | undefined;
}

/** What one pass did. */
export interface SendResult {
  sent: number;
  /** Failed this time, due again later. */
  retried: number;
  /** Failed for the last time. */
  failed: number;
}

/** How long a claimed row is ours. Longer than any send can take with the transport's timeouts; if the process
 * dies mid-send, the row becomes due again when the lease runs out. */
export const LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 6 * 3600_000;
const MAX_ERROR_LENGTH = 2000;

/** The wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min, … capped at 6 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/**
 * Sends the mail that is due: claims up to `batch` pending rows (skipping rows another instance holds), sends each,
 * and marks it `sent`, or schedules a retry with exponential backoff, or marks it `failed` after `maxAttempts`.
 * A row is sent twice only if the process stops between sending it and recording that; its stable Message-ID then
 * lets mail clients drop the copy.
 */
export async function sendDueMail(db: Kysely<Database>, transport: MailTransport, opts: SendOptions): Promise<SendResult> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 20;
  // 12 attempts with the backoff below span about 14 hours: an SMTP outage of a working day delays mail, loses none.
  const maxAttempts = opts.maxAttempts ?? 12;
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const outbox = db as unknown as Kysely<OutboxDb>;

  // Claiming moves next_attempt_at past the lease and counts the attempt, then commits at once. SKIP LOCKED lets
  // concurrent instances take disjoint rows instead of queueing behind each other; PostgreSQL re-checks the WHERE
  // clause on rows committed meanwhile, so a row just claimed elsewhere (now due later) is not taken again.
  const claimed = await outbox.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('mail_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    return trx
      .updateTable('mail_outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
      .where('id', 'in', due.map((r) => r.id))
      .returning(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attempts', 'created_at'])
      .execute();
  });

  const result: SendResult = { sent: 0, retried: 0, failed: 0 };
  const elapsed = opts.elapsed ?? (() => performance.now());
  const started = elapsed();
  const budgetMs = opts.budgetMs ?? LEASE_MS / 2;
  for (const row of claimed.sort((a, b) => a.id - b.id)) {
    // Every update below is conditioned on our claim (same attempt count, still pending), so a late answer from a
    // send whose lease expired cannot overwrite what a newer claim recorded.
    const updateRow = () => outbox.updateTable('mail_outbox').where('id', '=', row.id);
    const ours = (q: ReturnType<typeof updateRow>) => q.where('attempts', '=', row.attempts).where('status', '=', 'pending');

    // A relay that answers slowly (each send may take its full timeouts) must not let the last rows of the batch
    // outlive their lease, or another instance would claim and send them too: hand them back, attempt uncounted.
    if (elapsed() - started > budgetMs) {
      await ours(updateRow().set((eb) => ({ attempts: eb('attempts', '-', 1), next_attempt_at: now }))).execute();
      continue;
    }

    let error: string | undefined;
    try {
      await transport.send({
        from: opts.from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body ?? undefined,
        headers: {
          'Message-ID': messageId(row.id, row.created_at, opts.from),
          // RFC 3834: tells auto-responders (holiday replies) not to answer a machine.
          'Auto-Submitted': 'auto-generated',
        },
      });
    } catch (err) {
      error = describeError(err);
    }

    // Outside the try: a database error after a successful send must not be recorded as a failed send. It ends the
    // pass instead; the row comes back when its lease ends, and the stable Message-ID marks the copy as one.
    if (error === undefined) {
      await ours(updateRow().set({ status: 'sent', sent_at: now, last_error: null })).execute();
      result.sent++;
    } else if (row.attempts >= maxAttempts) {
      await ours(updateRow().set({ status: 'failed', last_error: error })).execute();
      result.failed++;
    } else {
      const next = new Date(now.getTime() + backoffMs(row.attempts));
      await ours(updateRow().set({ last_error: error, next_attempt_at: next })).execute();
      result.retried++;
    }
  }
  return result;
}

/** A Message-ID that stays the same across retries (so a duplicate can be recognised) and differs between
 * databases (the creation time), in the sender's domain. */
function messageId(id: number, createdAt: Date, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<outbox.${id}.${createdAt.getTime()}@${domain}>`;
}

/** The error as stored in last_error: message plus SMTP response code when there is one, bounded in length. */
function describeError(err: unknown): string {
  const e = err as { message?: unknown; responseCode?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.responseCode === 'number' ? ` (SMTP ${e.responseCode})` : typeof e?.code === 'string' ? ` (${e.code})` : '';
  return (message + code).slice(0, MAX_ERROR_LENGTH);
}

/** Options of the background worker. */
export interface WorkerOptions {
  from: string;
  /** Time between passes (default 5 s). */
  intervalMs?: number | undefined;
  /** Where failures are reported (default: console.error). */
  log?: ((msg: string) => void) | undefined;
  /** Rows per pass (default 20); a full pass is followed by another at once, to drain a backlog. */
  batch?: number | undefined;
  maxAttempts?: number | undefined;
  /** The clock each pass reads (default: the system clock); tests set it to send mail they dated. */
  now?: (() => Date) | undefined;
}

/** A running worker. */
export interface MailWorker {
  /**
   * Runs a pass as soon as possible; call after committing a transaction that enqueued mail. The promise settles
   * (never rejects) once a pass that started after the kick has ended, or the worker has stopped.
   */
  kick(): Promise<void>;
  /** Stops polling and waits for a running pass to finish. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox every `intervalMs` and sends what is due. Never runs two passes at once (a kick during a pass
 * queues one more pass), logs errors instead of throwing, and never keeps the process alive by itself.
 */
export function startMailWorker(db: Kysely<Database>, transport: MailTransport, opts: WorkerOptions): MailWorker {
  const intervalMs = opts.intervalMs ?? 5000;
  const log = opts.log ?? ((msg: string) => console.error(msg));
  const batch = opts.batch ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let kickedDuringPass = false;
  let stopped = false;
  // Kicks waiting for the next pass to start and end.
  let waiting: (() => void)[] = [];

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  };

  const pass = async () => {
    try {
      for (;;) {
        const r = await sendDueMail(db, transport, { from: opts.from, batch, maxAttempts: opts.maxAttempts, now: opts.now?.() });
        if (r.retried || r.failed) log(`mail: ${r.sent} sent, ${r.retried} to retry, ${r.failed} given up`);
        if (stopped || r.sent + r.retried + r.failed < batch) break;
      }
    } catch (err) {
      log(`mail: pass failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  };

  function run() {
    if (stopped) return;
    if (running) {
      kickedDuringPass = true;
      return;
    }
    const served = waiting;
    waiting = [];
    running = pass().finally(() => {
      running = undefined;
      for (const resolve of served) resolve();
      const again = kickedDuringPass;
      kickedDuringPass = false;
      schedule(again ? 0 : intervalMs);
    });
  }

  // A first pass right away sends what an earlier process left behind.
  schedule(0);
  return {
    kick() {
      if (stopped) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiting.push(resolve));
      if (running) kickedDuringPass = true;
      else schedule(0);
      return done;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      for (const resolve of waiting) resolve();
      waiting = [];
    },
  };
}
