/**
 * The shared abuse limits (src/server/ratelimit.ts) on PGlite and PostgreSQL: the sliding window on a clock the test
 * moves, literal Retry-After values, and — on PostgreSQL — two independent connections pools acting as two
 * instances that count the same hits.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { openPostgres } from '../../src/server/db.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { createRateLimiter } from '../../src/server/ratelimit.ts';
import type { Database } from '../../src/server/schema.ts';
import { testDatabases } from '../helpers/databases.ts';

const MINUTE = 60_000;
const START = Date.parse('2026-12-02T09:00:00Z');

/** A clock the test moves by hand, starting at START. */
function fakeClock() {
  let t = START;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** A limit name no other test uses, so tests sharing a database never share counters. */
const fresh = () => `test-${randomBytes(4).toString('hex')}`;

const rowCount = async (db: Kysely<Database>) => Number((await sql<{ n: number }>`select count(*)::int as n from rate_limits`.execute(db)).rows[0]!.n);

for (const target of testDatabases) {
  describe(`shared rate limits on ${target.name}`, () => {
    let handle: Awaited<ReturnType<(typeof target)['open']>>;
    let db: Kysely<Database>;

    before(async () => {
      handle = await target.open();
      await migrateToLatest(handle.db);
      db = handle.db;
    });
    after(async () => {
      await handle.drop();
    });

    test('the table is unlogged', async () => {
      const { rows } = await sql<{ relpersistence: string }>`select relpersistence from pg_class where relname = 'rate_limits'`.execute(db);
      assert.deepEqual(rows, [{ relpersistence: 'u' }]);
    });

    test('allows `limit` hits, then refuses with the time until the oldest hit leaves the window', async () => {
      const clock = fakeClock();
      const limiter = createRateLimiter({ name: fresh(), limit: 3, windowMs: 10 * MINUTE, now: clock.now });
      assert.deepEqual(await limiter.hit(db, 'a'), { allowed: true, remaining: 2, retryAfterSeconds: 0 });
      clock.advance(MINUTE);
      assert.deepEqual(await limiter.hit(db, 'a'), { allowed: true, remaining: 1, retryAfterSeconds: 0 });
      clock.advance(MINUTE);
      assert.deepEqual(await limiter.hit(db, 'a'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
      clock.advance(MINUTE);
      // First hit at 0, now at 3 min: it leaves the window at 10 min.
      assert.deepEqual(await limiter.hit(db, 'a'), { allowed: false, remaining: 0, retryAfterSeconds: 420 });
      clock.advance(1_500);
      assert.deepEqual(await limiter.hit(db, 'a'), { allowed: false, remaining: 0, retryAfterSeconds: 419 }, '418.5 s, rounded up');
    });

    test('slides: each old hit frees one slot exactly when it leaves the window', async () => {
      const clock = fakeClock();
      const limiter = createRateLimiter({ name: fresh(), limit: 2, windowMs: 10_000, now: clock.now });
      await limiter.hit(db, 'k'); // t = 0
      clock.advance(4_000);
      await limiter.hit(db, 'k'); // t = 4 s
      clock.advance(5_999); // t = 9.999 s
      assert.deepEqual(await limiter.hit(db, 'k'), { allowed: false, remaining: 0, retryAfterSeconds: 1 });
      clock.advance(1); // t = 10 s: the first hit has left
      assert.deepEqual(await limiter.hit(db, 'k'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
      assert.deepEqual(await limiter.hit(db, 'k'), { allowed: false, remaining: 0, retryAfterSeconds: 4 });
      clock.advance(4_000); // t = 14 s: the second hit has left
      assert.deepEqual(await limiter.hit(db, 'k'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
    });

    test('no double burst across a boundary (unlike a fixed window or a two-bucket estimate)', async () => {
      const clock = fakeClock();
      const limiter = createRateLimiter({ name: fresh(), limit: 5, windowMs: MINUTE, now: clock.now });
      clock.advance(MINUTE - 1);
      for (let i = 0; i < 5; i++) assert.equal((await limiter.hit(db, 'x')).allowed, true);
      clock.advance(2); // a fixed window would start afresh here; a weighted estimate would let about 5 more through
      assert.deepEqual(await limiter.hit(db, 'x'), { allowed: false, remaining: 0, retryAfterSeconds: 60 });
      clock.advance(30_000);
      assert.deepEqual(await limiter.hit(db, 'x'), { allowed: false, remaining: 0, retryAfterSeconds: 30 });
    });

    test('refused hits are not counted', async () => {
      const clock = fakeClock();
      const limiter = createRateLimiter({ name: fresh(), limit: 1, windowMs: 1_000, now: clock.now });
      assert.equal((await limiter.hit(db, 'k')).allowed, true);
      for (let i = 0; i < 50; i++) {
        clock.advance(10);
        assert.equal((await limiter.hit(db, 'k')).allowed, false);
      }
      clock.advance(500); // t = 1000 ms after the only allowed hit
      assert.equal((await limiter.hit(db, 'k')).allowed, true);
    });

    test('keys and limit names are independent, and reset() forgets one key', async () => {
      const clock = fakeClock();
      const name = fresh();
      const limiter = createRateLimiter({ name, limit: 1, windowMs: MINUTE, now: clock.now });
      const other = createRateLimiter({ name: fresh(), limit: 1, windowMs: MINUTE, now: clock.now });
      assert.equal((await limiter.hit(db, 'an')).allowed, true);
      assert.equal((await limiter.hit(db, 'binh')).allowed, true);
      assert.equal((await other.hit(db, 'an')).allowed, true, 'another limit, the same key');
      assert.equal((await limiter.hit(db, 'an')).allowed, false);
      await limiter.reset(db, 'an');
      assert.equal((await limiter.hit(db, 'an')).allowed, true);
      assert.equal((await limiter.hit(db, 'binh')).allowed, false);
      assert.equal((await other.hit(db, 'an')).allowed, false, 'reset touched only its own limit');
      await limiter.reset(db, 'nobody'); // no effect, no error
      // One name, two limiter objects (two instances): one counter.
      const twin = createRateLimiter({ name, limit: 1, windowMs: MINUTE, now: clock.now });
      assert.equal((await twin.hit(db, 'an')).allowed, false);
    });

    test('keys are stored as 32-byte hashes, however long the key', async () => {
      const clock = fakeClock();
      const limiter = createRateLimiter({ name: fresh(), limit: 1, windowMs: MINUTE, now: clock.now });
      const long = 'x'.repeat(100_000);
      assert.equal((await limiter.hit(db, long)).allowed, true);
      assert.equal((await limiter.hit(db, long)).allowed, false);
      assert.equal((await limiter.hit(db, long.slice(1))).allowed, true);
      const { rows } = await sql<{ n: number }>`select max(octet_length(key))::int as n from rate_limits`.execute(db);
      assert.deepEqual(rows, [{ n: 32 }]);
    });

    test('concurrent hits on one key let exactly `limit` through', async () => {
      const limiter = createRateLimiter({ name: fresh(), limit: 10, windowMs: MINUTE });
      const results = await Promise.all(Array.from({ length: 40 }, () => limiter.hit(db, 'burst')));
      assert.equal(results.filter((r) => r.allowed).length, 10);
      assert.deepEqual(results.map((r) => r.remaining).filter((n, i) => results[i]!.allowed).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    test('rows whose window has passed are swept, at most once a minute', async () => {
      await sql`delete from rate_limits`.execute(db);
      const clock = fakeClock();
      const limiter = createRateLimiter({ name: fresh(), limit: 3, windowMs: 1_000, now: clock.now });
      for (let i = 0; i < 100; i++) await limiter.hit(db, `ip-${i}`); // the first hit swept (nothing), the rest did not
      assert.equal(await rowCount(db), 100);
      clock.advance(59_999);
      await limiter.hit(db, 'late');
      assert.equal(await rowCount(db), 101, 'expired, but the minute since the last sweep is not over');
      clock.advance(1);
      await limiter.hit(db, 'later');
      assert.equal(await rowCount(db), 2, "the 100 expired rows went; 'late' (59 s old) too, 'later' is new");
    });
  });
}

const postgres = testDatabases.find((t) => t.name === 'postgres')!;

describe('two instances on one PostgreSQL database', () => {
  let handle: Awaited<ReturnType<(typeof postgres)['open']>>;
  let second: ReturnType<typeof openPostgres>;

  before(async () => {
    handle = await postgres.open();
    await migrateToLatest(handle.db);
    const url = (await sql<{ db: string }>`select current_database() as db`.execute(handle.db)).rows[0]!.db;
    const u = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = `/${url}`;
    second = openPostgres(u.toString());
  });
  after(async () => {
    await second.close();
    await handle.drop();
  });

  test('hits on one instance count on the other, and the Retry-After is the same from both', async () => {
    const clock = fakeClock();
    const name = fresh();
    // Each instance builds its own limiter object over its own pool, as two server processes would.
    const a = createRateLimiter({ name, limit: 4, windowMs: 10 * MINUTE, now: clock.now });
    const b = createRateLimiter({ name, limit: 4, windowMs: 10 * MINUTE, now: clock.now });
    assert.deepEqual(await a.hit(handle.db, '198.51.100.7'), { allowed: true, remaining: 3, retryAfterSeconds: 0 });
    clock.advance(MINUTE);
    assert.deepEqual(await b.hit(second.db, '198.51.100.7'), { allowed: true, remaining: 2, retryAfterSeconds: 0 });
    assert.deepEqual(await a.hit(handle.db, '198.51.100.7'), { allowed: true, remaining: 1, retryAfterSeconds: 0 });
    assert.deepEqual(await b.hit(second.db, '198.51.100.7'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
    assert.deepEqual(await a.hit(handle.db, '198.51.100.7'), { allowed: false, remaining: 0, retryAfterSeconds: 540 });
    assert.deepEqual(await b.hit(second.db, '198.51.100.7'), { allowed: false, remaining: 0, retryAfterSeconds: 540 });
    clock.advance(9 * MINUTE); // the first hit (on A) leaves the window: one slot, for whichever instance asks first
    assert.deepEqual(await b.hit(second.db, '198.51.100.7'), { allowed: true, remaining: 0, retryAfterSeconds: 0 });
    assert.equal((await a.hit(handle.db, '198.51.100.7')).allowed, false);
  });

  test('parallel hits on both instances let exactly `limit` through in all', async () => {
    const name = fresh();
    const a = createRateLimiter({ name, limit: 25, windowMs: MINUTE });
    const b = createRateLimiter({ name, limit: 25, windowMs: MINUTE });
    const results = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a.hit(handle.db, 'shared') : b.hit(second.db, 'shared'))));
    assert.equal(results.filter((r) => r.allowed).length, 25);
  });
});
