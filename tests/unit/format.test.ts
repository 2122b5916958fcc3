import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatVietnamDateTime, formatVietnamDateTimeSeconds, nameIn, nameInWithOfficial, textIn, textWithOfficial } from '../../src/server/format.ts';

const agency = { name_vi: 'Thi hành án dân sự thành phố Hà Nội', name_en: 'Hanoi Civil Judgment Enforcement Department' };

test("a row's name in the page's language, and in English with its official Vietnamese name", () => {
  assert.equal(nameIn('vi', agency), 'Thi hành án dân sự thành phố Hà Nội');
  assert.equal(nameIn('en', agency), 'Hanoi Civil Judgment Enforcement Department');
  assert.equal(nameInWithOfficial('vi', agency), 'Thi hành án dân sự thành phố Hà Nội');
  assert.equal(nameInWithOfficial('en', agency), 'Hanoi Civil Judgment Enforcement Department (Thi hành án dân sự thành phố Hà Nội)');
});

test('a { vi, en } pair in the page\'s language, and with the official Vietnamese after the English', () => {
  const pair = { vi: 'Cục Quản lý thi hành án dân sự', en: 'Civil Judgment Enforcement Authority' };
  assert.equal(textIn('vi', pair), 'Cục Quản lý thi hành án dân sự');
  assert.equal(textIn('en', pair), 'Civil Judgment Enforcement Authority');
  assert.equal(textWithOfficial('en', pair), 'Civil Judgment Enforcement Authority (Cục Quản lý thi hành án dân sự)');
});

test("an instant in Vietnam's time, as lists (to the minute) and the audit log (to the second) write it", () => {
  // 17:15:04 UTC on 30 November is 00:15:04 on 1 December in Vietnam.
  assert.equal(formatVietnamDateTime(new Date('2026-11-30T17:15:04Z')), '01/12/2026 00:15');
  assert.equal(formatVietnamDateTimeSeconds('2026-11-30T17:15:04.900Z'), '01/12/2026 00:15:04');
  assert.equal(formatVietnamDateTime('2026-01-02T01:02:00Z'), '02/01/2026 08:02');
});
