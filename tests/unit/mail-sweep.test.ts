import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sweepUnfinished } from '../../src/server/mail/transport.ts';

test('the start-up sweep deletes only half-written mail older than ten minutes', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-sweep-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const now = Date.parse('2026-12-02T09:00:00Z');
  const write = (name: string, ageMs: number) => {
    fs.writeFileSync(path.join(dir, name), 'x');
    const at = new Date(now - ageMs);
    fs.utimesSync(path.join(dir, name), at, at);
  };
  write('.20261202T083000000Z-0a1b2c3d.eml.tmp', 30 * 60_000); // cut off by a kill half an hour ago
  write('.20261202T085930000Z-4e5f6a7b.eml.tmp', 30_000); // being written by someone right now
  write('20261202T083000000Z-8c9d0e1f.eml', 30 * 60_000); // a finished message
  write('.notes.tmp', 30 * 60_000); // not ours

  assert.equal(sweepUnfinished(dir, now), 1);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['.20261202T085930000Z-4e5f6a7b.eml.tmp', '.notes.tmp', '20261202T083000000Z-8c9d0e1f.eml']);
  assert.equal(sweepUnfinished(path.join(dir, 'missing'), now), 0);
});
