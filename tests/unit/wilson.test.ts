import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wilsonInterval } from '../../src/server/stats/wilson.ts';

/** Rounded to 4 places, as the hand computations below are. */
const r4 = (x: [number, number] | null) => x && x.map((v) => Math.round(v * 10_000) / 10_000);

// Hand-computed with z = 1.96: centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
describe('Wilson 95% interval', () => {
  test('8 of 10', () => assert.deepEqual(r4(wilsonInterval(8, 10)), [0.4902, 0.9433]));
  test('0 of 10 starts at 0', () => assert.deepEqual(r4(wilsonInterval(0, 10)), [0, 0.2775]));
  test('10 of 10 ends at 1', () => assert.deepEqual(r4(wilsonInterval(10, 10)), [0.7225, 1]));
  test('1 of 2', () => assert.deepEqual(r4(wilsonInterval(1, 2)), [0.0945, 0.9055]));
  test('0 of 0 has no interval', () => assert.equal(wilsonInterval(0, 0), null));
  test('impossible counts are refused', () => {
    assert.throws(() => wilsonInterval(3, 2), RangeError);
    assert.throws(() => wilsonInterval(-1, 2), RangeError);
    assert.throws(() => wilsonInterval(1.5, 2), RangeError);
  });
});
