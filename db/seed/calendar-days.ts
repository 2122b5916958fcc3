/**
 * Initial rows of `calendar_days`: the days off and swapped working days the Government
 * announced for 2025–2027. Administrators edit these afterwards; anything not listed falls
 * back to the statutory defaults computed in src/server/calendar.ts.
 *
 * Conventions (see isTetAnnouncement / isNationalDayAnnouncement):
 * - every day of an announced Tết break is an 'off' row named "… Tết Nguyên đán …" /
 *   "Lunar New Year …", weekends included, so the whole break is listed and explained;
 * - the day next to 2 September is an 'off' row named "Quốc khánh …" / "National Day …";
 * - "(chưa xác nhận)" / "(unconfirmed)" marks a computed default, not a known announcement.
 */
import type { CalendarDay, DateISO } from '../../src/server/calendar.ts';

const UNCONFIRMED = { vi: ' (chưa xác nhận)', en: ' (unconfirmed)' };

function off(date: DateISO, vi: string, en: string, unconfirmed = false): CalendarDay {
  return unconfirmed
    ? { date, kind: 'off', name: { vi: vi + UNCONFIRMED.vi, en: en + UNCONFIRMED.en } }
    : { date, kind: 'off', name: { vi, en } };
}

function working(date: DateISO, vi: string, en: string): CalendarDay {
  return { date, kind: 'working', name: { vi, en } };
}

const tet = (date: DateISO, detailVi: string, detailEn: string, unconfirmed = false) =>
  off(date, `Nghỉ Tết Nguyên đán (${detailVi})`, `Lunar New Year break (${detailEn})`, unconfirmed);

const year2025: CalendarDay[] = [
  off('2025-01-01', 'Tết Dương lịch', "New Year's Day"),
  // Tết Ất Tỵ: 9 days, Sat 25/01 – Sun 02/02/2025 (Mon 27/01 swapped with Sat 08/02).
  tet('2025-01-25', '26 tháng Chạp, nghỉ hằng tuần', '26th of the 12th lunar month, weekly rest day'),
  tet('2025-01-26', '27 tháng Chạp, nghỉ hằng tuần', '27th of the 12th lunar month, weekly rest day'),
  tet('2025-01-27', '28 tháng Chạp, hoán đổi với thứ Bảy 08/02/2025', '28th of the 12th lunar month, swapped with Sat 08/02/2025'),
  tet('2025-01-28', '29 tháng Chạp', '29th of the 12th lunar month'),
  tet('2025-01-29', 'mùng 1 tháng Giêng', 'day 1'),
  tet('2025-01-30', 'mùng 2 tháng Giêng', 'day 2'),
  tet('2025-01-31', 'mùng 3 tháng Giêng', 'day 3'),
  tet('2025-02-01', 'mùng 4 tháng Giêng', 'day 4'),
  tet('2025-02-02', 'mùng 5 tháng Giêng', 'day 5'),
  working('2025-02-08', 'Làm việc bù cho thứ Hai 27/01/2025 (Tết)', 'Working Saturday in exchange for Mon 27/01/2025 (Tết)'),
  off('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day"),
  working('2025-04-26', 'Làm việc bù cho thứ Sáu 02/05/2025', 'Working Saturday in exchange for Fri 02/05/2025'),
  off('2025-04-30', 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'),
  off('2025-05-01', 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'),
  off('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)', 'Swapped day off (worked on Sat 26/04/2025)'),
  off('2025-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
  off('2025-09-02', 'Quốc khánh (2/9)', 'National Day (2 September)'),
];

const year2026: CalendarDay[] = [
  off('2026-01-01', 'Tết Dương lịch', "New Year's Day"),
  // Tết Bính Ngọ: 9 days, Sat 14/02 – Sun 22/02/2026 (5 Tết days Mon–Fri plus two weekends).
  tet('2026-02-14', '27 tháng Chạp, nghỉ hằng tuần', '27th of the 12th lunar month, weekly rest day'),
  tet('2026-02-15', '28 tháng Chạp, nghỉ hằng tuần', '28th of the 12th lunar month, weekly rest day'),
  tet('2026-02-16', '29 tháng Chạp', '29th of the 12th lunar month'),
  tet('2026-02-17', 'mùng 1 tháng Giêng', 'day 1'),
  tet('2026-02-18', 'mùng 2 tháng Giêng', 'day 2'),
  tet('2026-02-19', 'mùng 3 tháng Giêng', 'day 3'),
  tet('2026-02-20', 'mùng 4 tháng Giêng', 'day 4'),
  tet('2026-02-21', 'mùng 5 tháng Giêng, nghỉ hằng tuần', 'day 5, weekly rest day'),
  tet('2026-02-22', 'mùng 6 tháng Giêng, nghỉ hằng tuần', 'day 6, weekly rest day'),
  off('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day"),
  off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', "Compensatory day off: Hùng Kings' Commemoration Day"),
  off('2026-04-30', 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'),
  off('2026-05-01', 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'),
  off('2026-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', true),
  off('2026-09-02', 'Quốc khánh (2/9)', 'National Day (2 September)'),
];

// 2027: statutory defaults (Tết Đinh Mùi = Sat 06/02/2027); no announcement known yet.
const year2027: CalendarDay[] = [
  off('2027-01-01', 'Tết Dương lịch', "New Year's Day"),
  tet('2027-02-05', '29 tháng Chạp, ngày cuối năm', '29th of the 12th lunar month, last day of the year', true),
  tet('2027-02-06', 'mùng 1 tháng Giêng', 'day 1', true),
  tet('2027-02-07', 'mùng 2 tháng Giêng', 'day 2', true),
  tet('2027-02-08', 'mùng 3 tháng Giêng', 'day 3', true),
  tet('2027-02-09', 'mùng 4 tháng Giêng', 'day 4', true),
  tet('2027-02-10', 'nghỉ bù mùng 1', 'compensatory for day 1', true),
  tet('2027-02-11', 'nghỉ bù mùng 2', 'compensatory for day 2', true),
  off('2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day"),
  off('2027-04-30', 'Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)'),
  off('2027-05-01', 'Ngày Quốc tế Lao động (1/5)', 'International Labour Day (1 May)'),
  off('2027-05-03', 'Nghỉ bù ngày Quốc tế Lao động', 'Compensatory day off: International Labour Day'),
  off('2027-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)', true),
  off('2027-09-02', 'Quốc khánh (2/9)', 'National Day (2 September)'),
];

/** Announced days off and working days for 2025–2027, in date order. */
export const calendarDaysSeed: CalendarDay[] = [...year2025, ...year2026, ...year2027];
