import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { secondsToVietnamMidnight } from '../../src/loaders/cache-for-everyone.ts';

describe('a page the same for everyone is kept until midnight in Vietnam at the latest', () => {
  it('counts the seconds to the next midnight at UTC+7', () => {
    // 17:00 UTC is midnight in Hà Nội: a full day to go.
    assert.equal(secondsToVietnamMidnight(Date.parse('2026-12-01T17:00:00Z')), 86_400);
    // 16:59:30 UTC is 23:59:30 there.
    assert.equal(secondsToVietnamMidnight(Date.parse('2026-12-01T16:59:30Z')), 30);
    // 09:00 UTC is 16:00 there: eight hours.
    assert.equal(secondsToVietnamMidnight(Date.parse('2026-12-01T09:00:00Z')), 28_800);
    // Part of a second left still counts as a second.
    assert.equal(secondsToVietnamMidnight(Date.parse('2026-12-01T16:59:59.500Z')), 1);
  });
});
