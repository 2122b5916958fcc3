/**
 * The back-office actions on a one-stop dossier, one function each: check the input, then hand over to
 * `transition()` — the only writer of a dossier's status — with the changes the action makes (receipt time and due
 * date, assigned officer, new date) and the rules that need the locked row (only the assigned officer records the
 * result; one apology per dossier, made before the due date).
 */
import type { Kysely, Transaction } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam, type DateISO } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import { oneStopRulesOn } from '../catalog/one-stop-rules.ts';
import type { LifecycleKind } from '../catalog/types.ts';
import type { Database } from '../schema.ts';
import { dueDate as computeDueDate } from './deadline.ts';
import { checkUpload } from './files.ts';
import { isAllowed, lifecycleKinds, lifecycles, type ActionRule, type DossierAction, type DossierStatus } from './lifecycle.ts';
import { acceptPetition, closePetition, closeWithReason, decidePetition, extendPetition, startVerification } from './petition-actions.ts';
import { inAgencyScope, transition, TransitionError, type Actor, type LockedDossier, type StaffActor } from './transition.ts';
import {
  ActionInputError,
  assignedOfficer,
  attachFile,
  common,
  newDateInput,
  optionalNote,
  requiredReason,
  type ActionOptions,
  type ActionResult,
} from './staff-action-parts.ts';

export { ActionInputError, TEXT_LIMIT, type ActionOptions, type ActionProblem, type ActionResult } from './staff-action-parts.ts';

/**
 * The actions staff take in the back office, in the order the dossier page lists them: every action of every
 * lifecycle that a staff role may take from a status (not the submission, which starts from none).
 */
export type StaffActionName = Exclude<DossierAction, 'submit' | 'supplement' | 'withdraw'>;
export const staffActionNames: readonly StaffActionName[] = [
  ...new Set(
    lifecycleKinds.flatMap((kind) =>
      (Object.entries(lifecycles[kind].actions) as [StaffActionName, ActionRule<DossierStatus>][])
        .filter(([, rule]) => rule.from.length > 0 && rule.by.some((role) => role !== 'citizen'))
        .map(([action]) => action),
    ),
  ),
];

