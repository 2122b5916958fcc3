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
import { ActionInputError, type ActionOptions, type ActionResult, requiredReason, optionalNote, common, attachFile, assignedOfficer, newDateInput } from './staff-action-parts.ts';
import { transition, TransitionError, type Actor } from './transition.ts';

/** How a decision (complaint) or conclusion (denunciation) answers what was complained about or denounced. */
export const conclusions = ['right', 'partly_right', 'wrong'] as const;
export type Conclusion = (typeof conclusions)[number];

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
  action: 'not_accept' | 'transfer' | 'file_away',
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
      if (earlier) throw new ActionInputError('extensionUsed');
      if (dossier.dueDate === null) throw new ActionInputError('apologyNoDueDate');
      const latest = endOfSpan(petitionRulesOn(today).complaint.maxExtension, calendar, dossier.dueDate);
      if (!working || newDueDate <= dossier.dueDate || newDueDate <= today || newDueDate > latest) throw new ActionInputError('dateInvalid');
      return { data: { previousDueDate: dossier.dueDate, newDueDate, latestAllowed: latest } };
    },
  });
}

/**
 * The decision on a complaint (`decide`) or the conclusion on a denunciation (`conclude`): the conclusion, the signed
 * document (attachment `result`, which the citizen downloads) and an optional note. A second complaint's decision is
 * final, and so is one on an account freeze.
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
  },
): Promise<ActionResult & { attachmentId: number }> {
  const { procedure, answers } = await petitionFacts(db, dossierId);
  const number = (input.number ?? '').trim();
  if (number === '') throw new ActionInputError('numberMissing');
  if (number.length > 50) throw new ActionInputError('numberTooLong');
  const conclusion = conclusions.find((c) => c === input.conclusion);
  if (!conclusion) throw new ActionInputError('conclusionMissing');
  const note = optionalNote(input.note);
  const file = input.file;
  if (!file || (file.bytes.byteLength === 0 && file.name === '')) throw new ActionInputError('fileMissing');
  const check = checkUpload(file);
  if (!check.ok) throw new ActionInputError(`file.${check.reason}`);
  const now = input.now ?? new Date();
  const action = procedure.kind === 'denunciation' ? 'conclude' : 'decide';
  const round = answers.round === 'second' ? 'second' : 'first';
  let attachmentId = 0;
  const result = await transition(db, dossierId, action, actor, {
    ...common(input),
    now,
    publicNote: note,
    guard: (_trx, dossier) => ({
      data: {
        decidedOn: todayInVietnam(now),
        number,
        conclusion,
        round,
        final: procedure.kind === 'complaint' && (round === 'second' || answers.subject === 'accountFreeze'),
        dueDate: dossier.dueDate,
        fileName: check.fileName,
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
