/**
 * A year of demo history (issue 11): a few thousand dossiers generated in memory (./generate.ts) and written in one
 * transaction with multi-row inserts, ids drawn from the tables' own sequences so events, files and visits can
 * point at each other. Going through the services dossier by dossier would take minutes; the generator plays the
 * same lifecycle tables and deadline functions instead, and tests check the result with the real deadline report.
 *
 * Like an import of the records an agency kept before the portal, the history carries no audit entries and queues
 * no e-mail (a year of mail would go out on the first start). Its dossiers share one tracking PIN, HISTORY_PIN, so a
 * demo can track any of them; each row still gets its own salt, as a submission would.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { loadCalendar } from '../../../src/server/calendar-store.ts';
import { encryptIdentity, identityOf } from '../../../src/server/denouncers/vault.ts';
import { hashPin } from '../../../src/server/dossiers/pin.ts';
import type { DossierStatus } from '../../../src/server/dossiers/lifecycle.ts';
import type { Database } from '../../../src/server/schema.ts';
import { DEFAULT_HISTORY_SEED, generateHistory, HISTORY_KEY_PREFIX, type GeneratedHistory } from './generate.ts';
import { demoPdf, demoPdfSha256, type HistoryStaff } from './timeline.ts';

export { HISTORY_KEY_PREFIX } from './generate.ts';

/** The tracking PIN of every history dossier (demo data only). */
export const HISTORY_PIN = '246810';

/** A history dossier whose result was returned, or whose complaint or denunciation was closed: one to survey. */
export interface FinishedHistoryDossier {
  id: number;
  code: string;
  procedureCode: string;
  agencyCode: string;
  channel: 'online' | 'counter';
  locale: 'vi' | 'en';
  submittedAt: Date;
  /** When the result was handed over, or the petition closed. */
  finishedAt: Date;
}

export interface HistoryReport {
  dossiers: number;
  events: number;
  visits: number;
  /** Survey responses written, and general feedback messages. */
  responses: number;
  feedback: number;
  finished: FinishedHistoryDossier[];
}

// Rows per statement: each statement sends its rows as one JSON parameter, which the server unpacks
// (json_populate_recordset) far faster than thousands of bound parameters — on PGlite especially.
const BATCH = 2_000;

/** JSON for the server: bytes as bytea's hex text. */
function toJson(rows: readonly Record<string, unknown>[]): string {
  return JSON.stringify(rows, (_key, value: unknown) => (value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : value));
}

/**
 * Inserts `rows` (objects keyed by column) in statements of BATCH rows; with the ids the caller drew (`overriding
 * system value`) unless the table's key is another table's id.
 */
async function insertRows(trx: Transaction<Database>, table: string, rows: readonly Record<string, unknown>[], ownIds = true): Promise<void> {
  if (rows.length === 0) return;
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += BATCH) {
    await sql`insert into ${sql.table(table)} (${columns}) ${ownIds ? sql`overriding system value ` : sql``}
      select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${toJson(rows.slice(i, i + BATCH))}::json)`.execute(trx);
  }
}

