import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedDemoData } from '../../db/seed/demo.ts';
import { checkInvariants } from '../fuzz/invariants.ts';
import { closeAndDrop, openSeeded, PUBLIC_URL } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';

/**
 * 07:45 on Wednesday 2 December 2026 in Vietnam: before the 09:15 at which the demo's scenarios file "today's"
 * dossier. A seed run then once filed it in the future, and the fuzzer's later actions on it sorted before its
 * submission.
 */
const MORNING = new Date('2026-12-02T00:45:00Z');

for (const target of testDatabases) {
  describe(`demo data seeded at 07:45 in Vietnam (${target.name})`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-demo-clock-'));

    before(async () => {
      handle = await openSeeded(target);
      await seedDemoData(handle.db, { publicUrl: PUBLIC_URL, dataDir, now: MORNING });
    });
    after(async () => {
      await closeAndDrop(handle);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('files nothing and records no event after the seed ran', async () => {
      const latest = (
        await sql<{ submitted: Date; event: Date; n: number }>`select (select max(submitted_at) from dossiers) as submitted,
          (select max(at) from dossier_events) as event, (select count(*)::int from dossiers) as n`.execute(handle.db)
      ).rows[0]!;
      assert.ok(latest.n > 20, `${latest.n} demo dossiers`);
      assert.ok(new Date(latest.submitted) < MORNING, `latest submission ${new Date(latest.submitted).toISOString()}`);
      assert.ok(new Date(latest.event) < MORNING, `latest event ${new Date(latest.event).toISOString()}`);
    });

    it('holds every invariant the fuzzer checks, with no dossier counted as made after the seed', async () => {
      const report = await checkInvariants(handle.db, new Set(), new Date(MORNING.getTime()));
      assert.deepEqual(report.broken, []);
      assert.equal(report.newDossiers, 0);
    });
  });
}
