import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BIRTH_PROVINCE_CODES, checkCccd, checkVnPhone } from '../../src/server/validation/cccd.ts';
import { addYears, isRealDate, todayInVietnam } from '../../src/server/validation/dates.ts';

describe('checkCccd', () => {
  test('reads the birth year and sex from valid numbers', () => {
    assert.deepEqual(checkCccd('001188012345'), { ok: true, birthYear: 1988, sex: 'female' });
    assert.deepEqual(checkCccd('079083006512'), { ok: true, birthYear: 1983, sex: 'male' });
    assert.deepEqual(checkCccd('036203001234'), { ok: true, birthYear: 2003, sex: 'male' });
    assert.deepEqual(checkCccd('096310000001'), { ok: true, birthYear: 2010, sex: 'female' });
    assert.deepEqual(checkCccd('048100000000'), { ok: true, birthYear: 1900, sex: 'female' });
  });

  test('ignores surrounding whitespace only', () => {
    assert.equal(checkCccd('  001188012345\n').ok, true);
    assert.deepEqual(checkCccd('001 188 012 345'), { ok: false, reason: 'format' });
  });

  test('refuses anything but exactly 12 ASCII digits', () => {
    for (const bad of ['', '00118801234', '0011880123456', '00118801234a', '００１１８８０１２３４５', '-01188012345', '1e1188012345']) {
      assert.deepEqual(checkCccd(bad), { ok: false, reason: 'format' }, bad);
    }
  });

  test('accepts exactly the 63 birth-registration province codes', () => {
    // Circular 07/2016/TT-BCA, Annex I: the province codes of the place of birth registration (before the 2025 mergers).
    const codes = new Set(
      ('001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 ' +
        '044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 ' +
        '089 091 092 093 094 095 096').split(' '),
    );
    assert.equal(codes.size, 63);
    for (let n = 0; n < 1000; n++) {
      const code = String(n).padStart(3, '0');
      const expected = codes.has(code) ? { ok: true, birthYear: 1988, sex: 'female' } : { ok: false, reason: 'province' };
      assert.deepEqual(checkCccd(`${code}188012345`), expected, code);
    }
    assert.deepEqual([...BIRTH_PROVINCE_CODES.keys()].sort(), [...codes]);
  });

  test('refuses a century that has not begun', () => {
    for (const code of ['4', '5', '6', '7', '8', '9']) {
      assert.deepEqual(checkCccd(`001${code}00012345`), { ok: false, reason: 'century' }, code);
    }
  });

  test('a future birth year is refused, and the century code follows the clock', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-23T03:00:00Z') });
    assert.deepEqual(checkCccd('001299012345'), { ok: false, reason: 'birth_year' });
    assert.equal(checkCccd('001226012345').ok, true);
    assert.deepEqual(checkCccd('001227012345'), { ok: false, reason: 'birth_year' });
    t.mock.timers.setTime(Date.parse('2101-01-01T00:00:00Z'));
    assert.deepEqual(checkCccd('001401012345'), { ok: true, birthYear: 2101, sex: 'male' });
  });

  test('checks the birth year against a date of birth when given', () => {
    assert.equal(checkCccd('001188012345', '1988-04-12').ok, true);
    assert.deepEqual(checkCccd('001188012345', '1989-04-12'), { ok: false, reason: 'birth_year' });
    assert.deepEqual(checkCccd('001188012345', '2088-04-12'), { ok: false, reason: 'birth_year' });
  });
});

describe('checkVnPhone', () => {
  test('normalises the usual ways of writing a mobile number', () => {
    for (const input of [
      '0912345678',
      '0912 345 678',
      '0912.345.678',
      '0912-345-678',
      ' 0912345678 ',
      '+84912345678',
      '+84 912 345 678',
      '84912345678',
      '84 912 345 678',
      '(+84) 912.345.678',
    ]) {
      assert.deepEqual(checkVnPhone(input), { ok: true, phone: '0912345678' }, input);
    }
  });

  test('accepts the 03, 05, 07, 08 and 09 ranges', () => {
    for (const prefix of ['03', '05', '07', '08', '09']) {
      assert.equal(checkVnPhone(`${prefix}12345678`).ok, true, prefix);
    }
    assert.deepEqual(checkVnPhone('0842345678'), { ok: true, phone: '0842345678' });
  });

  test('refuses landlines, wrong lengths and other countries', () => {
    for (const bad of [
      '',
      '0212345678',
      '0112345678',
      '0412345678',
      '0612345678',
      '012345678',
      '09123456789',
      '1912345678',
      '+85912345678',
      '+840912345678',
      '84912345',
      'abcdefghij',
      '０９１２３４５６７８',
    ]) {
      assert.equal(checkVnPhone(bad).ok, false, bad);
    }
  });
});

describe('dates', () => {
  test('today is counted in Vietnam time (UTC+7)', () => {
    assert.equal(todayInVietnam(new Date('2026-06-30T16:59:59Z')), '2026-06-30');
    assert.equal(todayInVietnam(new Date('2026-06-30T17:00:00Z')), '2026-07-01');
  });

  test('isRealDate knows the calendar', () => {
    assert.equal(isRealDate('2024-02-29'), true);
    assert.equal(isRealDate('2023-02-29'), false);
    assert.equal(isRealDate('2026-04-31'), false);
    assert.equal(isRealDate('2026-13-01'), false);
    assert.equal(isRealDate('26-01-01'), false);
    assert.equal(isRealDate('2026-1-01'), false);
  });

  test('addYears ends a period on the last day of the month when the day does not exist', () => {
    assert.equal(addYears('2020-10-16', 5), '2025-10-16');
    assert.equal(addYears('2020-02-29', 5), '2025-02-28');
    assert.equal(addYears('2020-02-29', 4), '2024-02-29');
  });
});
