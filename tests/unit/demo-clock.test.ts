import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoTimeline, vnAt } from '../../db/seed/demo-clock.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('demo clock', () => {
  it('takes the Vietnamese calendar day, also in the hours when the UTC date is still the day before', () => {
    // 20:00 UTC on 1 December is 03:00 on Wednesday 2 December in Vietnam.
    const night = new Date('2026-12-01T20:00:00Z');
    assert.equal(vnAt(night, 0, 9, 15).toISOString(), '2026-12-02T02:15:00.000Z');
    assert.equal(vnAt(night, 1, 9, 15).toISOString(), '2026-12-01T02:15:00.000Z');
    assert.equal(vnAt(new Date('2026-12-02T10:00:00Z'), 40, 14, 30).toISOString(), '2026-10-23T07:30:00.000Z');
  });

  it('keeps a dossier of "today at 09:15" before a seed run at 07:45 in Vietnam, its events in order', () => {
    const morning = new Date('2026-12-02T00:45:00Z');
    assert.deepEqual(iso(demoTimeline(morning, 0, 1, 9, 15)), ['2026-12-02T00:44:00.000Z']);
    assert.deepEqual(iso(demoTimeline(morning, 3, 4, 9, 15)), [
      '2026-11-29T02:15:00.000Z',
      '2026-11-30T02:15:00.000Z',
      '2026-12-01T02:15:00.000Z',
      '2026-12-02T00:44:00.000Z',
    ]);
    // Every event past the clock moves to a minute apart before it.
    assert.deepEqual(iso(demoTimeline(new Date('2026-12-01T20:00:00Z'), 0, 3, 9, 15)), [
      '2026-12-01T19:57:00.000Z',
      '2026-12-01T19:58:00.000Z',
      '2026-12-01T19:59:00.000Z',
    ]);
  });

  it('leaves times of the afternoon as the scenario says', () => {
    const afternoon = new Date('2026-12-02T08:00:00Z');
    assert.deepEqual(iso(demoTimeline(afternoon, 2, 3, 9, 30)), ['2026-11-30T02:30:00.000Z', '2026-12-01T02:30:00.000Z', '2026-12-02T02:30:00.000Z']);
  });
});
