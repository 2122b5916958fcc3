import { todayInVietnam } from '../../../server/calendar.ts';
import { formatDate } from '../../../i18n/index.ts';
import { formatVietnamClock } from '../../../server/format.ts';

/** "14:05 01/12/2026": when something happened, as the clock and calendar read in Vietnam. */
export function atTime(d: Date | string): string {
  const at = new Date(d);
  return `${formatVietnamClock(at)} ${formatDate(todayInVietnam(at))}`;
}
