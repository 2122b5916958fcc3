/**
 * Tracking a dossier with its code and PIN (tra cứu hồ sơ), and the two things a citizen can do there: send the
 * documents asked for, or withdraw a dossier not yet received. A typo in the code is named; a well-formed code that
 * is unknown and a wrong PIN look the same.
 */
import type { Kysely } from 'kysely';
import { procedureByCode } from '../catalog/index.ts';
import type { Database } from '../schema.ts';
import { listAttachments, type AttachmentSummary } from './drafts.ts';
import { checkUpload, FILE_LIMITS } from './files.ts';
import { internalActions, isAllowed, type DossierAction, type DossierStatus } from './lifecycle.ts';
import { agencyDocumentIds, issuedNotices, type NoticeKind } from './notices.ts';
import { isValidDossierCode, normaliseDossierCode } from './code.ts';
import { hashPin, isLegacyPinHash, normalisePin, verifyPin } from './pin.ts';
import { transition } from './transition.ts';
import type { ErrorKey } from '../catalog/errors.ts';

/** Plain data (ISO strings, no class instances): it travels through an action result to the page. */
export interface TimelineEntry {
  at: string;
  action: DossierAction;
  toStatus: DossierStatus;
  note: string | null;
}

export interface TrackedDossier {
  id: number;
  code: string;
  procedureCode: string;
  locale: 'vi' | 'en';
  agency: { code: string; name_vi: string; name_en: string };
  status: DossierStatus;
  submittedAt: string;
  receivedAt: string | null;
  dueDate: string | null;
  timeline: TimelineEntry[];
  /** What the citizen sent (the application's documents and supplements). */
  attachments: AttachmentSummary[];
  /** The result document(s) the agency issued, for the citizen to download. */
  results: AttachmentSummary[];
  /** The written notices the agency issued (receipt, supplement request, refusal, apology), in form order. */
  notices: NoticeKind[];
  /** The latest supplement request's text, while one is open. */
  supplementRequest: string | null;
  canWithdraw: boolean;
  canSupplement: boolean;
}

/** What is wrong with a look-up form before any look-up: each is the citizen's typo, safe to say precisely. */
export const lookupProblems = ['code_missing', 'code_invalid', 'pin_missing', 'pin_invalid'] as const;
export type LookupProblem = (typeof lookupProblems)[number];

/**
 * Every problem the tracking forms answer with a sentence: the look-up's typos, no dossier for the code and PIN, a
 * supplement or withdrawal the dossier's status no longer allows, a withdrawal not confirmed. (An expired tracking
 * session and a locked code are answered otherwise: a redirect, and the lock's own sentence.)
 */
export const trackingProblems = [...lookupProblems, 'not_found', 'not_allowed', 'confirm'] as const;
export type TrackingProblem = (typeof trackingProblems)[number];

/**
 * Checks the form's two fields on their own. A code that fails its check symbol (or its shape) is a typo — no dossier
 * has it — so it can be named without revealing anything; only a well-formed code with a PIN is looked up.
 */
export function checkLookupInput(codeInput: string, pinInput: string): LookupProblem[] {
  const problems: LookupProblem[] = [];
  if (codeInput.trim() === '') problems.push('code_missing');
  else if (!isValidDossierCode(codeInput)) problems.push('code_invalid');
  if (pinInput.trim() === '') problems.push('pin_missing');
  else if (!normalisePin(pinInput)) problems.push('pin_invalid');
  return problems;
}

// Verifying against this (one HMAC, like a real check) keeps the time of a look-up for an unknown code close to that of
// a known one.
let decoyHash: string | undefined;

/**
 * The dossier id for this code and PIN, or null — for an unknown code and a wrong PIN alike. A right PIN against a
 * hash of the old argon2id form rewrites it in the HMAC form (`pin.ts`); the update is conditional on the old hash,
 * so two look-ups at once write it once and a PIN hash changed meanwhile is left alone.
 */
export async function findDossierByCodeAndPin(db: Kysely<Database>, codeInput: string, pinInput: string): Promise<number | null> {
  const pin = normalisePin(pinInput);
  if (!isValidDossierCode(codeInput) || !pin) return null;
  const code = normaliseDossierCode(codeInput)!;
  const row = await db.selectFrom('dossiers').select(['id', 'pin_hash']).where('code', '=', code).executeTakeFirst();
  if (!row) {
    decoyHash ??= hashPin('000000');
    await verifyPin(decoyHash, pin);
    return null;
  }
  if (!(await verifyPin(row.pin_hash, pin))) return null;
  if (isLegacyPinHash(row.pin_hash)) {
    await db.updateTable('dossiers').set({ pin_hash: hashPin(pin) }).where('id', '=', row.id).where('pin_hash', '=', row.pin_hash).execute();
  }
  return row.id;
}

