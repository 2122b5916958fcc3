/**
 * The back-office actions on a complaint or a denunciation, one function each: check the input, then hand over to
 * `transition()` with the changes the stage makes — the time to decide set on acceptance (from the dated petition
 * rules, by subject and round), the officer who verifies, the one extension, the decision and its file.
 */
import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam, type DateISO } from '../calendar.ts';
import { procedureByCode } from '../catalog/index.ts';
import { petitionRulesOn } from '../catalog/petition-rules.ts';
import type { Database } from '../schema.ts';
import { decisionDue, endOfSpan } from './deadline.ts';
import { checkUpload } from './files.ts';
import {
  ActionInputError,
  type ActionOptions,
  type ActionResult,
  requiredReason,
  requiredContent,
  optionalNote,
  common,
  attachFile,
  assignedOfficer,
  newDateInput,
} from './staff-action-parts.ts';
import { lastDayToComplain } from '../catalog/complaint-limits.ts';
import { transition, TransitionError, type Actor } from './transition.ts';

/** How a decision (complaint) or conclusion (denunciation) answers what was complained about or denounced. */
export const conclusions = ['right', 'partly_right', 'wrong'] as const;
export type Conclusion = (typeof conclusions)[number];

/**
 * What a complaint's decision does to the decision or act complained about: keeps it (the complaint was wrong), or
 * amends or annuls it in part or in whole (the complaint was right, or partly right).
 */
export const remedies = ['keep', 'amend', 'annul'] as const;
export type Remedy = (typeof remedies)[number];

async function petitionFacts(db: Kysely<Database>, dossierId: number) {
  const row = await db.selectFrom('dossiers').select(['procedure_code', 'data', 'due_date']).where('id', '=', dossierId).executeTakeFirst();
  const procedure = row && procedureByCode(row.procedure_code);
  if (!row || !procedure) throw new TransitionError('not_found');
  // A one-stop dossier has no such stage: its lifecycle refuses the action.
  if (procedure.kind === 'one-stop') throw new TransitionError('not_allowed');
  return { procedure, answers: row.data as Record<string, unknown>, dueDate: row.due_date };
}

/**
 * The head accepts the complaint or denunciation for handling (thụ lý): the time to decide runs from today, by the
 * rules in force today, and is the dossier's due date.
 */
export async function acceptPetition(db: Kysely<Database>, dossierId: number, actor: Actor, opts: ActionOptions): Promise<ActionResult & { dueDate: DateISO }> {
  const now = opts.now ?? new Date();
  const { procedure, answers } = await petitionFacts(db, dossierId);
  const acceptedOn = todayInVietnam(now);
  const due = decisionDue(procedure, answers, await loadCalendar(db), acceptedOn);
  const result = await transition(db, dossierId, 'accept', actor, {
    ...common(opts),
    now,
    set: { received_at: now, due_date: due },
    data: { acceptedOn, dueDate: due, rulesEffectiveFrom: petitionRulesOn(acceptedOn).effectiveFrom },
  });
  return { ...result, dueDate: due };
}

/** Not accepted, passed on, or filed away: each with the reasons the citizen is given. */
export async function closeWithReason(
  db: Kysely<Database>,
  dossierId: number,
  action: 'not_accept' | 'transfer' | 'file_away' | 'treat_as_tip' | 'act_on_tip' | 'file_tip',
  actor: Actor,
  input: ActionOptions & { reason: string },
): Promise<ActionResult> {
  const reason = requiredReason(input.reason);
  await petitionFacts(db, dossierId);
  return transition(db, dossierId, action, actor, { ...common(input), publicNote: reason });
}

/** The head sends an accepted petition to verification, naming the officer who verifies. */
export async function startVerification(db: Kysely<Database>, dossierId: number, actor: Actor, input: ActionOptions & { officerId: number }): Promise<ActionResult> {
  await petitionFacts(db, dossierId);
  return transition(db, dossierId, 'verify', actor, {
    ...common(input),
    set: { assigned_to: input.officerId },
    guard: async (trx, dossier) => {
      await assignedOfficer(trx, dossier, input.officerId);
      return { data: { officerId: input.officerId } };
    },
  });
}

/**
 * The one extension of the time to decide, with its reason: a working day after the current due date and today, at
 * most the rules' maximum extension after the due date.
 */
