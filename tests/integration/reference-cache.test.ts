/**
 * Reference data kept in the process (src/server/reference-cache.ts) on PGlite and PostgreSQL: a copy is kept only
 * while the change notifications are heard, any writer's change drops it within a second, and a lost listening
 * connection stops the keeping until it is back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { seedReferenceData } from '../../db/seed/index.ts';
import { agencyNames, allAgencies, listAgencies } from '../../src/server/agencies.ts';
import { loadCalendar } from '../../src/server/calendar-store.ts';
import type { DbHandle } from '../../src/server/db.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { onReferenceChange, REFERENCE_CHANNEL, referenceCacheLive, watchReference } from '../../src/server/reference-cache.ts';
import { testDatabases } from '../helpers/databases.ts';

/** Waits for `check` to hold, up to `ms`; the notification is asynchronous, its delay is what is bounded. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

for (const target of testDatabases) {
  describe(`reference data kept in the process on ${target.name}`, () => {
    let handle: DbHandle & { drop(): Promise<void> };
    before(async () => {
      handle = await target.open();
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
    });
    after(() => handle.drop());

    test('without the listener nothing is kept: every read is the table', async () => {
      assert.equal(referenceCacheLive(), false);
      const first = await allAgencies(handle.db);
      assert.notEqual(await allAgencies(handle.db), first);
      await sql`update agencies set phone = '024 0000 0001' where code = 'HNI'`.execute(handle.db);
      assert.equal((await allAgencies(handle.db)).find((a) => a.code === 'HNI')!.phone, '024 0000 0001');
    });

    test('while heard, one copy serves every read, and a change by any writer drops it within a second', async () => {
      const changes: string[] = [];
      const unsubscribe = onReferenceChange((table) => changes.push(table));
      const stop = await watchReference(handle.notifications(REFERENCE_CHANNEL), [handle.db]);
      try {
        assert.equal(referenceCacheLive(), true);
        const kept = await allAgencies(handle.db);
        assert.equal(await allAgencies(handle.db), kept, 'the same copy');
        assert.equal((await listAgencies(handle.db, { province: 'HNI' }))[0]!.code, 'HNI');
        assert.equal((await agencyNames(handle.db)).get('HNI')!.name_vi, kept.find((a) => a.code === 'HNI')!.name_vi);
        const calendar = await loadCalendar(handle.db);
        assert.equal(await loadCalendar(handle.db), calendar);
        changes.length = 0;

        // A write that does not go through the portal's code: the trigger announces it all the same.
        await sql`update agencies set phone = '024 0000 0002' where code = 'HNI'`.execute(handle.db);
        await within(1000, async () => (await allAgencies(handle.db)).find((a) => a.code === 'HNI')!.phone === '024 0000 0002');
        assert.equal((await listAgencies(handle.db, { province: 'HNI' }))[0]!.phone, '024 0000 0002');
        assert.deepEqual(changes, ['agencies']);
        assert.equal(await loadCalendar(handle.db), calendar, 'an agency change leaves the calendar kept');

        await sql`insert into calendar_days (date, kind, name_vi, name_en) values ('2027-03-15', 'off', 'Nghỉ bù thử', 'Test day off')`.execute(handle.db);
        await within(1000, async () => (await loadCalendar(handle.db)) !== calendar);
        assert.equal((await loadCalendar(handle.db)).isWorkingDay('2027-03-15'), false);
        assert.equal(calendar.isWorkingDay('2027-03-15'), true, 'the old copy said otherwise');
      } finally {
        unsubscribe();
        await stop();
      }
      assert.equal(referenceCacheLive(), false);
    });

    test('a transaction reads the table, not the copy', async () => {
      const stop = await watchReference(handle.notifications(REFERENCE_CHANNEL), [handle.db]);
      try {
        await allAgencies(handle.db);
        await handle.db.transaction().execute(async (trx) => {
          await trx.updateTable('agencies').set({ phone: '024 0000 0003' }).where('code', '=', 'HNI').execute();
          assert.equal((await allAgencies(trx)).find((a) => a.code === 'HNI')!.phone, '024 0000 0003');
        });
      } finally {
        await stop();
      }
    });

    if (target.name === 'postgres') {
      test('a lost listening connection stops the keeping until it is back, and drops what was kept', async () => {
        const changes: string[] = [];
        const unsubscribe = onReferenceChange((table) => changes.push(table));
        const stop = await watchReference(handle.notifications(REFERENCE_CHANNEL), [handle.db], { retryMs: 50 });
        try {
          const kept = await allAgencies(handle.db);
          changes.length = 0;
          await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`.execute(handle.db);
          await within(1000, async () => !referenceCacheLive());
          assert.deepEqual(changes, ['all']);
          const a = await allAgencies(handle.db);
          assert.notEqual(a, kept);
          await within(2000, async () => referenceCacheLive());
          const again = await allAgencies(handle.db);
          assert.equal(await allAgencies(handle.db), again, 'kept again once heard');
        } finally {
          unsubscribe();
          await stop();
        }
      });
    }
  });
}
