/**
 * The working-day calendar in a form SQL can use. The calendar (src/server/calendar.ts: the Labour Code's holidays,
 * Tết from the lunar calendar, and the announcements kept in `calendar_days`) is resolved here into its exceptions
 * to the weekday rule — weekdays off and worked weekend days — which the statistics queries pass as two date arrays.
 * SQL then numbers the working days in order, so a span's working days are one subtraction per dossier, counted as
 * `WorkingCalendar.workingDaysBetween` counts them (the day after the start up to and including the end).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import type { DateISO, WorkingCalendar } from '../calendar.ts';
import type { Database } from '../schema.ts';

export interface CalendarExceptions {
  /** Monday–Friday dates that are not working days. */
  weekdaysOff: DateISO[];
  /** Saturday/Sunday dates that are working days. */
  weekendsWorked: DateISO[];
}

const DAY_MS = 86_400_000;

/** The exceptions from `from` to `to` inclusive. */
export function calendarExceptions(calendar: WorkingCalendar, from: DateISO, to: DateISO): CalendarExceptions {
  const weekdaysOff: DateISO[] = [];
  const weekendsWorked: DateISO[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    const working = calendar.isWorkingDay(day);
    if (!weekend && !working) weekdaysOff.push(day);
    if (weekend && working) weekendsWorked.push(day);
  }
  return { weekdaysOff, weekendsWorked };
}

/** The span the statistics resolve the calendar over: dossiers older than this count weekdays only. */
export const CALENDAR_SPAN_YEARS = 10;

/** The calendar's exceptions around `today`, from the database's announcements. */
export async function loadCalendarExceptions(db: Kysely<Database>, today: DateISO): Promise<CalendarExceptions> {
  const year = Number(today.slice(0, 4));
  return calendarExceptions(await loadCalendar(db), `${year - CALENDAR_SPAN_YEARS}-01-01`, `${year + 1}-12-31`);
}

/**
 * The working-day numbers of a span, for SQL: `numbers[i]` is the count of working days from `from` up to and
 * including the i-th day after it. Working days after a up to and including b = numbers[b − from] − numbers[a − from].
 */
export function workingDayNumbers(calendarExceptions: CalendarExceptions, from: DateISO, to: DateISO): number[] {
  const off = new Set(calendarExceptions.weekdaysOff);
  const worked = new Set(calendarExceptions.weekendsWorked);
  const numbers: number[] = [];
  let n = 0;
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    if (worked.has(day) || (!weekend && !off.has(day))) n++;
    numbers.push(n);
  }
  return numbers;
}

/**
 * SQL for the working days after `a` up to and including `b` (two date expressions), on the numbers of the span
 * from `from` (see `workingDayNumbers`); null when either day is outside the span.
 */
export function workingDaysBetweenSql(numbers: number[], from: DateISO, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number | null> {
  // Arrays are 1-based; a subscript outside the array is null, which keeps out dates beyond the span.
  const at = (d: RawBuilder<unknown>) => sql`(${numbers}::int[])[${d} - ${from}::date + 1]`;
  return sql<number | null>`(${at(b)} - ${at(a)})`;
}
