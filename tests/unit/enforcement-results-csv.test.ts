import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkResultFile, parseCount, resultTemplateCsv, statisticalYearBounds, statisticalYearOf, validateResultRow } from '../../src/server/enforcement-results/csv.ts';
import { parsePercent, percentText } from '../../src/server/enforcement-results/targets.ts';

const HEADER = 'agency_code,statistical_year,period_end,cases_total,cases_with_conditions,cases_without_conditions,cases_completed,money_total,money_with_conditions,money_completed';
const GOOD = 'HNI,2026,31/08/2026,31245,22410,8835,16310,4987654321000,2104567890000,862345678000';
const agencies = { known: new Set(['HNI', 'HNI-KV1', 'HCM']), allowed: new Set(['HNI', 'HNI-KV1']) };
const TODAY = '2026-12-01';

async function check(text: string) {
  return checkResultFile(
    (async function* () {
      yield new TextEncoder().encode(text);
    })(),
    agencies,
    TODAY,
  );
}
const file = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const row = (over: Partial<Record<string, string>>) => {
  const cells = GOOD.split(',');
  HEADER.split(',').forEach((c, i) => {
    if (over[c] !== undefined) cells[i] = over[c]!;
  });
  return cells.join(',');
};

describe('statistical year', () => {
  test('30 September belongs to the year ending then, 1 October to the next', () => {
    assert.equal(statisticalYearOf('2026-09-30'), 2026);
    assert.equal(statisticalYearOf('2026-10-01'), 2027);
    assert.equal(statisticalYearOf('2025-10-01'), 2026);
    assert.equal(statisticalYearOf('2026-01-01'), 2026);
    assert.deepEqual(statisticalYearBounds(2026), { from: '2025-10-01', to: '2026-09-30' });
  });

  test('a period end on 30/09 is inside its year, 01/10 is outside it', () => {
    assert.ok(validateResultRow(Object.fromEntries(HEADER.split(',').map((c, i) => [c, row({ period_end: '30/09/2026' }).split(',')[i]!])), agencies, TODAY).values);
    const outside = validateResultRow(Object.fromEntries(HEADER.split(',').map((c, i) => [c, row({ period_end: '01/10/2026' }).split(',')[i]!])), agencies, TODAY);
    assert.deepEqual(outside.fields, { period_end: 'outside_year' });
    const before = validateResultRow(Object.fromEntries(HEADER.split(',').map((c, i) => [c, row({ period_end: '30/09/2025' }).split(',')[i]!])), agencies, TODAY);
    assert.deepEqual(before.fields, { period_end: 'outside_year' });
  });
});

describe('numbers', () => {
  test('whole numbers, plain or grouped as vi-VN writes them', () => {
    assert.equal(parseCount('0'), 0);
    assert.equal(parseCount('417128568000'), 417_128_568_000);
    assert.equal(parseCount('417.128.568.000'), 417_128_568_000);
    assert.equal(parseCount('1 234'), 1234);
    for (const bad of ['-1', '1,5', '1.5', '12.34', '1e3', 'abc', '', '+3', '1.2345']) assert.equal(parseCount(bad), null, bad);
  });

  test('percentages with a decimal comma or point, 0 to 100, at most two decimals', () => {
    assert.equal(parsePercent('81,5'), 8150);
    assert.equal(parsePercent('81.5'), 8150);
    assert.equal(parsePercent('40,1 %'), 4010);
    assert.equal(parsePercent('69,66%'), 6966);
    assert.equal(parsePercent('0'), 0);
    assert.equal(parsePercent('100'), 10000);
    assert.equal(parsePercent(' 7 '), 700);
    for (const bad of ['100,01', '101', '-5', '81,555', 'tám mươi', '', ',5', '1.000']) assert.equal(parsePercent(bad), null, bad);
    assert.equal(percentText(8150), '81,5');
    assert.equal(percentText(4010), '40,1');
    assert.equal(percentText(10000), '100');
  });
});

