/** What every back-office action shares: its input checks, its options and result, and how it stores a file. */
import type { Kysely, Transaction } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import type { DateISO, WorkingCalendar } from '../calendar.ts';
import type { Database } from '../schema.ts';
import type { checkUpload } from './files.ts';
import type { DossierStatus } from './lifecycle.ts';
import type { LockedDossier } from './transition.ts';

/** The longest reason or note staff may write (the form's `maxlength` too). */
export const TEXT_LIMIT = 2000;

/** Why an action's input was refused. The keys name messages the back office shows next to the field. */
export const actionProblems = [
  'reason_required',
  'reason_too_long',
  'note_too_long',
  'officer_invalid',
  'officer_unchanged',
  'file_missing',
  'file.empty',
  'file.too_large',
  'file.type',
  'apology_used',
  'apology_no_due_date',
  'extension_used',
  'conclusion_missing',
  'number_missing',
  'number_too_long',
  'findings_missing',
  'legal_basis_missing',
  'remedy_missing',
  'remedy_mismatch',
  'measures_missing',
  'decision_text_too_long',
  'date_invalid',
] as const;
export type ActionProblem = (typeof actionProblems)[number];

export class ActionInputError extends Error {
  readonly problem: ActionProblem;
  constructor(problem: ActionProblem) {
    super(`Invalid action input: ${problem}`);
    this.name = 'ActionInputError';
    this.problem = problem;
  }
}

/** What every action takes besides its own input. */
export interface ActionOptions {
  /** The portal's public address, for the link in the citizen's mail. */
  publicUrl: string;
  /** Staff-only remark on the timeline; never shown or sent to the citizen. */
  internalNote?: string | null | undefined;
  /** The moment of the action (tests and the demo seed set it); the receipt date is its day in Vietnam. */
  now?: Date | undefined;
}

export interface ActionResult {
  from: DossierStatus;
  to: DossierStatus;
  eventId: number;
}

/** A text the citizen reads: required, trimmed, at most TEXT_LIMIT characters. */
export function requiredReason(value: string | null | undefined): string {
  const reason = (value ?? '').trim();
  if (reason === '') throw new ActionInputError('reason_required');
  if (reason.length > TEXT_LIMIT) throw new ActionInputError('reason_too_long');
  return reason;
}

/** An optional note: trimmed, null when empty, at most TEXT_LIMIT characters. */
export function optionalNote(value: string | null | undefined): string | null {
  const note = (value ?? '').trim();
  if (note.length > TEXT_LIMIT) throw new ActionInputError('note_too_long');
  return note === '' ? null : note;
}

/** One of the decision's mandatory contents: required, trimmed, at most TEXT_LIMIT characters. */
export function requiredContent(value: string | null | undefined, missing: ActionProblem): string {
  const text = (value ?? '').trim();
  if (text === '') throw new ActionInputError(missing);
  if (text.length > TEXT_LIMIT) throw new ActionInputError('decision_text_too_long');
  return text;
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function common(opts: ActionOptions) {
  return { publicUrl: opts.publicUrl, internalNote: optionalNote(opts.internalNote), ...(opts.now ? { now: opts.now } : {}) };
}

/** Stores `file` (already checked) as attachment `documentId` of the dossier and of the event; returns its id. */
export async function attachFile(
  trx: Transaction<Database>,
  dossierId: number,
  eventId: number,
  documentId: 'result' | 'result_draft',
  check: Extract<ReturnType<typeof checkUpload>, { ok: true }>,
  bytes: Uint8Array,
): Promise<number> {
  const row = await trx
    .insertInto('attachments')
    .values({
      dossier_id: dossierId,
      event_id: eventId,
      document_id: documentId,
      file_name: check.fileName,
      content_type: check.contentType,
      size_bytes: check.size,
      sha256: check.sha256,
      content: bytes,
      active_content: check.activeContent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A new date staff typed (an apology's new result date, an extension's new due date): yyyy-mm-dd, a real day, and
 * whether it is a working day (the caller's rule decides what else it must be). @throws ActionInputError('date_invalid')
 */
export async function newDateInput(db: Kysely<Database>, value: string | null | undefined): Promise<{ date: DateISO; isWorkingDay: boolean; calendar: WorkingCalendar }> {
  const date = (value ?? '').trim();
  if (!ISO_DATE.test(date)) throw new ActionInputError('date_invalid');
  const calendar = await loadCalendar(db);
  try {
    return { date, isWorkingDay: calendar.isWorkingDay(date), calendar };
  } catch {
    throw new ActionInputError('date_invalid'); // e.g. 2026-02-30
  }
}

/**
 * Checks that `officerId` is an active officer of the dossier's agency or its provincial agency, under the lock.
 * @throws ActionInputError('officer_invalid')
 */
export async function assignedOfficer(trx: Transaction<Database>, dossier: LockedDossier, officerId: number): Promise<void> {
  if (!Number.isSafeInteger(officerId) || officerId <= 0) throw new ActionInputError('officer_invalid');
  const officer = await trx.selectFrom('staff_users').select(['id', 'role', 'agency_code', 'disabled_at']).where('id', '=', officerId).executeTakeFirst();
  const agencies = [dossier.agencyCode, dossier.agencyParentCode];
  if (!officer || officer.role !== 'officer' || officer.disabled_at !== null || !agencies.includes(officer.agency_code)) {
    throw new ActionInputError('officer_invalid');
  }
}
