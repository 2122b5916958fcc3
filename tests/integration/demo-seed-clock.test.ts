import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedDemoOnStart } from '../../db/seed/demo-start.ts';
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
  describe(`demo data and history seeded at 07:45 in Vietnam, as a start loads them (${target.name})`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-demo-clock-'));

    before(async () => {
      handle = await openSeeded(target);
      await seedDemoOnStart(handle.db, { demoData: true, demoHistory: true, publicUrl: PUBLIC_URL, dataDir }, MORNING);
    });
    after(async () => {
      await closeAndDrop(handle);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('files nothing and records nothing as happening after the seed ran', async () => {
      const count = (await sql<{ n: number }>`select count(*)::int as n from dossiers`.execute(handle.db)).rows[0]!.n;
      assert.ok(count > 3000, `${count} demo dossiers`);
      // Each time the demo sets itself (the columns a row's database default would fill carry the real clock).
      for (const [table, column] of [
        ['dossiers', 'submitted_at'],
        ['dossier_events', 'at'],
        ['reception_visits', 'visited_at'],
        ['survey_responses', 'submitted_at'],
        ['general_feedback', 'created_at'],
      ] as const) {
        const latest = (await sql<{ at: Date | null }>`select max(${sql.ref(column)}) as at from ${sql.table(table)}`.execute(handle.db)).rows[0]!.at;
        assert.ok(latest, `${table} has rows`);
        assert.ok(new Date(latest) < MORNING, `latest ${table}.${column}: ${new Date(latest).toISOString()}`);
      }
    });

    it('holds every invariant the fuzzer checks, with no dossier counted as made after the seed', async () => {
      const report = await checkInvariants(handle.db, new Set(), new Date(MORNING.getTime()));
      assert.deepEqual(report.broken, []);
      assert.equal(report.newDossiers, 0);
    });
  });
}
