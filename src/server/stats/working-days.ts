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
 * A CTE body numbering every day from `from` to `to`: `(day date, n int)`, where n is the count of working days up to
 * and including `day`. Working days between a and b = n(b) − n(a).
 */
export function workingDayNumbers(exceptions: CalendarExceptions, from: RawBuilder<unknown>, to: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select g::date as day,
      sum(case when g::date = any(${exceptions.weekendsWorked}::date[]) then 1
               when extract(isodow from g) >= 6 or g::date = any(${exceptions.weekdaysOff}::date[]) then 0
               else 1 end) over (order by g) as n
    from generate_series(${from}::date, ${to}::date, interval '1 day') as g`;
}