export async function extendPetition(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & { reason: string; newDueDate: string },
): Promise<ActionResult> {
  const reason = requiredReason(input.reason);
  const { date: newDueDate, isWorkingDay: working, calendar } = await newDateInput(db, input.newDueDate);
  const today = todayInVietnam(input.now ?? new Date());
  return transition(db, dossierId, 'extend', actor, {
    ...common(input),
    publicNote: reason,
    set: { due_date: newDueDate },
    guard: async (trx, dossier) => {
      const earlier = await trx.selectFrom('dossier_events').select('id').where('dossier_id', '=', dossier.id).where('action', '=', 'extend').executeTakeFirst();
      if (earlier) throw new ActionInputError('extension_used');
      if (dossier.dueDate === null) throw new ActionInputError('apology_no_due_date');
      const latest = endOfSpan(petitionRulesOn(today).complaint.maxExtension, calendar, dossier.dueDate);
      if (!working || newDueDate <= dossier.dueDate || newDueDate <= today || newDueDate > latest) throw new ActionInputError('date_invalid');
      return { data: { previousDueDate: dossier.dueDate, newDueDate, latestAllowed: latest } };
    },
  });
}

/**
 * The decision on a complaint (`decide`) or the conclusion on a denunciation (`conclude`), with the contents the law
 * makes mandatory (what verification found, the legal basis, the conclusion, and what the decision keeps, amends or
 * annuls — or, for a denunciation, the measures ordered), the signed document (attachment `result`, which the
 * citizen downloads) and an optional note. A second complaint's decision is final, and so is one on an account
 * freeze; a first decision records the last day to complain against it, which the printed decision states.
 */
export async function decidePetition(
  db: Kysely<Database>,
  dossierId: number,
  actor: Actor,
  input: ActionOptions & {
    conclusion: string | null | undefined;
    file: { name: string; bytes: Uint8Array } | null | undefined;
    note?: string | null;
    /** The decision's number as printed on it; a second complaint names it. */
    number?: string | null;
    findings?: string | null;
    legalBasis?: string | null;
    /** Complaints only. */
    remedy?: string | null;
    /** Denunciations only. */
    measures?: string | null;
  },
): Promise<ActionResult & { attachmentId: number }> {
  const { procedure, answers } = await petitionFacts(db, dossierId);
  const denunciation = procedure.kind === 'denunciation';
  const number = (input.number ?? '').trim();
  if (number === '') throw new ActionInputError('number_missing');
  if (number.length > 50) throw new ActionInputError('number_too_long');
  const findings = requiredContent(input.findings, 'findings_missing');
  const legalBasis = requiredContent(input.legalBasis, 'legal_basis_missing');
  const conclusion = conclusions.find((c) => c === input.conclusion);
  if (!conclusion) throw new ActionInputError('conclusion_missing');
  let remedy: Remedy | null = null;
  let measures: string | null = null;
  if (denunciation) measures = requiredContent(input.measures, 'measures_missing');
  else {
    remedy = remedies.find((r) => r === input.remedy) ?? null;
    if (!remedy) throw new ActionInputError('remedy_missing');
    // A wrong complaint leaves what it was about standing; a right one cannot.
    if ((conclusion === 'wrong') !== (remedy === 'keep')) throw new ActionInputError('remedy_mismatch');
  }
  const note = optionalNote(input.note);
  const file = input.file;
  if (!file || (file.bytes.byteLength === 0 && file.name === '')) throw new ActionInputError('file_missing');
  const check = checkUpload(file);
  if (!check.ok) throw new ActionInputError(`file.${check.reason}`);
  const now = input.now ?? new Date();
  const decidedOn = todayInVietnam(now);
  const round = answers.round === 'second' ? 'second' : 'first';
  const final = !denunciation && (round === 'second' || answers.subject === 'accountFreeze');
  const secondComplaintBy =
    denunciation || final ? null : (lastDayToComplain({ round: 'second', firstDecisionReceivedOn: decidedOn }, await loadCalendar(db))?.lastDay ?? null);
  let attachmentId = 0;
  const result = await transition(db, dossierId, denunciation ? 'conclude' : 'decide', actor, {
    ...common(input),
    now,
    publicNote: note,
    guard: (_trx, dossier) => ({
      data: {
        decidedOn,
        number,
        conclusion,
        round,
        final,
        dueDate: dossier.dueDate,
        fileName: check.fileName,
        findings,
        legalBasis,
        ...(remedy ? { remedy } : {}),
        ...(measures ? { measures } : {}),
        ...(secondComplaintBy ? { secondComplaintBy } : {}),
      },
    }),
    withEvent: async (trx, eventId) => {
      attachmentId = await attachFile(trx, dossierId, eventId, 'result', check, file.bytes);
    },
  });
  return { ...result, attachmentId };
}

/** The decision has been delivered: the petition is closed. */
export async function closePetition(db: Kysely<Database>, dossierId: number, actor: Actor, opts: ActionOptions): Promise<ActionResult> {
  await petitionFacts(db, dossierId);
  return transition(db, dossierId, 'close', actor, common(opts));
}
