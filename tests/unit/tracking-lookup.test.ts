import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateDossierCode } from '../../src/server/dossiers/code.ts';
import { checkLookupInput } from '../../src/server/dossiers/tracking.ts';
import { createTrackingToken, readTrackingToken, TRACKING_TTL_MS } from '../../src/server/dossiers/tracking-session.ts';

// A real code (its check symbol computed by hand in dossier-code.test.ts): 01-261123-7KQ4M + check.
const code = generateDossierCode(1, '2026-11-23', (() => {
  const values = [7, 19, 23, 4, 20];
  let i = 0;
  return () => values[i++]!;
})());
const lastSymbol = code.at(-1)!;
const mistyped = code.slice(0, -1) + (lastSymbol === 'A' ? 'B' : 'A');

describe('tracking look-up input, checked before any look-up', () => {
  test('a well-formed code and PIN pass', () => {
    assert.deepEqual(checkLookupInput(code, '123456'), []);
    assert.deepEqual(checkLookupInput(` ${code.toLowerCase()} `, ' 123 456 '), []);
  });
  test('empty fields each get their own problem', () => {
    assert.deepEqual(checkLookupInput('', ''), ['code_missing', 'pin_missing']);
    assert.deepEqual(checkLookupInput('   ', '123456'), ['code_missing']);
    assert.deepEqual(checkLookupInput(code, ' '), ['pin_missing']);
  });
  test('a wrong check symbol, a wrong shape or an impossible date is a typo in the code', () => {
    assert.deepEqual(checkLookupInput(mistyped, '123456'), ['code_invalid']);
    assert.deepEqual(checkLookupInput('not a code', '123456'), ['code_invalid']);
    assert.deepEqual(checkLookupInput('01-261123-7KQ4', '123456'), ['code_invalid']);
  });
  test('a PIN that is not six digits', () => {
    assert.deepEqual(checkLookupInput(code, '12'), ['pin_invalid']);
    assert.deepEqual(checkLookupInput(code, '12345a'), ['pin_invalid']);
    assert.deepEqual(checkLookupInput('x', '1234567'), ['code_invalid', 'pin_invalid']);
  });
});

describe('tracking cookie token', () => {
  const key = new Uint8Array(32).fill(7);
  const otherKey = new Uint8Array(32).fill(8);
  const t0 = new Date('2026-12-01T02:00:00Z');

  test('names its dossier until it expires, 30 minutes after it was made', () => {
    assert.equal(TRACKING_TTL_MS, 1_800_000);
    const token = createTrackingToken(42, key, t0);
    assert.match(token, /^42\.1796092200000\.[A-Za-z0-9_-]{43}$/);
    assert.equal(readTrackingToken(token, key, new Date('2026-12-01T02:29:59Z')), 42);
    assert.equal(readTrackingToken(token, key, new Date('2026-12-01T02:30:00Z')), null);
  });
  test('refuses a forged, edited or foreign token', () => {
    const token = createTrackingToken(42, key, t0);
    const [, expires, mac] = token.split('.');
    assert.equal(readTrackingToken(`43.${expires}.${mac}`, key, t0), null, 'another dossier id');
    assert.equal(readTrackingToken(`42.${Number(expires) + 60_000}.${mac}`, key, t0), null, 'a later expiry');
    assert.equal(readTrackingToken(token, otherKey, t0), null, 'another server key');
    for (const junk of [undefined, '', '42', '42.1.x', `${token}x`]) assert.equal(readTrackingToken(junk, key, t0), null, String(junk));
  });
});
