import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createCalendar,
  isNationalDayAnnouncement,
  isTetAnnouncement,
  statutoryHolidays,
  todayInVietnam,
  type CalendarDay,
  type DateISO,
} from '../../src/server/calendar.ts';
import { calendarDaysSeed } from '../../db/seed/calendar-days.ts';

const cal = createCalendar(calendarDaysSeed);

/** Every date from a to b inclusive. */
function range(a: DateISO, b: DateISO): DateISO[] {
  const out: DateISO[] = [];
  for (let t = Date.parse(a); t <= Date.parse(b); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function assertOff(...dates: DateISO[]) {
  for (const d of dates) assert.equal(cal.isWorkingDay(d), false, `${d} should be a day off`);
}
function assertWorking(...dates: DateISO[]) {
  for (const d of dates) assert.equal(cal.isWorkingDay(d), true, `${d} should be a working day`);
}

test('2025 official schedule', () => {
  assertOff('2025-01-01');
  assertWorking('2024-12-31', '2025-01-02');
  // Tết: 9 days Sat 25/01 – Sun 02/02, the working Saturday 08/02 in exchange for Mon 27/01.
  assertOff(...range('2025-01-25', '2025-02-02'));
  assertWorking('2025-01-24', '2025-02-03', '2025-02-08');
  assertOff('2025-02-09');
  // Hùng Kings Mon 07/04.
  assertOff('2025-04-07');
  assertWorking('2025-04-04', '2025-04-08');
  // 30/4–1/5 plus Fri 02/05 in exchange for Sat 26/04.
  assertWorking('2025-04-26', '2025-04-29', '2025-05-05');
  assertOff(...range('2025-04-30', '2025-05-04'));
  // National Day Mon 01/09 – Tue 02/09.
  assertOff('2025-08-30', '2025-08-31', '2025-09-01', '2025-09-02');
  assertWorking('2025-08-29', '2025-09-03');
});

test('2026 official schedule', () => {
  assertOff('2026-01-01');
  assertOff(...range('2026-02-14', '2026-02-22'));
  assertWorking('2026-02-13', '2026-02-23');
  // Hùng Kings on Sunday 26/04 → compensatory Monday 27/04.
  assertOff('2026-04-26', '2026-04-27');
  assertWorking('2026-04-24', '2026-04-28', '2026-04-29');
  assertOff('2026-04-30', '2026-05-01');
  assertWorking('2026-05-04');
  assertOff('2026-09-02');
  assertWorking('2026-09-03');
});

test('addWorkingDays', () => {
  // Across Tết 2026: Fri 13/02 + 5 → Mon 23 … Fri 27/02.
  assert.equal(cal.addWorkingDays('2026-02-13', 5), '2026-02-27');
  // Across a weekend and from a Friday.
  assert.equal(cal.addWorkingDays('2025-03-06', 2), '2025-03-10');
  assert.equal(cal.addWorkingDays('2025-03-07', 1), '2025-03-10');
  assert.equal(cal.addWorkingDays('2025-03-07', 5), '2025-03-14');
  // From a holiday or a day inside a break: counting starts the next day.
  assert.equal(cal.addWorkingDays('2025-09-01', 1), '2025-09-03');
  assert.equal(cal.addWorkingDays('2025-02-01', 1), '2025-02-03');
  // Announced working Saturdays count.
  assert.equal(cal.addWorkingDays('2025-02-07', 1), '2025-02-08');
  assert.equal(cal.addWorkingDays('2025-04-25', 1), '2025-04-26');
  assert.equal(cal.addWorkingDays('2025-04-26', 3), '2025-05-05');
  // Hùng Kings 2026 and its compensatory Monday.
  assert.equal(cal.addWorkingDays('2026-04-24', 1), '2026-04-28');
  // Across a year end.
  assert.equal(cal.addWorkingDays('2025-12-31', 1), '2026-01-02');
  // n = 0 is the start itself, even on a day off.
  assert.equal(cal.addWorkingDays('2026-02-13', 0), '2026-02-13');
  assert.equal(cal.addWorkingDays('2026-02-14', 0), '2026-02-14');
  assert.throws(() => cal.addWorkingDays('2026-02-13', -1), RangeError);
  assert.throws(() => cal.addWorkingDays('2026-02-13', 1.5), RangeError);
});

test('workingDaysBetween', () => {
  assert.equal(cal.workingDaysBetween('2026-02-13', '2026-02-27'), 5);
  assert.equal(cal.workingDaysBetween('2026-02-27', '2026-02-13'), -5);
  assert.equal(cal.workingDaysBetween('2025-03-10', '2025-03-10'), 0);
  assert.equal(cal.workingDaysBetween('2025-01-24', '2025-02-02'), 0);
  // 2025: 365 days − 104 weekend days − 12 weekdays off (1/1, 27–31/1, 7/4, 30/4–2/5, 1–2/9)
  // + 2 working Saturdays.
  assert.equal(cal.workingDaysBetween('2024-12-31', '2025-12-31'), 251);
});

test('workingDaysBetween inverts addWorkingDays over 2025–2027', () => {
  for (const start of range('2025-01-01', '2027-12-31')) {
    for (const n of [0, 1, 2, 3, 5, 10, 15, 30]) {
      const end = cal.addWorkingDays(start, n);
      assert.equal(cal.workingDaysBetween(start, end), n, `${start} + ${n} = ${end}`);
      assert.equal(cal.workingDaysBetween(end, start), n === 0 ? 0 : -n);
      if (n > 0) {
        assert.ok(cal.isWorkingDay(end), `${end} is a working day`);
        // The result is the first date reaching n: the day before has only n − 1.
        const before = new Date(Date.parse(end) - 86_400_000).toISOString().slice(0, 10);
        assert.equal(cal.workingDaysBetween(start, before), n - 1);
      }
    }
  }
});

test('explain lists the Tết days and the working Saturday', () => {
  const e = cal.explain('2025-01-24', '2025-02-10');
  assert.deepEqual(
    e.daysOff.map((d) => d.date),
    range('2025-01-25', '2025-02-02'),
  );
  for (const d of e.daysOff) {
    assert.match(d.name.vi, /Tết Nguyên đán/);
    assert.match(d.name.en, /Lunar New Year/);
    assert.equal(d.kind, 'announced');
  }
  assert.deepEqual(e.extraWorkingDays.map((d) => d.date), ['2025-02-08']);

  const e2026 = cal.explain('2026-02-13', '2026-02-27');
  assert.deepEqual(e2026.daysOff.map((d) => d.date), range('2026-02-14', '2026-02-22'));
  assert.deepEqual(e2026.extraWorkingDays, []);

  // Plain weekends are not listed; the Hùng Kings compensatory day is.
  const april = createCalendar([]).explain('2026-04-17', '2026-04-28');
  assert.deepEqual(
    april.daysOff.map((d) => [d.date, d.kind]),
    [['2026-04-26', 'holiday'], ['2026-04-27', 'compensatory']],
  );
  assert.match(april.daysOff[1]!.name.vi, /Nghỉ bù Giỗ Tổ Hùng Vương/);
});

test('statutory defaults (no announcements)', () => {
  const list = (y: number) => statutoryHolidays(y).map((h) => `${h.date} ${h.kind}`);
  assert.deepEqual(list(2026), [
    '2026-01-01 holiday',
    '2026-02-16 holiday', '2026-02-17 holiday', '2026-02-18 holiday', '2026-02-19 holiday', '2026-02-20 holiday',
    '2026-04-26 holiday', '2026-04-27 compensatory',
    '2026-04-30 holiday', '2026-05-01 holiday',
    '2026-09-01 holiday', '2026-09-02 holiday',
  ]);
  // 2027: Tết Sat 06/02 → Sat and Sun made up on Wed 10 and Thu 11 (after the Tết days); 1 May Sat → Mon 3.
  assert.deepEqual(list(2027), [
    '2027-01-01 holiday',
    '2027-02-05 holiday', '2027-02-06 holiday', '2027-02-07 holiday', '2027-02-08 holiday', '2027-02-09 holiday',
    '2027-02-10 compensatory', '2027-02-11 compensatory',
    '2027-04-16 holiday',
    '2027-04-30 holiday', '2027-05-01 holiday', '2027-05-03 compensatory',
    '2027-09-01 holiday', '2027-09-02 holiday',
  ]);
  // 2028: 1 Jan is Saturday → Mon 3 Jan.
  assert.ok(list(2028).includes('2028-01-03 compensatory'));
});

test('announced Tết days replace the default ones', () => {
  const bare = createCalendar([]);
  // Default 2025 Tết: 28/01 – 01/02 with Sat 01/02 made up on Mon 03/02; Mon 27/01 works.
  assert.equal(bare.isWorkingDay('2025-01-27'), true);
  assert.equal(bare.isWorkingDay('2025-02-03'), false);
  assert.equal(bare.isWorkingDay('2025-02-08'), false);
  // The announcement moves those days.
  assert.equal(cal.isWorkingDay('2025-01-27'), false);
  assert.equal(cal.isWorkingDay('2025-02-03'), true);

  // A single announced Tết day replaces all five defaults of its year, and no other year.
  const odd = createCalendar([
    { date: '2026-02-20', kind: 'off', name: { vi: 'Nghỉ Tết Nguyên đán', en: 'Lunar New Year break' } },
  ]);
  assert.equal(odd.isWorkingDay('2026-02-16'), true);
  assert.equal(odd.isWorkingDay('2026-02-17'), true);
  assert.equal(odd.isWorkingDay('2026-02-20'), false);
  assert.equal(odd.isWorkingDay('2027-02-08'), false);
});

test('announced entries override computed ones', () => {
  const c = createCalendar([
    { date: '2027-09-01', kind: 'working', name: { vi: 'Làm việc', en: 'Working day' } },
    { date: '2027-04-16', kind: 'working', name: { vi: 'Làm việc', en: 'Working day' } },
    { date: '2027-03-06', kind: 'working', name: { vi: 'Làm bù', en: 'Working Saturday' } },
    { date: '2027-03-08', kind: 'off', name: { vi: 'Nghỉ', en: 'Day off' } },
  ]);
  assert.equal(c.isWorkingDay('2027-09-01'), true);
  assert.equal(c.isWorkingDay('2027-04-16'), true);
  assert.equal(c.isWorkingDay('2027-03-06'), true);
  assert.equal(c.isWorkingDay('2027-03-08'), false);
  assert.equal(c.isWorkingDay('2027-09-02'), false);
  const e = c.explain('2027-03-01', '2027-03-10');
  assert.deepEqual(e.extraWorkingDays.map((d) => d.date), ['2027-03-06']);
  assert.deepEqual(e.daysOff.map((d) => [d.date, d.kind]), [['2027-03-08', 'announced']]);
});

test('an announced National Day adjacent day replaces 1 September', () => {
  const c = createCalendar([
    { date: '2027-09-03', kind: 'off', name: { vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (adjacent day)' } },
  ]);
  assert.equal(c.isWorkingDay('2027-09-01'), true);
  assert.equal(c.isWorkingDay('2027-09-02'), false);
  assert.equal(c.isWorkingDay('2027-09-03'), false);
  // Announcing only 2 September changes nothing.
  const same = createCalendar([
    { date: '2027-09-02', kind: 'off', name: { vi: 'Quốc khánh', en: 'National Day' } },
  ]);
  assert.equal(same.isWorkingDay('2027-09-01'), false);
});

test('announcement markers', () => {
  const day = (vi: string, en: string, kind: 'off' | 'working' = 'off'): CalendarDay => ({
    date: '2026-02-16',
    kind,
    name: { vi, en },
  });
  assert.equal(isTetAnnouncement(day('Tết Nguyên đán', 'x')), true);
  assert.equal(isTetAnnouncement(day('x', 'Lunar New Year')), true);
  // Decomposed (NFD) Vietnamese still matches.
  assert.equal(isTetAnnouncement(day('Tết Âm lịch'.normalize('NFD'), 'x')), true);
  assert.equal(isTetAnnouncement(day('Tết Dương lịch', "New Year's Day")), false);
  assert.equal(isTetAnnouncement(day('Tết Nguyên đán', 'Lunar New Year', 'working')), false);
  assert.equal(isNationalDayAnnouncement({ ...day('Quốc khánh', 'National Day'), date: '2026-09-01' }), true);
  assert.equal(isNationalDayAnnouncement({ ...day('Quốc khánh', 'National Day'), date: '2026-09-02' }), false);
});

test('seed data is well-formed and 2027 matches the computed defaults', () => {
  const dates = calendarDaysSeed.map((d) => d.date);
  assert.equal(new Set(dates).size, dates.length, 'no duplicate dates');
  assert.deepEqual([...dates].sort(), dates, 'in date order');
  for (const d of calendarDaysSeed) {
    assert.match(d.date, /^202[567]-\d{2}-\d{2}$/);
    assert.ok(d.name.vi.trim() && d.name.en.trim());
    assert.equal(d.name.vi, d.name.vi.normalize('NFC'));
  }
  const seeded2027 = calendarDaysSeed.filter((d) => d.date.startsWith('2027')).map((d) => d.date);
  assert.deepEqual(seeded2027, statutoryHolidays(2027).map((h) => h.date));
  assert.equal(calendarDaysSeed.filter((d) => d.kind === 'working').length, 2);
});

test('invalid dates are rejected', () => {
  assert.throws(() => cal.isWorkingDay('2025-02-30'), RangeError);
  assert.throws(() => cal.isWorkingDay('2025-2-3'), RangeError);
  assert.throws(() => createCalendar([{ date: '03/02/2025', kind: 'off', name: { vi: 'x', en: 'x' } }]), RangeError);
});

test('todayInVietnam uses UTC+7 whatever the host time zone', () => {
  assert.equal(todayInVietnam(new Date('2025-12-31T16:59:59Z')), '2025-12-31');
  assert.equal(todayInVietnam(new Date('2025-12-31T17:00:00Z')), '2026-01-01');
  assert.equal(todayInVietnam(new Date('2026-02-16T23:30:00-05:00')), '2026-02-17');
  assert.match(todayInVietnam(), /^\d{4}-\d{2}-\d{2}$/);
});
