import type { WorkingCalendar } from '../calendar.ts';
import { oneStopRulesOn } from '../catalog/one-stop-rules.ts';
import type { DateISO, RuleSet } from '../catalog/types.ts';

/**
 * The last day of a time limit that starts on `start` (Civil Code Arts. 147–148: the start day is not counted; a
 * limit in calendar days that ends on a rest day moves to the next working day).
 */
export function dueDate(rule: RuleSet, calendar: WorkingCalendar, start: DateISO): DateISO {
  const { days, unit } = rule.timeLimit;
  if (unit === 'working') return calendar.addWorkingDays(start, days);
  const end = new Date(Date.parse(start + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
  return calendar.isWorkingDay(end) ? end : calendar.addWorkingDays(end, 1);
}

/**
 * The last day of reception's completeness check of a dossier that entered the wait (submitted, or supplemented) on
 * `day`: the one-stop rules in force that day, counted like any working-day limit (the day itself not counted).
 */
export function completenessCheckDue(calendar: WorkingCalendar, day: DateISO): DateISO {
  return calendar.addWorkingDays(day, oneStopRulesOn(day).completenessCheckDays);
}