/** The dossier for this code and PIN, or null (see `findDossierByCodeAndPin`). */
export async function findTrackedDossier(db: Kysely<Database>, codeInput: string, pinInput: string): Promise<TrackedDossier | null> {
  const id = await findDossierByCodeAndPin(db, codeInput, pinInput);
  return id === null ? null : trackedDossier(db, id);
}

/** The citizen's view of dossier `id` (the caller has checked the citizen may see it), or null when there is none. */
export async function trackedDossier(db: Kysely<Database>, id: number): Promise<TrackedDossier | null> {
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.procedure_code',
      'dossiers.locale',
      'dossiers.status',
      'dossiers.submitted_at',
      'dossiers.received_at',
      'dossiers.due_date',
      'agencies.code as agency_code',
      'agencies.name_vi',
      'agencies.name_en',
    ])
    .where('dossiers.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const kind = procedureByCode(row.procedure_code)?.kind ?? 'one-stop';
  // Internal steps (assignment, drafts for the head) are not the citizen's business.
  const internal = internalActions(kind);
  let eventsQuery = db.selectFrom('dossier_events').select(['at', 'action', 'to_status', 'public_note']).where('dossier_id', '=', row.id);
  if (internal.length > 0) eventsQuery = eventsQuery.where('action', 'not in', internal);
  const events = await eventsQuery.orderBy('id').execute();
  const status = row.status as DossierStatus;
  const lastRequest = [...events].reverse().find((e) => e.action === 'request_supplement');
  const files = await listAttachments(db, 'dossier_id', row.id);
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedure_code,
    locale: row.locale,
    agency: { code: row.agency_code, name_vi: row.name_vi, name_en: row.name_en },
    status,
    submittedAt: new Date(row.submitted_at).toISOString(),
    receivedAt: row.received_at ? new Date(row.received_at).toISOString() : null,
    dueDate: row.due_date,
    timeline: events.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action as DossierAction, toStatus: e.to_status as DossierStatus, note: e.public_note })),
    attachments: files.filter((f) => !agencyDocumentIds.has(f.documentId)),
    results: files.filter((f) => f.documentId === 'result'),
    notices: issuedNotices(kind, events.map((e) => e.action as DossierAction)),
    supplementRequest: status === 'awaiting_supplement' ? (lastRequest?.public_note ?? null) : null,
    canWithdraw: isAllowed(kind, 'withdraw', status, 'citizen'),
    canSupplement: isAllowed(kind, 'supplement', status, 'citizen'),
  };
}

/**
 * One file of dossier `dossierId` for its citizen: what they sent, or a result the agency issued — never a draft
 * the head has not signed.
 */
export async function attachmentForCitizen(db: Kysely<Database>, dossierId: number, attachmentId: number) {
  return db
    .selectFrom('attachments')
    .select(['file_name', 'content_type', 'size_bytes', 'content'])
    .where('id', '=', attachmentId)
    .where('dossier_id', '=', dossierId)
    .where('document_id', '!=', 'result_draft')
    .executeTakeFirst();
}

export interface SupplementFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The citizen sends the documents asked for: the files are checked by their bytes, attached to the dossier and to the
 * timeline event, and the dossier goes back to the reception queue. Returns the problems found, if any (nothing is
 * stored then).
 */
export async function sendSupplement(
  db: Kysely<Database>,
  dossier: TrackedDossier,
  input: { files: SupplementFile[]; note: string; publicUrl: string; now?: Date },
): Promise<ErrorKey[]> {
  const files = input.files.filter((f) => f.bytes.length > 0 || f.name !== '');
  const problems: ErrorKey[] = [];
  if (files.length === 0) problems.push('document_missing');
  if (files.length > FILE_LIMITS.maxFiles) problems.push('file.too_many');
  const checked = files.map((f) => ({ file: f, check: checkUpload(f) }));
  for (const { check } of checked) {
    if (!check.ok) problems.push(check.reason === 'empty' ? 'file.empty' : check.reason === 'too_large' ? 'file.too_large' : 'file.type');
  }
  if (problems.length > 0) return [...new Set(problems)];
  await transition(db, dossier.id, 'supplement', { role: 'citizen' }, {
    publicNote: input.note.trim().slice(0, 2000) || null,
    publicUrl: input.publicUrl,
    ...(input.now ? { now: input.now } : {}),
    withEvent: async (trx, eventId) => {
      for (const { file, check } of checked) {
        if (!check.ok) continue;
        await trx
          .insertInto('attachments')
          .values({
            dossier_id: dossier.id,
            event_id: eventId,
            document_id: 'supplement',
            file_name: check.fileName,
            content_type: check.contentType,
            size_bytes: check.size,
            sha256: check.sha256,
            content: file.bytes,
            active_content: check.activeContent,
          })
          .execute();
      }
    },
  });
  return [];
}

/** The citizen withdraws a dossier not yet received. */
export async function withdrawDossier(db: Kysely<Database>, dossier: TrackedDossier, publicUrl: string): Promise<void> {
  await transition(db, dossier.id, 'withdraw', { role: 'citizen' }, { publicUrl });
}
