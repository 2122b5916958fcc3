import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameIn, nameInWithOfficial } from '../../src/server/format.ts';

const agency = { name_vi: 'Thi hành án dân sự thành phố Hà Nội', name_en: 'Hanoi Civil Judgment Enforcement Department' };

test("a row's name in the page's language, and in English with its official Vietnamese name", () => {
  assert.equal(nameIn('vi', agency), 'Thi hành án dân sự thành phố Hà Nội');
  assert.equal(nameIn('en', agency), 'Hanoi Civil Judgment Enforcement Department');
  assert.equal(nameInWithOfficial('vi', agency), 'Thi hành án dân sự thành phố Hà Nội');
  assert.equal(nameInWithOfficial('en', agency), 'Hanoi Civil Judgment Enforcement Department (Thi hành án dân sự thành phố Hà Nội)');
});
