import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../../src/server/calendar.ts';
import { calendarWindow, lastDayToComplain, OutsideWindow, windowCalendar } from '../../src/server/catalog/complaint-limits.ts';
import { calendarDaysSeed } from '../../db/seed/calendar-days.ts';

// Statutory days off only: Tết 2027 is 5–9 February with 10–11 February in lieu of the weekend days; National Day
// 2026 is 1–2 September (Tue–Wed).
const cal = createCalendar([]);
const last = (t: Parameters<typeof lastDayToComplain>[0]) => lastDayToComplain(t, cal)?.lastDay;

test('an account freeze: 3 working days, Tết 2027 skipped', () => {
  // Wed 3 Feb → Thu 4 (1), 5–14 off but Fri 12 (2), Mon 15 (3).
  assert.equal(last({ round: 'first', subject: 'accountFreeze', dateLearned: '2027-02-03' }), '2027-02-15');
});

test('calendar days ending on Tết move to the next working day', () => {
  // Fri 22 Jan + 15 = Sat 6 Feb (Tết) → Fri 12 Feb.
  assert.equal(last({ round: 'first', subject: 'beforeCoercion', dateLearned: '2027-01-22' }), '2027-02-12');
});

test('calendar days ending on a weekend move to Monday; on a working day they stay', () => {
  // Wed 11 Nov + 10 = Sat 21 Nov → Mon 23 Nov.
  assert.equal(last({ round: 'first', subject: 'otherSecurity', dateLearned: '2026-11-11' }), '2026-11-23');
  // Mon 2 Nov + 30 = Wed 2 Dec.
  assert.equal(last({ round: 'first', subject: 'coercion', dateLearned: '2026-11-02' }), '2026-12-02');
  // Mon 3 Aug + 30 = Wed 2 Sep (National Day) → Thu 3 Sep.
  assert.equal(last({ round: 'first', subject: 'afterCoercion', dateLearned: '2026-08-03' }), '2026-09-03');
});

test('a second complaint: 15 days from receiving the first decision, whatever the subject', () => {
  // Tue 1 Dec + 15 = Wed 16 Dec; the date learned does not count.
  assert.equal(last({ round: 'second', subject: 'coercion', dateLearned: '2026-01-05', firstDecisionReceivedOn: '2026-12-01' }), '2026-12-16');
  assert.equal(last({ round: 'second', subject: 'coercion', dateLearned: '2026-11-20' }), undefined);
});

test('the rules in force on the start day: 30 June 2026 the old regime, 1 July 2026 the unconfirmed new one', () => {
  const before = lastDayToComplain({ round: 'first', subject: 'coercion', dateLearned: '2026-06-30' }, cal)!;
  assert.equal(before.lastDay, '2026-07-30');
  assert.equal(before.rules.effectiveFrom, '2022-02-13');
  assert.equal(before.rules.unconfirmed, undefined);
  const after = lastDayToComplain({ round: 'first', subject: 'beforeCoercion', dateLearned: '2026-07-01' }, cal)!;
  assert.equal(after.lastDay, '2026-07-16');
  assert.equal(after.rules.effectiveFrom, '2026-07-01');
  assert.ok(after.rules.unconfirmed?.vi);
  assert.ok(after.rules.legalBasis.every((c) => c.unconfirmed));
});

test('not enough answers: no last day', () => {
  assert.equal(lastDayToComplain({ round: 'first', subject: 'coercion' }, cal), null);
  assert.equal(lastDayToComplain({ round: 'first', subject: 'nonsense', dateLearned: '2026-11-02' }, cal), null);
  assert.equal(lastDayToComplain({ round: 'first', subject: 'coercion', dateLearned: '2026-13-45' }, cal), null);
});

test('the island’s calendar window counts exactly as the server’s calendar, announced days included', () => {
  // The seed, and a worked Saturday (none is announced for 2026–2027) so the window must carry one too.
  const worked = { date: '2026-11-14', kind: 'working' as const, name: { vi: 'Làm việc bù', en: 'Working Saturday' } };
  const announced = createCalendar([...calendarDaysSeed, worked]);
  const today = '2027-01-20';
  const island = windowCalendar(calendarWindow(announced, today));
  const subjects = ['beforeCoercion', 'accountFreeze', 'otherSecurity', 'coercion', 'afterCoercion'];
  // Every date learned from 300 days before today to today, every subject, both rounds: Tết 2027 and the 2026
  // holidays fall inside.
  let compared = 0;
  for (let t = Date.parse('2026-03-26T00:00:00Z'); t <= Date.parse(today + 'T00:00:00Z'); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    for (const subject of subjects) {
      for (const timing of [{ round: 'first', subject, dateLearned: day }, { round: 'second', subject, firstDecisionReceivedOn: day }]) {
        assert.equal(lastDayToComplain(timing, island)?.lastDay, lastDayToComplain(timing, announced)?.lastDay, `${JSON.stringify(timing)}`);
        compared++;
      }
    }
  }
  assert.equal(compared, 301 * 5 * 2);
  // By hand: Fri 22 Jan 2027 + 15 = Sat 6 Feb (Tết) → the window says Fri 12 Feb too.
  assert.equal(lastDayToComplain({ round: 'first', subject: 'beforeCoercion', dateLearned: '2027-01-22' }, island)?.lastDay, '2027-02-12');
  // By hand: Thu 12 Nov 2026, an account freeze: Fri 13 (1), the worked Sat 14 (2), Mon 16 (3).
  assert.equal(lastDayToComplain({ round: 'first', subject: 'accountFreeze', dateLearned: '2026-11-12' }, island)?.lastDay, '2026-11-16');
  // Outside the window the island has no answer rather than a wrong one.
  assert.throws(() => lastDayToComplain({ round: 'first', subject: 'coercion', dateLearned: '2025-11-01' }, island), OutsideWindow);
});

test('a day that does not exist has no last day, on the server and in the island (it threw mid-render before)', () => {
  const island = windowCalendar(calendarWindow(cal, '2026-12-01'));
  for (const dateLearned of ['2026-01-32', '2026-11-31', '2026-02-30', '2026-00-10']) {
    assert.equal(lastDayToComplain({ round: 'second', subject: 'coercion', firstDecisionReceivedOn: dateLearned }, island), null, dateLearned);
    assert.equal(last({ round: 'first', subject: 'coercion', dateLearned }), undefined, dateLearned);
  }
});
