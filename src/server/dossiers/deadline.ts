import type { WorkingCalendar } from '../calendar.ts';
import { oneStopRulesOn } from '../catalog/one-stop-rules.ts';
import { complaintFacts, petitionRulesOn, type Span } from '../catalog/petition-rules.ts';
import type { DateISO, Procedure, RuleSet } from '../catalog/types.ts';

/**
 * The last day of a time limit that starts on `start` (Civil Code Arts. 147–148: the start day is not counted; a
 * limit in calendar days that ends on a rest day moves to the next working day).
 */
export function dueDate(rule: RuleSet, calendar: WorkingCalendar, start: DateISO): DateISO {
  return endOfSpan(rule.timeLimit, calendar, start);
}

/**
 * The last day of reception's completeness check of a dossier that entered the wait (submitted, or supplemented) on
 * `day`: the one-stop rules in force that day, counted like any working-day limit (the day itself not counted).
 */
export function completenessCheckDue(calendar: WorkingCalendar, day: DateISO): DateISO {
  return calendar.addWorkingDays(day, oneStopRulesOn(day).completenessCheckDays);
}

/** The last day of a span counted from `start` (start day not counted; calendar spans ending on a rest day move on). */
export function endOfSpan(span: Span, calendar: WorkingCalendar, start: DateISO): DateISO {
  if (span.unit === 'working') return calendar.addWorkingDays(start, span.days);
  const end = new Date(Date.parse(start + 'T00:00:00Z') + span.days * 86_400_000).toISOString().slice(0, 10);
  return calendar.isWorkingDay(end) ? end : calendar.addWorkingDays(end, 1);
}

/**
 * The deadline of a dossier waiting in 'submitted' since `day`: reception's completeness check for a one-stop
 * dossier; the time to accept (or refuse, or pass on) a complaint or a denunciation.
 */
export function waitingDue(procedure: Pick<Procedure, 'kind'>, answers: Record<string, unknown>, calendar: WorkingCalendar, day: DateISO): DateISO {
  if (procedure.kind === 'one-stop') return completenessCheckDue(calendar, day);
  const rules = petitionRulesOn(day);
  if (procedure.kind === 'denunciation') return endOfSpan(rules.denunciation.accept, calendar, day);
  return endOfSpan(rules.complaint.accept[complaintFacts(answers).round], calendar, day);
}

/** The time a complaint or denunciation accepted on `acceptedOn` has to be decided: by kind, subject and round. */
export function decisionSpan(procedure: Pick<Procedure, 'kind'>, answers: Record<string, unknown>, acceptedOn: DateISO): Span {
  const rules = petitionRulesOn(acceptedOn);
  if (procedure.kind === 'denunciation') return rules.denunciation.conclude;
  const { subject, round } = complaintFacts(answers);
  const spans = rules.complaint.decide[subject];
  return (round === 'second' ? spans.second : null) ?? spans.first;
}

/** The day a complaint or denunciation must be decided by, counted from its acceptance on `acceptedOn`. */
export function decisionDue(procedure: Pick<Procedure, 'kind'>, answers: Record<string, unknown>, calendar: WorkingCalendar, acceptedOn: DateISO): DateISO {
  return endOfSpan(decisionSpan(procedure, answers, acceptedOn), calendar, acceptedOn);
}
