/**
 * Deadlines that explain themselves (DESIGN.md): for one dossier, the time limit that applies and why, the working
 * days used and left, each pause for a supplement and each re-dating by apology with its reason, and the days off
 * the count skipped. Overdue is computed here from the due date and the calendar — never stored.
 */
import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { todayInVietnam, type CalendarDay, type DateISO, type ExplainedDay } from '../calendar.ts';
import { procedureByCode, rulesFor } from '../catalog/index.ts';
import { oneStopRulesOn, type OneStopRuleSet } from '../catalog/one-stop-rules.ts';
import { petitionRulesOn } from '../catalog/petition-rules.ts';
import { decisionSpan } from './deadline.ts';
import type { Database } from '../schema.ts';
import { closedStatuses, type DossierStatus } from './lifecycle.ts';

/** "Due soon" on the queue and the dossier page: this many working days left, or fewer. */
export const DUE_SOON_WORKING_DAYS = 2;

export interface DeadlinePause {
  /** The day the supplement was requested: the clock stopped and the due date was cleared. */
  from: DateISO;
  /** The day the citizen sent the documents (or the dossier otherwise left the wait); null while still waiting. */
  to: DateISO | null;
  /** What was asked for, as the citizen was told. */
  reason: string | null;
}

export interface DeadlineRedating {
  /** The due date the apology replaced. */
  from: DateISO;
  /** The new due date. */
  to: DateISO;
  /** The day of the apology. */
  on: DateISO;
  reason: string | null;
  /** Made on or after the due date (not at the latest the day before): the dossier counts as late. */
  late: boolean;
}

/** Reception's completeness check of a dossier waiting to be received (one-stop rules, dated). */
export interface CompletenessCheck {
  /** The day the dossier entered the wait: its submission, or the citizen's latest supplement. */
  since: DateISO;
  /** The last day to receive it, refuse it or ask for more. */
  dueOn: DateISO;
  workingDaysLimit: number;
  overdue: boolean;
  /** Working days past `dueOn`; 0 unless overdue. */
  workingDaysOverdue: number;
  rules: OneStopRuleSet;
}

export interface DeadlineReport {
  /** The time limit in force on the day of receipt (today's, for a dossier not received yet). */
  timeLimit: { days: number; unit: 'working' | 'calendar' };
  rulesEffectiveFrom: DateISO;
  /** The latest receipt: after a supplement, the time limit starts again from the new one. */
  receivedOn: DateISO | null;
  dueDate: DateISO | null;
  /** Working days after the receipt up to today (or the day the clock stopped); null without a due date. */
  workingDaysUsed: number | null;
  /** Working days from today (or the stop) to the due date, never below 0; null without a due date. */
  workingDaysLeft: number | null;
  /** Working days past the due date; 0 unless overdue. */
  workingDaysOverdue: number;
  overdue: boolean;
  /** Open, not overdue, and at most DUE_SOON_WORKING_DAYS working days left. */
  dueSoon: boolean;
  /** The day the clock stopped (result recorded, or the dossier closed); null while it runs. */
  stoppedOn: DateISO | null;
  pauses: DeadlinePause[];
  redatings: DeadlineRedating[];
  /** Days off (holidays, compensatory and announced days off) between the receipt and the due date. */
  holidaysSkipped: ExplainedDay[];
  /** Announced working days (worked Saturdays) in the same span. */
  extraWorkingDays: CalendarDay[];
  /** While the dossier waits to be received; null otherwise. */
  completenessCheck: CompletenessCheck | null;
  /**
   * Overdue with no apology made yet: the agency still owes the written apology with the reason and a new date
   * (one-stop.md), and the dossier page offers it.
   */
  apologyOwed: boolean;
  /** Overdue now, or re-dated by a late apology: the dossier counts as late in every statistic. */
  late: boolean;
}

/** Whether a dossier due on `dueDate` is overdue on `today` (for the queue: due dates end at 24:00 of the day). */
export function isOverdue(dueDate: DateISO | null, today: DateISO = todayInVietnam()): boolean {
  return dueDate !== null && today > dueDate;
}

