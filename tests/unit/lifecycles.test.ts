import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calendarDaysSeed } from '../../db/seed/calendar-days.ts';
import { createCalendar } from '../../src/server/calendar.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { decisionDue, waitingDue } from '../../src/server/dossiers/deadline.ts';
import { closedStatuses, internalActions, isAllowed, lifecycles, ruleOf, statusLabel } from '../../src/server/dossiers/lifecycle.ts';
import { staffActionNames } from '../../src/server/dossiers/staff-actions.ts';

const calendar = createCalendar(calendarDaysSeed);
const KN = procedureByCode('KN')!;
const TC = procedureByCode('TC')!;

describe('lifecycle tables', () => {
  test('the complaint lifecycle, typed out', () => {
    const table = lifecycles.complaint.actions;
    const shape = Object.fromEntries(Object.entries(table).map(([a, r]) => [a, [r!.from.join('|'), r!.to, r!.by.join('|')]]));
    assert.deepEqual(shape, {
      submit: ['', 'submitted', 'citizen|reception'],
      accept: ['submitted', 'accepted', 'head'],
      not_accept: ['submitted', 'not_accepted', 'head'],
      transfer: ['submitted', 'transferred', 'head|reception'],
      file_away: ['submitted', 'filed_away', 'head'],
      verify: ['accepted', 'verifying', 'head'],
      extend: ['verifying', null, 'head'],
      decide: ['verifying', 'decided', 'head'],
      close: ['decided', 'closed', 'reception|head'],
      withdraw: ['submitted|accepted|verifying', 'withdrawn', 'citizen'],
    });
    assert.deepEqual([...lifecycles.complaint.closed].sort(), ['closed', 'filed_away', 'not_accepted', 'transferred', 'withdrawn']);
  });

  test('the denunciation lifecycle concludes instead of deciding, and cannot be filed away', () => {
    assert.equal(ruleOf('denunciation', 'decide'), undefined);
    assert.equal(ruleOf('denunciation', 'file_away'), undefined);
    assert.deepEqual([ruleOf('denunciation', 'conclude')?.from, ruleOf('denunciation', 'conclude')?.to], [['verifying'], 'concluded']);
  });

  test('a report without a real author is kept as a tip, which only the head acts on or files', () => {
    const shape = (a: 'treat_as_tip' | 'act_on_tip' | 'file_tip') => {
      const r = ruleOf('denunciation', a)!;
      return [r.from.join('|'), r.to, r.by.join('|'), r.public, (r.inputs ?? []).join('|')];
    };
    assert.deepEqual(shape('treat_as_tip'), ['submitted', 'tip', 'head|reception', true, 'reason']);
    assert.deepEqual(shape('act_on_tip'), ['tip', 'tip_closed', 'head', true, 'reason']);
    assert.deepEqual(shape('file_tip'), ['tip', 'tip_closed', 'head', true, 'reason']);
    assert.ok(closedStatuses.has('tip_closed'));
    assert.ok(!closedStatuses.has('tip'), 'the head still has to consider it');
    assert.equal(ruleOf('complaint', 'treat_as_tip'), undefined, 'a complaint is never a tip');
    assert.equal(isAllowed('denunciation', 'verify', 'tip', 'head'), false, 'a tip is not verified as a denunciation');
  });

  test('a decision and a conclusion ask for their mandatory contents and print them', () => {
    assert.deepEqual(ruleOf('complaint', 'decide')?.inputs, ['number', 'findings', 'legalBasis', 'conclusion', 'remedy', 'file', 'note']);
    assert.deepEqual(ruleOf('denunciation', 'conclude')?.inputs, ['number', 'findings', 'legalBasis', 'conclusion', 'measures', 'file', 'note']);
    assert.equal(ruleOf('complaint', 'decide')?.notice, 'quyet-dinh-khieu-nai');
    assert.equal(ruleOf('denunciation', 'conclude')?.notice, 'ket-luan-to-cao');
  });

  test('an action is allowed only in its own kind’s table', () => {
    assert.equal(isAllowed('complaint', 'accept', 'submitted', 'head'), true);
    assert.equal(isAllowed('complaint', 'accept', 'submitted', 'reception'), false);
    assert.equal(isAllowed('one-stop', 'accept', 'submitted', 'head'), false, 'one-stop dossiers are received, not accepted');
    assert.equal(isAllowed('complaint', 'receive', 'submitted', 'reception'), false);
    assert.equal(isAllowed('complaint', 'decide', 'accepted', 'head'), false, 'verified first');
    assert.equal(isAllowed('denunciation', 'conclude', 'verifying', 'head'), true);
    assert.equal(isAllowed('one-stop', 'receive', 'submitted', 'reception'), true);
  });

  test('closed statuses are closed in every kind; internal steps per kind', () => {
    for (const s of ['refused', 'returned', 'rejected', 'withdrawn', 'not_accepted', 'transferred', 'filed_away', 'closed'] as const) assert.ok(closedStatuses.has(s), s);
    for (const s of ['submitted', 'accepted', 'verifying', 'decided', 'concluded', 'in_progress'] as const) assert.ok(!closedStatuses.has(s), s);
    assert.deepEqual(internalActions('one-stop').sort(), ['assign', 'reassign', 'send_back', 'submit_draft']);
    assert.deepEqual(internalActions('complaint'), []);
  });

  test('the back office’s actions are every staff action of every table', () => {
    assert.deepEqual([...staffActionNames].sort(), [
      'accept', 'act_on_tip', 'apologise', 'approve', 'assign', 'close', 'conclude', 'decide', 'extend', 'file_away', 'file_tip', 'not_accept',
      'reassign', 'receive', 'record_result', 'refuse', 'reject', 'request_supplement', 'return_result', 'send_back', 'submit_draft', 'transfer',
      'treat_as_tip', 'verify',
    ]);
  });

  test('a status is named in its kind’s words', () => {
    assert.equal(statusLabel('complaint', 'submitted').vi, 'Đã nhận đơn, chờ thụ lý');
    assert.equal(statusLabel('one-stop', 'submitted').vi, 'Mới nộp, chờ tiếp nhận');
  });
});

