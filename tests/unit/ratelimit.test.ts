import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { clientAddress, createRateLimiter } from '../../src/server/ratelimit.ts';

/** A clock the test moves by hand. */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const MINUTE = 60_000;

describe('createRateLimiter', () => {
  test('allows `limit` hits, then refuses with the time until the oldest hit leaves the window', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 10 * MINUTE, now: clock.now });
    assert.deepEqual(limiter.hit('a'), { allowed: true, remaining: 2, retryAfterSeconds: 0 });
    clock.advance(MINUTE);
    assert.deepEqual(limiter.hit('a'), { allowed: true, remaining: 1, retryAfterSeconds: 0 });
    clock.advance(MINUTE);
    assert.deepEqual(limiter.hit('a'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
    clock.advance(MINUTE);
    // First hit at 0, now at 3 min: it leaves the window at 10 min.
    assert.deepEqual(limiter.hit('a'), { allowed: false, remaining: 0, retryAfterSeconds: 7 * 60 });
  });

  test('slides: each old hit frees one slot exactly when it leaves the window', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000, now: clock.now });
    limiter.hit('k'); // t = 0
    clock.advance(4_000);
    limiter.hit('k'); // t = 4 s
    clock.advance(5_999); // t = 9.999 s
    assert.deepEqual(limiter.hit('k'), { allowed: false, remaining: 0, retryAfterSeconds: 1 });
    clock.advance(1); // t = 10 s: the first hit has left
    assert.deepEqual(limiter.hit('k'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
    assert.equal(limiter.hit('k').allowed, false);
    clock.advance(4_000); // t = 14 s: the second hit has left
    assert.equal(limiter.hit('k').allowed, true);
  });

  test('no double burst across a boundary (unlike a plain fixed window)', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 5, windowMs: MINUTE, now: clock.now });
    clock.advance(MINUTE - 1);
    for (let i = 0; i < 5; i++) assert.equal(limiter.hit('x').allowed, true);
    clock.advance(2); // a fixed window would have started afresh here
    assert.equal(limiter.hit('x').allowed, false);
  });

  test('refused hits are not counted', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: clock.now });
    assert.equal(limiter.hit('k').allowed, true);
    for (let i = 0; i < 50; i++) {
      clock.advance(10);
      assert.equal(limiter.hit('k').allowed, false);
    }
    clock.advance(500); // t = 1000 ms after the only allowed hit
    assert.equal(limiter.hit('k').allowed, true);
  });

  test('keys are independent and reset() forgets one', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE, now: clock.now });
    assert.equal(limiter.hit('login:an').allowed, true);
    assert.equal(limiter.hit('login:binh').allowed, true);
    assert.equal(limiter.hit('login:an').allowed, false);
    limiter.reset('login:an');
    assert.equal(limiter.hit('login:an').allowed, true);
    assert.equal(limiter.hit('login:binh').allowed, false);
    limiter.reset('nobody'); // no effect, no error
  });

  test('evicts keys whose window has passed', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 3, windowMs: 1_000, now: clock.now });
    for (let i = 0; i < 1_000; i++) limiter.hit(`ip-${i}`);
    assert.equal(limiter.size, 1_000);
    clock.advance(999);
    limiter.hit('late');
    assert.equal(limiter.size, 1_001, 'nothing has expired yet');
    clock.advance(1);
    limiter.hit('later');
    assert.equal(limiter.size, 2, 'the first 1,000 keys expired together');
    clock.advance(5_000);
    limiter.hit('z');
    assert.equal(limiter.size, 1);
  });

  test('caps the number of keys, dropping the least recently hit', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE, now: clock.now, maxKeys: 3 });
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c');
    assert.equal(limiter.hit('a').allowed, false); // 'a' is now the most recently hit
    limiter.hit('d'); // over the cap: 'b' goes
    assert.equal(limiter.size, 3);
    assert.equal(limiter.hit('b').allowed, true, "'b' was forgotten"); // and 'c' goes
    assert.equal(limiter.hit('a').allowed, false, "'a' was kept");
    assert.equal(limiter.hit('d').allowed, false, "'d' was kept");
    assert.equal(limiter.size, 3);
  });

  test('never grows past the default cap of 50,000 keys', () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ limit: 5, windowMs: 60 * MINUTE, now: clock.now });
    for (let i = 0; i < 60_000; i++) limiter.hit(`k${i}`);
    assert.equal(limiter.size, 50_000);
    assert.equal(limiter.hit('k59999').remaining, 3, 'recent keys keep their counts');
    assert.equal(limiter.hit('k0').remaining, 4, 'the oldest were dropped');
  });

  test('refuses nonsensical options', () => {
    assert.throws(() => createRateLimiter({ limit: 0, windowMs: 1 }), RangeError);
    assert.throws(() => createRateLimiter({ limit: 1.5, windowMs: 1 }), RangeError);
    assert.throws(() => createRateLimiter({ limit: 1, windowMs: 0 }), RangeError);
    assert.throws(() => createRateLimiter({ limit: 1, windowMs: Number.NaN }), RangeError);
    assert.throws(() => createRateLimiter({ limit: 1, windowMs: 1, maxKeys: 0 }), RangeError);
  });

  test('runs on the monotonic performance.now() by default, so moving the wall clock changes nothing', (t) => {
    let monotonic = 5_000;
    let wall = Date.parse('2026-11-23T03:00:00Z');
    t.mock.method(performance, 'now', () => monotonic);
    t.mock.method(Date, 'now', () => wall);
    const limiter = createRateLimiter({ limit: 1, windowMs: MINUTE });
    assert.equal(limiter.hit('k').allowed, true);
    wall += 60 * MINUTE; // the system clock jumps an hour ahead
    monotonic += 20_000;
    assert.deepEqual(limiter.hit('k'), { allowed: false, remaining: 0, retryAfterSeconds: 40 });
    wall -= 120 * MINUTE; // and two hours back
    monotonic += 40_000;
    assert.deepEqual(limiter.hit('k'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
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
