import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { constantTimeEqual, generatePin, hashPin, normalisePin, verifyPin } from '../../src/server/dossiers/pin.ts';

describe('generatePin', () => {
  test('gives six digits, keeps leading zeros and covers the whole range', () => {
    const firstDigits = new Set<string>();
    const pins = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const pin = generatePin();
      assert.match(pin, /^[0-9]{6}$/);
      firstDigits.add(pin.charAt(0));
      pins.add(pin);
    }
    // A PIN below 100000 has a leading zero; with 2,000 draws each first digit is missed with probability ~1e-92.
    assert.equal(firstDigits.size, 10);
    assert.ok(firstDigits.has('0'));
    assert.ok(pins.size > 1_950, `${pins.size} distinct PINs out of 2,000`); // ≈ 2 repeats expected
  });
});

describe('normalisePin', () => {
  test('removes spaces only', () => {
    assert.equal(normalisePin('123456'), '123456');
    assert.equal(normalisePin(' 012 345\t'), '012345');
    assert.equal(normalisePin('000000'), '000000');
  });

  test('refuses anything but exactly six ASCII digits', () => {
    for (const bad of ['', '12345', '1234567', '12345a', '123-456', '12.3456', '１２３４５６', '-12345', '1e5000']) {
      assert.equal(normalisePin(bad), null, bad);
    }
  });
});

describe('hashPin / verifyPin', () => {
  test('stores an argon2id hash with the OWASP minimum parameters and a fresh salt', async () => {
    const a = await hashPin('012345');
    const b = await hashPin('012345');
    assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(a, b, 'each hash has its own salt');
    assert.doesNotMatch(a, /012345/);
  });

  test('accepts the right PIN (as typed, with spaces) and refuses others', async () => {
    const stored = await hashPin('004217');
    assert.equal(await verifyPin(stored, '004217'), true);
    assert.equal(await verifyPin(stored, '004 217'), true);
    assert.equal(await verifyPin(stored, '004218'), false);
    assert.equal(await verifyPin(stored, '4217'), false); // leading zeros matter
    assert.equal(await verifyPin(stored, ''), false);
  });

  test('returns false instead of throwing on a malformed hash', async () => {
    const stored = await hashPin('123456');
    for (const broken of ['', 'not-a-hash', '$argon2id$', stored.slice(0, -5), stored.replace('argon2id', 'argon2zz')]) {
      assert.equal(await verifyPin(broken, '123456'), false, broken);
    }
  });

  test('refuses to hash something that is not a PIN', async () => {
    await assert.rejects(hashPin('12345'), RangeError);
    await assert.rejects(hashPin('abcdef'), RangeError);
  });
});

describe('constantTimeEqual', () => {
  test('compares both inputs', () => {
    assert.equal(constantTimeEqual('abc', 'abc'), true);
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual('abc', 'abd'), false);
    assert.equal(constantTimeEqual('abd', 'abc'), false);
    assert.equal(constantTimeEqual('abc', 'abcd'), false);
    assert.equal(constantTimeEqual('abcd', 'abc'), false);
    assert.equal(constantTimeEqual('', 'a'), false);
    // A comparison of `a` with itself (a known bug in a published example) would accept all of these.
    assert.equal(constantTimeEqual('secret', 'guess!'), false);
  });

  test('compares UTF-8 bytes, not UTF-16 code units or lengths', () => {
    assert.equal(constantTimeEqual('Nguyễn', 'Nguyễn'), true);
    assert.equal(constantTimeEqual('Nguyễn', 'Nguyễm'), false);
    // Same number of UTF-16 code units, different UTF-8 lengths.
    assert.equal(constantTimeEqual('é', 'e'), false);
    // NFC vs NFD: different bytes, so not equal (callers normalise first when they mean text equality).
    assert.equal(constantTimeEqual('ễ'.normalize('NFC'), 'ễ'.normalize('NFD')), false);
  });
});
