import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedStats, STATS_STALE_MS, STATS_TTL_MS } from '../../src/server/stats/cache.ts';

describe('statistics cache', () => {
  it('computes once while fresh, serves the old value while a new one is computed, then the new one', async () => {
    let calls = 0;
    const compute = async () => ++calls;
    const t0 = 1_000_000;
    assert.equal(await cachedStats('k1', compute, t0), 1);
    assert.equal(await cachedStats('k1', compute, t0 + STATS_TTL_MS - 1), 1);
    assert.equal(calls, 1);
    // Stale: the old value at once, one refresh started; once it is done, its value.
    assert.equal(await cachedStats('k1', compute, t0 + STATS_TTL_MS + 1), 1);
    assert.equal(calls, 2);
    await new Promise((r) => setImmediate(r));
    assert.equal(await cachedStats('k1', compute, t0 + STATS_TTL_MS + 2), 2);
    assert.equal(calls, 2);
  });

  it('recomputes once the value is older than the stale limit, and does not keep failures', async () => {
    let calls = 0;
    const t0 = 5_000_000;
    await cachedStats('k2', async () => ++calls, t0);
    assert.equal(await cachedStats('k2', async () => ++calls, t0 + STATS_STALE_MS + 1), 2);
    await assert.rejects(cachedStats('k3', async () => Promise.reject(new Error('down')), t0));
    await new Promise((r) => setImmediate(r));
    assert.equal(await cachedStats('k3', async () => 7, t0 + 1), 7);
  });
});