describe('checking a file', () => {
  test('a clean file gives its rows, typed', async () => {
    const result = await check(file(GOOD, row({ agency_code: 'hni-kv1', period_end: '2026-06-30' })));
    assert.equal(result.problemCount, 0);
    assert.equal(result.rowCount, 2);
    assert.deepEqual(result.rows[0], {
      agency_code: 'HNI',
      statistical_year: 2026,
      period_end: '2026-08-31',
      cases_total: 31245,
      cases_with_conditions: 22410,
      cases_without_conditions: 8835,
      cases_completed: 16310,
      money_total: 4987654321000,
      money_with_conditions: 2104567890000,
      money_completed: 862345678000,
    });
    assert.equal(result.rows[1]!.agency_code, 'HNI-KV1');
  });

  test('each kind of value problem is reported with its line and column', async () => {
    const result = await check(
      file(
        GOOD, // line 2
        row({ agency_code: 'XYZ' }), // 3
        row({ agency_code: 'HCM' }), // 4: exists, not the actor's
        row({ statistical_year: '26' }), // 5
        row({ period_end: '31/02/2026' }), // 6
        row({ period_end: '15/12/2026', statistical_year: '2027' }), // 7: after today
        row({ cases_total: '-5' }), // 8
        row({ cases_with_conditions: '40000' }), // 9: above total 31245
        row({ cases_without_conditions: '9000' }), // 10: 22410 + 9000 > 31245
        row({ cases_completed: '22411' }), // 11
        row({ money_with_conditions: '4987654321001' }), // 12
        row({ money_completed: '2104567890001' }), // 13
        row({ money_total: '' }), // 14
        row({ period_end: '31/08/2026' }), // 15: repeats line 2
      ),
    );
    assert.deepEqual(result.problems, [
      { line: 3, field: 'agency_code', reason: 'unknown' },
      { line: 4, field: 'agency_code', reason: 'scope' },
      { line: 5, field: 'statistical_year', reason: 'year' },
      { line: 6, field: 'period_end', reason: 'date' },
      { line: 7, field: 'period_end', reason: 'future' },
      { line: 8, field: 'cases_total', reason: 'count' },
      { line: 9, field: 'cases_with_conditions', reason: 'above_total' },
      { line: 10, field: 'cases_without_conditions', reason: 'parts_above_total' },
      { line: 11, field: 'cases_completed', reason: 'above_with_conditions' },
      { line: 12, field: 'money_with_conditions', reason: 'above_total' },
      { line: 13, field: 'money_completed', reason: 'above_with_conditions' },
      { line: 14, field: 'money_total', reason: 'required' },
      { line: 15, reason: 'duplicate_row', other: 2 },
    ]);
    assert.deepEqual(result.rows, [], 'a file with a problem gives no rows');
  });

  test('header problems are on line 1 and no row is checked', async () => {
    const header = HEADER.replace('cases_completed', 'cases_done') + ',agency_code';
    const result = await check(`${header}\n${GOOD},HNI\n`);
    assert.deepEqual(result.problems, [
      { line: 1, field: 'cases_done', reason: 'unknown_column' },
      { line: 1, field: 'agency_code', reason: 'duplicate_column' },
      { line: 1, field: 'cases_completed', reason: 'header' },
    ]);
  });

  test('a malformed line, an empty file', async () => {
    const malformed = await check(file(GOOD, 'HNI,2026,"31/08/2026'));
    assert.equal(malformed.problems[0]!.reason, 'csv');
    assert.equal(malformed.problems[0]!.line, 3);
    const empty = await check(`${HEADER}\n`);
    assert.deepEqual(empty.problems, [{ line: 1, reason: 'empty' }]);
  });

  test('the template checks clean (header, one example row)', async () => {
    const result = await check(resultTemplateCsv());
    assert.equal(result.problemCount, 0);
    assert.equal(result.rowCount, 1);
    assert.ok(resultTemplateCsv().startsWith(`\uFEFF${HEADER}\r\n`));
  });
});