describe('complaint and denunciation time limits (dated petition rules)', () => {
  test('time to accept: 5 working days for a first complaint (Tết skipped), 10 days for a second, 7 working days for a denunciation', () => {
    // Thursday 12/02/2026, Tết 14–22/02: Fri 13, Mon 23, Tue 24, Wed 25, Thu 26.
    assert.equal(waitingDue(KN, { round: 'first', subject: 'coercion' }, calendar, '2026-02-12'), '2026-02-26');
    assert.equal(waitingDue(KN, { round: 'second', subject: 'coercion' }, calendar, '2026-11-20'), '2026-11-30');
    assert.equal(waitingDue(TC, {}, calendar, '2026-11-02'), '2026-11-11');
  });
  test('time to decide, from acceptance, by subject and round; calendar days ending on a rest day move on', () => {
    assert.equal(decisionDue(KN, { round: 'first', subject: 'coercion' }, calendar, '2026-11-02'), '2026-12-02');
    assert.equal(decisionDue(KN, { round: 'second', subject: 'coercion' }, calendar, '2026-11-02'), '2026-12-17');
    assert.equal(decisionDue(KN, { round: 'first', subject: 'accountFreeze' }, calendar, '2026-11-02'), '2026-11-09');
    // 15 days from Friday 20/11 is Saturday 05/12: the next working day, Monday 07/12.
    assert.equal(decisionDue(KN, { round: 'first', subject: 'beforeCoercion' }, calendar, '2026-11-20'), '2026-12-07');
    // 60 days from 02/11/2026 is 01/01/2027, New Year's Day: Monday 04/01/2027.
    assert.equal(decisionDue(TC, {}, calendar, '2026-11-02'), '2027-01-04');
  });
});
