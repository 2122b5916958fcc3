import { todayInVietnam } from '../../../server/calendar.ts';
import { formatDate } from '../../../i18n/index.ts';

const clock = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

/** "14:05 01/12/2026": when something happened, as the clock and calendar read in Vietnam. */
export function atTime(d: Date | string): string {
  const at = new Date(d);
  return `${clock.format(at)} ${formatDate(todayInVietnam(at))}`;
}
