/** Calendar-date helpers for form validation. Dates are ISO strings (yyyy-mm-dd), which compare correctly as text. */

// One definition of "today" for the whole portal: the calendar's.
export { todayInVietnam } from '../calendar.ts';

/** Whether `value` is a yyyy-mm-dd date that exists in the calendar (no 31 April, no 29 February 2023). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The date `years` years after `date`. A period counted in years ends on the same day of the same month; when that
 * day does not exist (29 February), on the last day of the month (Civil Code 2015, Art. 148).
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const target = new Date(Date.UTC(y + years, m - 1, Math.min(d, lastDay)));
  return target.toISOString().slice(0, 10);
}