/** The id of the dossier with this (normalised) code, or null when there is none. */
export async function dossierIdByCode(db: Kysely<Database>, code: string): Promise<number | null> {
  const row = await db.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

async function dossierFacts(db: Kysely<Database>, dossierId: number) {
  const row = await db.selectFrom('dossiers').select(['procedure_code', 'status']).where('id', '=', dossierId).executeTakeFirst();
  if (!row) throw new TransitionError('not_found');
  return row;
}

/**
 * Reception accepts a complete dossier (form 01, receipt and appointment date): the receipt time is now, and the
 * due date counts the time limit in force on the day of receipt from that day (the day itself not counted). After a
 * supplement, a new receipt starts the time limit again from zero.
 */
export async function receiveDossier(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  opts: ActionOptions,
): Promise<ActionResult & { dueDate: DateISO }> {
  const base = common(opts);
  const now = opts.now ?? new Date();
  const { procedure_code } = await dossierFacts(db, dossierId);
  const procedure = procedureByCode(procedure_code);
  if (!procedure) throw new Error(`Unknown procedure ${procedure_code}`);
  const receivedOn = todayInVietnam(now);
  const rule = rulesFor(procedure, receivedOn);
  const due = computeDueDate(rule, await loadCalendar(db), receivedOn);
  const result = await transition(db, dossierId, 'receive', actor, {
    ...base,
    now,
    set: { received_at: now, due_date: due },
    data: { receivedOn, dueDate: due, timeLimit: { days: rule.timeLimit.days, unit: rule.timeLimit.unit }, rulesEffectiveFrom: rule.effectiveFrom },
  });
  return { ...result, dueDate: due };
}

/**
 * Reception or the officer asks for what is missing (form 02), once and in full. The clock stops: the due date is
 * cleared, and the citizen's supplement sends the dossier back to reception, whose new receipt restarts the time limit.
 */
export async function requestSupplement(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { reason: string },
): Promise<ActionResult> {
  const reason = requiredReason(input.reason);
  return transition(db, dossierId, 'request_supplement', actor, {
    ...common(input),
    publicNote: reason,
    set: { due_date: null },
    guard: (_trx, dossier) => ({ data: { previousDueDate: dossier.dueDate } }),
  });
}

/** Reception refuses a dossier outside the agency's remit (form 03), with the reasons. */
export async function refuseDossier(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { reason: string },
): Promise<ActionResult> {
  const reason = requiredReason(input.reason);
  return transition(db, dossierId, 'refuse', actor, { ...common(input), publicNote: reason });
}

/** The head refuses, after review, to grant a dossier being processed, with the reasons. */
export async function rejectDossier(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { reason: string },
): Promise<ActionResult> {
  const reason = requiredReason(input.reason);
  return transition(db, dossierId, 'reject', actor, { ...common(input), publicNote: reason });
}

/**
 * Gives a received dossier to an officer ('assign'), or a dossier in progress to another officer ('reassign'). The
 * officer must be an active account with the officer role in the dossier's agency or its provincial agency.
 */
export async function assignOfficer(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { officerId: number },
): Promise<ActionResult & { action: 'assign' | 'reassign' }> {
  const base = common(input);
  const officerId = input.officerId;
  if (!Number.isSafeInteger(officerId) || officerId <= 0) throw new ActionInputError('officer_invalid');
  const { status } = await dossierFacts(db, dossierId);
  // The status is checked again under the lock: if it changed meanwhile, the lifecycle refuses the action.
  const action = status === 'in_progress' ? 'reassign' : 'assign';
  const result = await transition(db, dossierId, action, actor, {
    ...base,
    set: { assigned_to: officerId },
    guard: async (trx, dossier) => {
      await assignedOfficer(trx, dossier, officerId);
      if (dossier.assignedTo === officerId) throw new ActionInputError('officer_unchanged');
      return { data: { officerId, previousOfficerId: dossier.assignedTo } };
    },
  });
  return { ...result, action };
}

/** Whether `actor` is the officer the dossier is assigned to (a system actor stands in for anyone). */
function isAssignedOfficer(actor: StaffActor, assignedTo: number | null): boolean {
  return actor.staffId === null || (assignedTo !== null && assignedTo === actor.staffId);
}

/** The result document's upload: required, checked by its bytes. */
function checkedResultFile(file: { name: string; bytes: Uint8Array } | null | undefined) {
  if (!file || (file.bytes.byteLength === 0 && file.name === '')) throw new ActionInputError('file_missing');
  const check = checkUpload(file);
  if (!check.ok) throw new ActionInputError(`file.${check.reason}`);
  return { check, bytes: file.bytes };
}

/** Only the officer the dossier is assigned to works on its result. */
function assignedOfficerOnly(actor: Actor) {
  return (_trx: Transaction<Database>, dossier: LockedDossier) => {
    if (actor.role !== 'citizen' && !isAssignedOfficer(actor, dossier.assignedTo)) throw new TransitionError('not_allowed');
  };
}

type ResultFileInput = ActionOptions & { file: { name: string; bytes: Uint8Array } | null | undefined; note?: string | null };

/**
 * The assigned officer's result file, as `action` stores it: `record_result` for a procedure whose result is the
 * officer's own document (a certificate: ready at once, the note goes to the citizen); `submit_draft` for a decision
 * the head signs (the draft waits for the head; the note is kept for when the head approves). The file is checked by
 * its bytes and stored as an attachment of the dossier and of the event.
 */
async function storeResultFile(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  action: 'record_result' | 'submit_draft',
  input: ResultFileInput,
): Promise<ActionResult & { attachmentId: number }> {
  const base = common(input);
  const note = optionalNote(input.note);
  const { check, bytes } = checkedResultFile(input.file);
  const facts = { fileName: check.fileName, sha256: check.sha256 };
  let attachmentId = 0;
  const result = await transition(db, dossierId, action, actor, {
    ...base,
    ...(action === 'record_result' ? { publicNote: note, data: facts } : { data: { ...facts, noteToCitizen: note } }),
    guard: assignedOfficerOnly(actor),
    withEvent: async (trx, eventId) => {
      attachmentId = await attachFile(trx, dossierId, eventId, action === 'record_result' ? 'result' : 'result_draft', check, bytes);
    },
  });
  return { ...result, attachmentId };
}

/** The officer records the result that is the officer's own document (see `storeResultFile`). */
export function recordResult(db: Kysely<Database>, dossierId: number, actor: Actor, input: ResultFileInput) {
  return storeResultFile(db, dossierId, actor, 'record_result', input);
}

/** The officer submits the draft of a decision the head signs (see `storeResultFile`). Internal: no mail. */
export function submitDraftResult(db: Kysely<Database>, dossierId: number, actor: Actor, input: ResultFileInput) {
  return storeResultFile(db, dossierId, actor, 'submit_draft', input);
}

/** The latest draft of the result and the note the officer wrote for the citizen with it. */
async function latestDraft(trx: Transaction<Database>, dossierId: number) {
  const draft = await trx
    .selectFrom('attachments')
    .leftJoin('dossier_events', 'dossier_events.id', 'attachments.event_id')
    .select(['attachments.id', 'attachments.file_name', 'attachments.sha256', 'dossier_events.data'])
    .where('attachments.dossier_id', '=', dossierId)
    .where('attachments.document_id', '=', 'result_draft')
    .orderBy('attachments.id', 'desc')
    .executeTakeFirst();
  if (!draft) throw new ActionInputError('file_missing');
  const note = (draft.data as { noteToCitizen?: unknown } | null)?.noteToCitizen;
  return { ...draft, noteToCitizen: typeof note === 'string' ? note : null };
}

/**
 * The head signs the officer's latest draft: it becomes the result (attachment `result` of this event, a copy of the
 * draft's bytes), and the citizen is told, with the officer's note unless the head writes another.
 */
export async function approveResult(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { note?: string | null },
): Promise<ActionResult & { attachmentId: number }> {
  const base = common(input);
  const headNote = optionalNote(input.note);
  let attachmentId = 0;
  let draftId = 0;
  const result = await transition(db, dossierId, 'approve', actor, {
    ...base,
    guard: async (trx, dossier) => {
      const draft = await latestDraft(trx, dossier.id);
      draftId = draft.id;
      return { publicNote: headNote ?? draft.noteToCitizen, data: { draftAttachmentId: draft.id, fileName: draft.file_name, sha256: draft.sha256 } };
    },
    withEvent: async (trx, eventId) => {
      const copy = await trx
        .insertInto('attachments')
        .columns(['dossier_id', 'event_id', 'document_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'content', 'active_content'])
        .expression((eb) =>
          eb
            .selectFrom('attachments')
            .select([
              'dossier_id',
              eb.val(eventId).as('event_id'),
              eb.val('result').as('document_id'),
              'file_name',
              'content_type',
              'size_bytes',
              'sha256',
              'content',
              'active_content',
            ])
            .where('id', '=', draftId),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      attachmentId = copy.id;
    },
  });
  return { ...result, attachmentId };
}

/** The head sends the draft back to the officer with what to change (staff only: the citizen is not told). */
export async function sendBackDraft(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { reason: string },
): Promise<ActionResult> {
  const reason = requiredReason(input.reason);
  const base = common(input);
  return transition(db, dossierId, 'send_back', actor, {
    ...base,
    internalNote: base.internalNote ? `${reason}\n\n${base.internalNote}` : reason,
    data: { reason },
  });
}

/** Reception hands the result over; the dossier is closed. */
export async function returnResult(db: Kysely<Database>, dossierId: number, actor: Actor, opts: ActionOptions): Promise<ActionResult> {
  return transition(db, dossierId, 'return_result', actor, common(opts));
}

/**
 * The apology and new date (form 04), once per dossier. Timely: at the latest the day before the due date. Once
 * that day has passed the apology is still owed (one-stop.md: the agency sends it with the reason and a new date on
 * the same form), and it is marked late — the dossier counts as late whatever the new date. The new date must be a
 * working day after both the current due date and today.
 */
export async function apologise(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { reason: string; newDueDate: string },
): Promise<ActionResult & { previousDueDate: DateISO; newDueDate: DateISO; late: boolean }> {
  const reason = requiredReason(input.reason);
  const base = common(input);
  const { date: newDueDate, isWorkingDay: newIsWorkingDay } = await newDateInput(db, input.newDueDate);
  const today = todayInVietnam(input.now ?? new Date());
  let previousDueDate = '';
  let late = false;
  const result = await transition(db, dossierId, 'apologise', actor, {
    ...base,
    publicNote: reason,
    set: { due_date: newDueDate },
    guard: async (trx, dossier) => {
      const earlier = await trx
        .selectFrom('dossier_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('dossier_id', '=', dossier.id)
        .where('action', '=', 'apologise')
        .executeTakeFirstOrThrow();
      const rules = oneStopRulesOn(dossier.receivedAt ? todayInVietnam(new Date(dossier.receivedAt)) : today);
      if (Number(earlier.n) >= rules.maxRedatings) throw new ActionInputError('apology_used');
      if (dossier.dueDate === null) throw new ActionInputError('apology_no_due_date');
      if (newDueDate <= dossier.dueDate || newDueDate <= today || !newIsWorkingDay) throw new ActionInputError('date_invalid');
      previousDueDate = dossier.dueDate;
      late = isApologyLate(dossier.dueDate, today, rules.apologyNoticeDays);
      return { data: { previousDueDate: dossier.dueDate, newDueDate, late } };
    },
  });
  return { ...result, previousDueDate, newDueDate, late };
}

/** An apology is late when made after the last day for it: `noticeDays` (calendar days) before the due date. */
export function isApologyLate(dueDate: DateISO, today: DateISO, noticeDays: number): boolean {
  const lastDay = new Date(Date.parse(`${dueDate}T00:00:00Z`) - noticeDays * 86_400_000).toISOString().slice(0, 10);
  return today > lastDay;
}

/** The input of any staff action, as the dossier page posts it. */
export interface StaffActionInput extends ActionOptions {
  reason?: string | null;
  conclusion?: string | null;
  number?: string | null;
  findings?: string | null;
  legalBasis?: string | null;
  remedy?: string | null;
  measures?: string | null;
  officerId?: number | null;
  newDueDate?: string | null;
  file?: { name: string; bytes: Uint8Array } | null;
  note?: string | null;
}

/** Runs the staff action `action` with the fields it needs from `input` ('assign' and 'reassign' both assign). */
export async function takeStaffAction(
  db: Kysely<Database>,
  dossierId: number,
  action: StaffActionName,
  actor: Actor,
  input: StaffActionInput,
): Promise<ActionResult> {
  const opts: ActionOptions = { publicUrl: input.publicUrl, internalNote: input.internalNote, now: input.now };
  switch (action) {
    case 'receive':
      return receiveDossier(db, dossierId, actor, opts);
    case 'request_supplement':
      return requestSupplement(db, dossierId, actor, { ...opts, reason: input.reason ?? '' });
    case 'refuse':
      return refuseDossier(db, dossierId, actor, { ...opts, reason: input.reason ?? '' });
    case 'reject':
      return rejectDossier(db, dossierId, actor, { ...opts, reason: input.reason ?? '' });
    case 'assign':
    case 'reassign': {
      // The action named must be the one the dossier's status calls for; the lifecycle refuses the other.
      const status = (await dossierFacts(db, dossierId)).status;
      if ((action === 'reassign') !== (status === 'in_progress')) throw new TransitionError('not_allowed');
      return assignOfficer(db, dossierId, actor, { ...opts, officerId: input.officerId ?? 0 });
    }
    case 'record_result':
      return recordResult(db, dossierId, actor, { ...opts, file: input.file, note: input.note ?? null });
    case 'submit_draft':
      return submitDraftResult(db, dossierId, actor, { ...opts, file: input.file, note: input.note ?? null });
    case 'approve':
      return approveResult(db, dossierId, actor, { ...opts, note: input.note ?? null });
    case 'send_back':
      return sendBackDraft(db, dossierId, actor, { ...opts, reason: input.reason ?? '' });
    case 'return_result':
      return returnResult(db, dossierId, actor, opts);
    case 'apologise':
      return apologise(db, dossierId, actor, { ...opts, reason: input.reason ?? '', newDueDate: input.newDueDate ?? '' });
    case 'accept':
      return acceptPetition(db, dossierId, actor, opts);
    case 'not_accept':
    case 'transfer':
    case 'file_away':
    case 'treat_as_tip':
    case 'act_on_tip':
    case 'file_tip':
      return closeWithReason(db, dossierId, action, actor, { ...opts, reason: input.reason ?? '' });
    case 'verify':
      return startVerification(db, dossierId, actor, { ...opts, officerId: input.officerId ?? 0 });
    case 'extend':
      return extendPetition(db, dossierId, actor, { ...opts, reason: input.reason ?? '', newDueDate: input.newDueDate ?? '' });
    case 'decide':
    case 'conclude': {
      // The action named must be the kind's: a complaint is decided, a denunciation concluded.
      const kind = procedureByCode((await dossierFacts(db, dossierId)).procedure_code)?.kind;
      if ((action === 'conclude') !== (kind === 'denunciation')) throw new TransitionError('not_allowed');
      const { conclusion, number, findings, legalBasis, remedy, measures, file } = input;
      return decidePetition(db, dossierId, actor, { ...opts, conclusion, number, findings, legalBasis, remedy, measures, file, note: input.note ?? null });
    }
    case 'close':
      return closePetition(db, dossierId, actor, opts);
  }
}

/** What `availableActionsFor` needs to know of a dossier. */
export interface DossierSnapshot {
  status: DossierStatus;
  agencyCode: string;
  agencyParentCode: string | null;
  assignedTo: number | null;
  dueDate: DateISO | null;
  /** Whether the one apology allowed has been made. */
  apologised: boolean;
  /** The catalog's `resultSignedBy` of the dossier's procedure. */
  resultSignedBy: 'head' | 'officer';
  /** The lifecycle of the dossier's procedure. */
  kind: LifecycleKind;
}

/**
 * The staff actions `actor` may take on the dossier now: the lifecycle's statuses and roles, the procedure's way of
 * signing the result, the agency scope, and the rules of the actions themselves (one apology, while a due date is
 * set; the result or its draft by the assigned officer).
 */
export function availableActionsFor(dossier: DossierSnapshot, actor: Actor, today: DateISO = todayInVietnam()): StaffActionName[] {
  if (actor.role === 'citizen') return [];
  if (!inAgencyScope(actor, { code: dossier.agencyCode, parentCode: dossier.agencyParentCode })) return [];
  return staffActionNames.filter((action) => {
    if (!isAllowed(dossier.kind, action, dossier.status, actor.role, dossier.resultSignedBy)) return false;
    if (action === 'apologise' || action === 'extend') return !dossier.apologised && dossier.dueDate !== null;
    if (action === 'record_result' || action === 'submit_draft') return isAssignedOfficer(actor, dossier.assignedTo);
    return true;
  });
}

/** `availableActionsFor` of the dossier `dossierId` as it is now (none when it does not exist). */
export async function availableActions(db: Kysely<Database>, dossierId: number, actor: Actor, now: Date = new Date()): Promise<StaffActionName[]> {
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('agencies', 'agencies.code', 'dossiers.agency_code')
    .select(['dossiers.status', 'dossiers.procedure_code', 'dossiers.agency_code', 'dossiers.assigned_to', 'dossiers.due_date', 'agencies.parent_code'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('dossier_events')
            .select('dossier_events.id')
            .whereRef('dossier_events.dossier_id', '=', 'dossiers.id')
            // The one re-dating: an apology (one-stop) or an extension (complaints, denunciations).
            .where('dossier_events.action', 'in', ['apologise', 'extend']),
        )
        .as('apologised'),
    )
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
  if (!row) return [];
  return availableActionsFor(
    {
      status: row.status as DossierStatus,
      agencyCode: row.agency_code,
      agencyParentCode: row.parent_code,
      assignedTo: row.assigned_to,
      dueDate: row.due_date,
      apologised: Boolean(row.apologised),
      resultSignedBy: procedureByCode(row.procedure_code)?.resultSignedBy ?? 'officer',
      kind: procedureByCode(row.procedure_code)?.kind ?? 'one-stop',
    },
    actor,
    todayInVietnam(now),
  );
}
