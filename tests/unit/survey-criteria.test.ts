import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { questionOf, surveyCriteriaOn, surveyQuestions } from '../../src/server/catalog/survey-criteria.ts';

const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('survey criteria in force', () => {
  test('until 30 June 2025 the set cites Decree 61/2018 Art. 31, with nothing unconfirmed', () => {
    const set = surveyCriteriaOn('2025-06-30');
    assert.equal(set.effectiveFrom, '2018-06-21');
    assert.deepEqual(set.legalBasis.map((c) => c.instrument), ['61/2018/NĐ-CP']);
    assert.equal(set.unconfirmed, undefined);
  });
  test('from 1 July 2025 the set cites Decree 118/2025 and says its article is unconfirmed', () => {
    const set = surveyCriteriaOn('2025-07-01');
    assert.equal(set.effectiveFrom, '2025-07-01');
    assert.deepEqual(set.legalBasis.map((c) => c.instrument), ['118/2025/NĐ-CP']);
    assert.match(set.unconfirmed!.en, /Decree 118\/2025/);
  });
  test('an online one-stop dossier is asked every question, process before outcome', () => {
    assert.deepEqual(ids(surveyQuestions('2026-12-01', 'one-stop', 'online')), [
      'on_time',
      'agencies_contacted',
      'contacts_needed',
      'information_accurate',
      'staff_attitude',
      'official_fees_only',
      'process_overall',
      'online_service',
      'feedback_handling',
      'outcome',
    ]);
  });
  test('a complaint filed at the counter is not asked about fees, other agencies or the online service', () => {
    assert.deepEqual(ids(surveyQuestions('2026-12-01', 'complaint', 'counter')), [
      'on_time',
      'contacts_needed',
      'information_accurate',
      'staff_attitude',
      'process_overall',
      'feedback_handling',
      'outcome',
    ]);
  });
  test('the outcome question of a complaint asks about the decision', () => {
    const outcome = surveyQuestions('2026-12-01', 'complaint', 'online').find((c) => c.id === 'outcome')!;
    assert.equal(outcome.aspect, 'outcome');
    assert.equal(questionOf(outcome, 'complaint').vi, 'Ông/bà hài lòng thế nào với quyết định giải quyết khiếu nại?');
    assert.equal(questionOf(outcome, 'one-stop').vi, 'Ông/bà hài lòng thế nào với kết quả giải quyết hồ sơ?');
  });
});