/** `n` new ids from the sequence of `table`.id, ascending. */
async function nextIds(trx: Transaction<Database>, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: string | number }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${n})`.execute(trx);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Writes a generated history; returns what it wrote. */
export async function writeHistory(db: Kysely<Database>, history: GeneratedHistory): Promise<HistoryReport> {
  return db.transaction().execute(async (trx) => {
    const { dossiers, visits } = history;
    const dossierIds = await nextIds(trx, 'dossiers', dossiers.length);
    const eventIds = await nextIds(trx, 'dossier_events', dossiers.reduce((s, d) => s + d.timeline.events.length, 0));
    const attachmentIds = await nextIds(trx, 'attachments', dossiers.reduce((s, d) => s + d.timeline.attachments.length, 0));
    const visitIds = await nextIds(trx, 'reception_visits', visits.length);
    const responseIds = await nextIds(trx, 'survey_responses', history.responses.length);

    const dossierRows: Record<string, unknown>[] = [];
    const eventRows: Record<string, unknown>[] = [];
    const attachmentRows: Record<string, unknown>[] = [];
    const identityRows: Record<string, unknown>[] = [];
    const finished: FinishedHistoryDossier[] = [];
    let e = 0;
    let a = 0;
    dossiers.forEach((d, i) => {
      const id = dossierIds[i]!;
      const r = d.timeline.row;
      dossierRows.push({ id, ...r, pin_hash: hashPin(HISTORY_PIN) });
      const firstEvent = e;
      const firstAttachment = a;
      for (const ev of d.timeline.events) {
        const data = ev.draftRef === undefined ? ev.data : { draftAttachmentId: attachmentIds[firstAttachment + ev.draftRef], ...ev.data };
        eventRows.push({
          id: eventIds[e++],
          dossier_id: id,
          at: ev.at,
          actor_kind: ev.actorRole === 'citizen' ? 'citizen' : 'staff',
          actor_id: ev.actorId,
          action: ev.action,
          from_status: ev.from,
          to_status: ev.to,
          public_note: ev.publicNote,
          internal_note: null,
          data,
        });
      }
      for (const att of d.timeline.attachments) {
        attachmentRows.push({
          id: attachmentIds[a++],
          dossier_id: id,
          event_id: att.event === null ? null : eventIds[firstEvent + att.event],
          document_id: att.documentId,
          file_name: att.fileName,
          content_type: 'application/pdf',
          size_bytes: demoPdf.byteLength,
          sha256: demoPdfSha256,
          content: demoPdf,
          created_at: att.event === null ? r.submitted_at : d.timeline.events[att.event]!.at,
        });
      }
      if (d.identity) {
        const sealed = encryptIdentity(identityOf(d.identity), id);
        identityRows.push({ dossier_id: id, ciphertext: sealed.ciphertext, nonce: sealed.nonce, key_version: sealed.keyVersion, created_at: r.submitted_at });
      }
      if ((r.status === 'returned' || r.status === 'closed') && r.closed_at) {
        finished.push({ id, code: r.code, procedureCode: r.procedure_code, agencyCode: r.agency_code, channel: r.channel, locale: r.locale, submittedAt: r.submitted_at, finishedAt: r.closed_at });
      }
    });
    await insertRows(trx, 'dossiers', dossierRows);
    await insertRows(trx, 'dossier_events', eventRows);
    await insertRows(trx, 'attachments', attachmentRows);
    await insertRows(trx, 'denouncer_identities', identityRows, false);
    await insertRows(
      trx,
      'reception_visits',
      visits.map(({ dossierRef, earlierRef, ...v }, i) => ({
        id: visitIds[i],
        ...v,
        dossier_id: dossierRef === null ? null : dossierIds[dossierRef],
        earlier_visit_id: earlierRef === null ? null : visitIds[earlierRef],
        created_at: v.visited_at,
        updated_at: v.visited_at,
      })),
    );
    // The survey's rows as submitSurvey writes them (its answers keyed by the response), in the same transaction:
    // a restart finds the history and adds no responses either.
    await insertRows(
      trx,
      'survey_responses',
      history.responses.map((r, i) => ({ id: responseIds[i], dossier_id: dossierIds[r.dossierRef], ...r.row })),
    );
    await insertRows(
      trx,
      'survey_answers',
      history.responses.flatMap((r, i) => r.answers.map((a) => ({ response_id: responseIds[i], ...a }))),
      false,
    );
    await insertRows(trx, 'general_feedback', history.feedback, false);
    return { dossiers: dossiers.length, events: eventRows.length, visits: visits.length, responses: history.responses.length, feedback: history.feedback.length, finished };
  });
}

/** Whether the history is already in the database (a restart must not add another year). */
export async function hasHistory(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('dossiers').select('id').where('idempotency_key', 'like', `${HISTORY_KEY_PREFIX}%`).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The demo accounts of Hà Nội by role (db/seed/demo.ts); null where there is none. */
async function hanoiStaff(db: Kysely<Database>): Promise<HistoryStaff> {
  const rows = await db
    .selectFrom('staff_users')
    .select(['id', 'role'])
    .where('email', 'in', ['tiepnhan@demo.thads.vn', 'chaphanhvien@demo.thads.vn', 'thutruong@demo.thads.vn'])
    .where('agency_code', '=', 'HNI')
    .execute();
  const of = (role: string) => {
    const row = rows.find((r) => r.role === role);
    return row ? Number(row.id) : null;
  };
  return { reception: of('reception'), officer: of('officer'), head: of('head') };
}

/**
 * Adds the year of history up to `now` once (nothing when it is there already); null when it was there.
 * Runs after the demo seed, whose staff accounts act in Hà Nội.
 */
export async function seedDemoHistory(db: Kysely<Database>, opts: { now?: Date; seed?: number } = {}): Promise<HistoryReport | null> {
  if (await hasHistory(db)) return null;
  const existing = await db.selectFrom('dossiers').select('code').execute();
  const history = generateHistory({
    now: opts.now ?? new Date(),
    seed: opts.seed ?? DEFAULT_HISTORY_SEED,
    calendar: await loadCalendar(db),
    staff: await hanoiStaff(db),
    takenCodes: new Set(existing.map((r) => r.code)),
  });
  return writeHistory(db, history);
}

/** The history's returned and closed dossiers, oldest first (for the survey responses the lead adds). */
export async function finishedHistoryDossiers(db: Kysely<Database>): Promise<FinishedHistoryDossier[]> {
  const rows = await db
    .selectFrom('dossiers')
    .select(['id', 'code', 'procedure_code', 'agency_code', 'channel', 'locale', 'submitted_at', 'closed_at'])
    .where('idempotency_key', 'like', `${HISTORY_KEY_PREFIX}%`)
    .where('status', 'in', ['returned', 'closed'] satisfies DossierStatus[])
    .orderBy('closed_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    procedureCode: r.procedure_code,
    agencyCode: r.agency_code,
    channel: r.channel,
    locale: r.locale,
    submittedAt: new Date(r.submitted_at),
    finishedAt: new Date(r.closed_at!),
  }));
}
