import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lunarToSolar, solarToLunar } from '../../src/server/lunar.ts';

// The table of /work/shared/domain/calendar.md: [year, Tết (1/1 lunar), Hùng Kings (10/3 lunar)].
const TABLE: Array<[number, string, string]> = [
  [2024, '2024-02-10', '2024-04-18'],
  [2025, '2025-01-29', '2025-04-07'],
  [2026, '2026-02-17', '2026-04-26'],
  [2027, '2027-02-06', '2027-04-16'],
  [2028, '2028-01-26', '2028-04-04'],
];

const ymd = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};

test('lunarToSolar: Tết and Hùng Kings match the published table', () => {
  for (const [year, tet, hung] of TABLE) {
    assert.deepEqual(lunarToSolar(1, 1, year, false), ymd(tet), `Tết ${year}`);
    assert.deepEqual(lunarToSolar(10, 3, year, false), ymd(hung), `Hùng Kings ${year}`);
  }
});

test('solarToLunar: the table in the other direction', () => {
  for (const [year, tet, hung] of TABLE) {
    const t = ymd(tet);
    const h = ymd(hung);
    assert.deepEqual(solarToLunar(t.y, t.m, t.d), { day: 1, month: 1, year, leap: false });
    assert.deepEqual(solarToLunar(h.y, h.m, h.d), { day: 10, month: 3, year, leap: false });
    // The day before Tết is the last day (29 or 30) of month 12 of the previous lunar year.
    const eve = solarToLunar(t.y, t.m, t.d - 1);
    assert.equal(eve.month, 12);
    assert.equal(eve.year, year - 1);
    assert.ok(eve.day === 29 || eve.day === 30);
  }
});

test('UTC+7, not UTC+8: Tết 2007 is 17 Feb and Tết 1985 is 21 Jan in Vietnam', () => {
  assert.deepEqual(lunarToSolar(1, 1, 2007, false), { y: 2007, m: 2, d: 17 });
  assert.deepEqual(solarToLunar(2007, 2, 17), { day: 1, month: 1, year: 2007, leap: false });
  assert.deepEqual(solarToLunar(2007, 2, 18), { day: 2, month: 1, year: 2007, leap: false });
  assert.deepEqual(lunarToSolar(1, 1, 1985, false), { y: 1985, m: 1, d: 21 });
});

test('leap months: 2023 (leap 2nd month) and 2025 (leap 6th month), Mid-Autumn 2025', () => {
  assert.deepEqual(solarToLunar(2023, 3, 22), { day: 1, month: 2, year: 2023, leap: true });
  assert.deepEqual(lunarToSolar(1, 6, 2025, true), { y: 2025, m: 7, d: 25 });
  assert.deepEqual(solarToLunar(2025, 7, 24), { day: 30, month: 6, year: 2025, leap: false });
  assert.deepEqual(lunarToSolar(15, 8, 2025, false), { y: 2025, m: 10, d: 6 });
  assert.throws(() => lunarToSolar(1, 5, 2025, true), RangeError);
  assert.throws(() => lunarToSolar(1, 1, 2026, true), RangeError);
});

test('round trip solar → lunar → solar for every day 2000–2040', () => {
  let months = 0;
  for (let t = Date.UTC(2000, 0, 1); t <= Date.UTC(2040, 11, 31); t += 86_400_000) {
    const date = new Date(t);
    const solar = { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
    const lunar = solarToLunar(solar.y, solar.m, solar.d);
    assert.ok(lunar.day >= 1 && lunar.day <= 30 && lunar.month >= 1 && lunar.month <= 12);
    assert.deepEqual(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap), solar);
    if (lunar.day === 1) months++;
  }
  // 41 years ≈ 41 × 12.37 lunar months.
  assert.ok(months >= 505 && months <= 509, `months: ${months}`);
});

test('lunarToSolar rejects a 30th day in a 29-day month', () => {
  // Month 12 of 2024 (Giáp Thìn) has 29 days: Tết Ất Tỵ follows 29 Chạp.
  assert.throws(() => lunarToSolar(30, 12, 2024, false), RangeError);
  assert.deepEqual(lunarToSolar(29, 12, 2024, false), { y: 2025, m: 1, d: 28 });
});