/** The report of dossier `dossierId` as of `today` (Vietnam's date by default). Throws when there is no such dossier. */
export async function deadlineReport(db: Kysely<Database>, dossierId: number, today: DateISO = todayInVietnam()): Promise<DeadlineReport> {
  const dossier = await db
    .selectFrom('dossiers')
    .select(['procedure_code', 'status', 'submitted_at', 'received_at', 'due_date', 'check_due_date', 'closed_at', 'data'])
    .where('id', '=', dossierId)
    .executeTakeFirstOrThrow();
  const procedure = procedureByCode(dossier.procedure_code);
  if (!procedure) throw new Error(`Unknown procedure ${dossier.procedure_code}`);
  const events = await db
    .selectFrom('dossier_events')
    .select(['at', 'action', 'from_status', 'to_status', 'public_note', 'data'])
    .where('dossier_id', '=', dossierId)
    .orderBy('id')
    .execute();
  const calendar = await loadCalendar(db);

  const status = dossier.status as DossierStatus;
  const receivedOn = dossier.received_at ? todayInVietnam(new Date(dossier.received_at)) : null;
  const rules = rulesFor(procedure, receivedOn ?? today);
  // A complaint's or denunciation's time limit, once accepted, is the time to decide (by subject and round).
  const petitionLimit = procedure.kind !== 'one-stop' && receivedOn !== null ? decisionSpan(procedure, dossier.data as Record<string, unknown>, receivedOn) : null;
  const dueDate = dossier.due_date;
  const dayOf = (at: Date) => todayInVietnam(new Date(at));

  // The answer is given when the result is recorded (the officer's certificate) or signed (the head's decision), or
  // when a complaint is decided or a denunciation concluded; what follows (handing it over, closing) is not late.
  const answered: readonly string[] = ['result_ready', 'decided', 'concluded'];
  const lastResult = events.findLast((e) => answered.includes(e.to_status));
  const stoppedOn =
    (status === 'result_ready' || status === 'returned' || status === 'decided' || status === 'concluded' || status === 'closed') && lastResult
      ? dayOf(lastResult.at)
      : closedStatuses.has(status) && dossier.closed_at
        ? dayOf(dossier.closed_at)
        : null;
  const clock = stoppedOn ?? today;

  let workingDaysUsed: number | null = null;
  let workingDaysLeft: number | null = null;
  let workingDaysOverdue = 0;
  if (dueDate !== null && receivedOn !== null) {
    workingDaysUsed = Math.max(0, calendar.workingDaysBetween(receivedOn, clock));
    const left = calendar.workingDaysBetween(clock, dueDate);
    workingDaysLeft = Math.max(0, left);
    workingDaysOverdue = Math.max(0, -left);
  }
  const overdue = dueDate !== null && isOverdue(dueDate, clock);

  const pauses: DeadlinePause[] = [];
  events.forEach((event, i) => {
    if (event.action !== 'request_supplement') return;
    const end = events.slice(i + 1).find((e) => e.from_status === 'awaiting_supplement');
    pauses.push({ from: dayOf(event.at), to: end ? dayOf(end.at) : null, reason: event.public_note });
  });

  const redatings: DeadlineRedating[] = [];
  for (const event of events) {
    const data = event.data as { previousDueDate?: unknown; newDueDate?: unknown } | null;
    if ((event.action !== 'apologise' && event.action !== 'extend') || typeof data?.previousDueDate !== 'string' || typeof data.newDueDate !== 'string') continue;
    redatings.push({ from: data.previousDueDate, to: data.newDueDate, on: dayOf(event.at), reason: event.public_note, late: (data as { late?: unknown }).late === true });
  }

  let completenessCheck: CompletenessCheck | null = null;
  if (status === 'submitted' && dossier.check_due_date !== null) {
    const lastSupplement = events.findLast((e) => e.action === 'supplement');
    const since = lastSupplement ? dayOf(lastSupplement.at) : dayOf(dossier.submitted_at);
    const rules = oneStopRulesOn(since);
    const dueOn = dossier.check_due_date;
    const late = today > dueOn;
    completenessCheck = {
      since,
      dueOn,
      workingDaysLimit: rules.completenessCheckDays,
      overdue: late,
      workingDaysOverdue: late ? calendar.workingDaysBetween(dueOn, today) : 0,
      rules,
    };
  }
  const open = stoppedOn === null && !closedStatuses.has(status);

  const explanation = receivedOn !== null && dueDate !== null ? calendar.explain(receivedOn, dueDate) : { daysOff: [], extraWorkingDays: [] };
  return {
    timeLimit: petitionLimit ?? { days: rules.timeLimit.days, unit: rules.timeLimit.unit },
    rulesEffectiveFrom: petitionLimit && receivedOn ? petitionRulesOn(receivedOn).effectiveFrom : rules.effectiveFrom,
    receivedOn,
    dueDate,
    workingDaysUsed,
    workingDaysLeft,
    workingDaysOverdue,
    overdue,
    dueSoon: !overdue && stoppedOn === null && workingDaysLeft !== null && workingDaysLeft <= DUE_SOON_WORKING_DAYS,
    stoppedOn,
    pauses,
    redatings,
    holidaysSkipped: explanation.daysOff,
    extraWorkingDays: explanation.extraWorkingDays,
    completenessCheck,
    // Only one-stop dossiers owe an apology (form 04); a complaint's time is extended instead.
    apologyOwed: procedure.kind === 'one-stop' && open && overdue && redatings.length === 0,
    late: overdue || redatings.some((r) => r.late),
  };
}
