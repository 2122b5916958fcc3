import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { clientAddress, createRateLimiter } from '../../src/server/ratelimit.ts';

// The limits themselves run on the database: tests/integration/ratelimit.test.ts.
describe('createRateLimiter', () => {
  test('refuses nonsensical options', () => {
    assert.throws(() => createRateLimiter({ name: 'x', limit: 0, windowMs: 1 }), RangeError);
    assert.throws(() => createRateLimiter({ name: 'x', limit: 1.5, windowMs: 1 }), RangeError);
    assert.throws(() => createRateLimiter({ name: 'x', limit: 1, windowMs: 0 }), RangeError);
    assert.throws(() => createRateLimiter({ name: 'x', limit: 1, windowMs: Number.NaN }), RangeError);
    assert.throws(() => createRateLimiter({ name: 'x', limit: 1, windowMs: 1.5 }), RangeError);
  });
});

describe('clientAddress', () => {
  const saved = process.env.TRUST_PROXY;
  const request = (xff?: string) =>
    new Request('http://localhost/', xff === undefined ? {} : { headers: { 'x-forwarded-for': xff } });

  beforeEach(() => {
    delete process.env.TRUST_PROXY;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = saved;
  });

  test('ignores X-Forwarded-For unless TRUST_PROXY=1', () => {
    assert.equal(clientAddress(request('203.0.113.9'), '10.0.0.2'), '10.0.0.2');
    process.env.TRUST_PROXY = 'true'; // only "1" counts
    assert.equal(clientAddress(request('203.0.113.9'), '10.0.0.2'), '10.0.0.2');
    assert.equal(clientAddress(request()), 'unknown');
  });

  test('with TRUST_PROXY=1 takes the right-most address (the one our proxy added)', () => {
    process.env.TRUST_PROXY = '1';
    assert.equal(clientAddress(request('203.0.113.9'), '10.0.0.2'), '203.0.113.9');
    assert.equal(clientAddress(request('6.6.6.6, 198.51.100.7'), '10.0.0.2'), '198.51.100.7');
    assert.equal(clientAddress(request(' 1.1.1.1 ,2001:DB8::1 '), '10.0.0.2'), '2001:db8::1');
    assert.equal(clientAddress(request('::ffff:198.51.100.7'), '10.0.0.2'), '198.51.100.7');
    // Two header lines are joined with ", ": the last line's last entry still wins.
    const twoLines = new Request('http://localhost/', {
      headers: [
        ['x-forwarded-for', '6.6.6.6'],
        ['x-forwarded-for', '198.51.100.8'],
      ],
    });
    assert.equal(clientAddress(twoLines, '10.0.0.2'), '198.51.100.8');
  });

  test('falls back to the socket address when the right-most entry is missing or not an address', () => {
    process.env.TRUST_PROXY = '1';
    assert.equal(clientAddress(request(), '10.0.0.2'), '10.0.0.2');
    assert.equal(clientAddress(request('198.51.100.7, garbage'), '10.0.0.2'), '10.0.0.2');
    assert.equal(clientAddress(request('198.51.100.7,'), '10.0.0.2'), '10.0.0.2');
    assert.equal(clientAddress(request('198.51.100.7:443'), '10.0.0.2'), '10.0.0.2');
  });

  test('normalises the socket address too', () => {
    assert.equal(clientAddress(request(), '::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(clientAddress(request(), 'FE80::1'), 'fe80::1');
  });
});
