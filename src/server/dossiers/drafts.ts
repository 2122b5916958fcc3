/**
 * Drafts: a form being filled in. The answers and uploads of an application live here between the form, the
 * check-your-answers page and submission, so nothing is lost on an error, a refresh or the back button, and the
 * citizen's browser holds only an opaque draft id (in a cookie).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Locale } from '../catalog/types.ts';
import type { AttachmentsTable, Database } from '../schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How long an unsubmitted (or just-submitted) draft is kept. */
export const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;

/** What the citizen typed, exactly as posted, so the form shows it again. */
export type RawValues = Record<string, string | string[]>;

export interface AttachmentSummary {
  id: number;
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface Draft {
  id: string;
  procedureCode: string;
  locale: Locale;
  values: RawValues;
  /** The validated answers, set once the form passed validation; null while it has errors. */
  answers: Record<string, unknown> | null;
  dossierId: number | null;
  pin: string | null;
  attachments: AttachmentSummary[];
}

interface DraftData {
  values: RawValues;
  answers: Record<string, unknown> | null;
}

/** A new random draft id: 256 bits, unguessable, URL- and cookie-safe. */
export function newDraftId(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a string could be a draft id (checked before any database look-up). */
export function isDraftId(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Starts an empty draft of a procedure. */
export async function createDraft(db: Db, procedureCode: string, locale: Locale, now = new Date()): Promise<string> {
  const id = newDraftId();
  await db
    .insertInto('dossier_drafts')
    .values({
      id,
      procedure_code: procedureCode,
      locale,
      data: JSON.stringify({ values: {}, answers: null } satisfies DraftData),
      expires_at: new Date(now.getTime() + DRAFT_TTL_MS),
    })
    .execute();
  return id;
}

/** The draft with this id, unless it has expired. */
export async function getDraft(db: Db, id: string, now = new Date()): Promise<Draft | undefined> {
  if (!isDraftId(id)) return undefined;
  // The uploads come in the same round trip: every page and action of an application reads its draft, several times
  // per citizen, and under load each round trip costs the server's one thread more than the query costs PostgreSQL.
  const row = await db
    .selectFrom('dossier_drafts')
    .selectAll('dossier_drafts')
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('attachments')
          .select(['attachments.id', 'attachments.document_id', 'attachments.file_name', 'attachments.content_type', 'attachments.size_bytes'])
          .whereRef('attachments.draft_id', '=', 'dossier_drafts.id')
          .orderBy('attachments.id'),
      ).as('uploads'),
    )
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return undefined;
  const attachments = row.uploads.map(attachmentSummary);
  const data = (row.data ?? { values: {}, answers: null }) as unknown as DraftData;
  return {
    id: row.id,
    procedureCode: row.procedure_code,
    locale: row.locale,
    values: data.values ?? {},
    answers: data.answers ?? null,
    dossierId: row.dossier_id,
    pin: row.pin,
    attachments,
  };
}

/** Stores what was typed, and the validated answers when the form passed validation (null otherwise). */
export async function saveDraftAnswers(db: Db, id: string, values: RawValues, answers: Record<string, unknown> | null): Promise<void> {
  await db
    .updateTable('dossier_drafts')
    .set({ data: JSON.stringify({ values, answers } satisfies DraftData) })
    .where('id', '=', id)
    .where('dossier_id', 'is', null)
    .execute();
}

/** Adds a checked upload to a draft. */
export async function addDraftAttachment(
  db: Db,
  draftId: string,
  file: Pick<AttachmentsTable, 'document_id' | 'file_name' | 'content_type' | 'size_bytes' | 'sha256' | 'content'> & { active_content?: boolean },
): Promise<void> {
  await db
    .insertInto('attachments')
    .values({ ...file, draft_id: draftId })
    .execute();
}

/** Removes one of a draft's uploads (only that draft's, and only before submission). */
export async function removeDraftAttachment(db: Db, draftId: string, attachmentId: number): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', attachmentId).where('draft_id', '=', draftId).where('dossier_id', 'is', null).execute();
}

/** Deletes expired drafts and the uploads that were never submitted with them. */
export async function purgeExpiredDrafts(db: Kysely<Database>, now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const expired = trx.selectFrom('dossier_drafts').select('id').where('expires_at', '<=', now);
    await trx.deleteFrom('attachments').where('draft_id', 'in', expired).where('dossier_id', 'is', null).execute();
    await trx.updateTable('attachments').set({ draft_id: null }).where('draft_id', 'in', expired).execute();
    const result = await trx.deleteFrom('dossier_drafts').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

/** Summaries (no bytes) of the attachments of a draft or a dossier. */
export async function listAttachments(db: Db, owner: 'draft_id' | 'dossier_id', id: string | number): Promise<AttachmentSummary[]> {
  const query = db.selectFrom('attachments').select(['id', 'document_id', 'file_name', 'content_type', 'size_bytes']).orderBy('id');
  const rows = await (owner === 'draft_id' ? query.where('draft_id', '=', String(id)) : query.where('dossier_id', '=', Number(id))).execute();
  return rows.map(attachmentSummary);
}

function attachmentSummary(r: Pick<AttachmentsTable, 'document_id' | 'file_name' | 'content_type' | 'size_bytes'> & { id: number }): AttachmentSummary {
  return { id: r.id, documentId: r.document_id, fileName: r.file_name, contentType: r.content_type, sizeBytes: r.size_bytes };
}
