import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { seedReferenceData } from '../../db/seed/index.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { AdminActor } from '../../src/server/admin/access.ts';
import { updateAgencyContacts } from '../../src/server/admin/agency-contacts.ts';
import { listAgencies } from '../../src/server/agencies.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { testDatabases } from '../helpers/databases.ts';

for (const target of testDatabases) {
  describe(`migrations and reference data on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof target.open>>;
    before(async () => {
      handle = await target.open();
    });
    after(async () => {
      await handle?.drop();
    });

    it('applies every migration once, in order', async () => {
      const first = await migrateToLatest(handle.db);
      assert.deepEqual(
        first.map((r) => r.migrationName),
        Object.keys(migrations).sort(),
      );
      assert.ok(first.every((r) => r.status === 'Success'));
      const second = await migrateToLatest(handle.db);
      assert.equal(second.length, 0, 'a second run applies nothing');
    });

    it('enables pg_trgm and unaccent, and folds Vietnamese for search', async () => {
      const { rows } = await sql<{ extname: string }>`select extname from pg_extension order by extname`.execute(handle.db);
      const names = rows.map((r) => r.extname);
      assert.ok(names.includes('pg_trgm'));
      assert.ok(names.includes('unaccent'));
      const folded = await sql<{ f: string }>`select search_fold(${'Nguyễn Văn Hùng, Đắk Lắk'}) as f`.execute(handle.db);
      assert.equal(folded.rows[0]?.f, 'nguyen van hung, dak lak');
      const sim = await sql<{ s: number }>`select similarity(search_fold('Trần Thị Đào'), 'tran thi dao') as s`.execute(handle.db);
      assert.equal(Number(sim.rows[0]?.s), 1);
    });

    it('normalises driver differences: counts are numbers, dates are strings', async () => {
      await handle.db
        .insertInto('calendar_days')
        .values({ date: '2030-01-02', kind: 'off', name_vi: 'Thử', name_en: 'Test' })
        .execute();
      const count = await handle.db.selectFrom('calendar_days').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(typeof count.n, 'number');
      const day = await handle.db.selectFrom('calendar_days').selectAll().where('date', '=', '2030-01-02').executeTakeFirstOrThrow();
      assert.equal(day.date, '2030-01-02');
      assert.ok(day.updated_at instanceof Date);
      const bytes = await sql<{ b: Uint8Array }>`select decode('00ff10', 'hex') as b`.execute(handle.db);
      assert.ok(bytes.rows[0]?.b instanceof Uint8Array);
      assert.deepEqual([...bytes.rows[0]!.b], [0, 255, 16]);
    });

    it('seeds the 34 provincial agencies and keeps administrators’ edits on a second seed', async () => {
      const firstSeed = await seedReferenceData(handle.db);
      // 34 provincial agencies and 11 regional offices; the one agency whose contact details a source gives (HCM's
      // address, db/seed/agency-contacts.ts); the announced days of 2025–2027.
      assert.deepEqual(firstSeed, { agencies: 45, contacts: 1, calendarDays: 48 });
      await handle.db.updateTable('agencies').set({ phone: '024 0000 0000' }).where('code', '=', 'HNI').execute();
      const again = await seedReferenceData(handle.db);
      assert.deepEqual(again, { agencies: 0, contacts: 0, calendarDays: 0 });
      const all = await listAgencies(handle.db);
      assert.equal(all.length, 34);
      assert.equal(all.find((a) => a.code === 'HNI')?.phone, '024 0000 0000');
      assert.deepEqual(
        all.filter((a) => a.offices.length > 0).map((a) => [a.code, a.offices.map((o) => o.code)]).sort(),
        [
          ['DNG', ['DNG-KV1', 'DNG-KV2', 'DNG-KV3']],
          ['HCM', ['HCM-KV1', 'HCM-KV2', 'HCM-KV3', 'HCM-KV4']],
          ['HNI', ['HNI-KV1', 'HNI-KV2', 'HNI-KV3', 'HNI-KV4']],
        ],
      );
      const hcm = await listAgencies(handle.db, { province: 'HCM' });
      assert.equal(hcm.length, 1);
      assert.equal(hcm[0]?.name_vi, 'Thi hành án dân sự thành phố Hồ Chí Minh');
    });

    it('fills the published contact details where empty, never for an agency an administrator edited', async () => {
      const hcmAddress = async () =>
        (await handle.db.selectFrom('agencies').select('address').where('code', '=', 'HCM').executeTakeFirstOrThrow()).address;
      await seedReferenceData(handle.db);
      assert.equal(await hcmAddress(), '372A Nguyễn Văn Lượng, phường An Hội Đông, Thành phố Hồ Chí Minh');

      // An installation seeded before the details were published gets them on its next start, once.
      await handle.db.updateTable('agencies').set({ address: null }).where('code', '=', 'HCM').execute();
      assert.equal((await seedReferenceData(handle.db)).contacts, 1);
      assert.equal(await hcmAddress(), '372A Nguyễn Văn Lượng, phường An Hội Đông, Thành phố Hồ Chí Minh');
      assert.equal((await seedReferenceData(handle.db)).contacts, 0);

      // An administrator who removes the address (the agency moved) is not overruled by the next start.
      const central: AdminActor = { id: 9001, email: 'quantri@example.gov.vn', role: 'admin', agency_code: null };
      await updateAgencyContacts(handle.db, central, 'HCM', { address: '', phone: '028 1234 5678', email: null, head_name: null });
      assert.equal((await seedReferenceData(handle.db)).contacts, 0);
      assert.equal(await hcmAddress(), null);
      const hcm = await handle.db.selectFrom('agencies').select(['phone']).where('code', '=', 'HCM').executeTakeFirstOrThrow();
      assert.equal(hcm.phone, '028 1234 5678');
    });

    it('rejects a calendar day of an unknown kind', async () => {
      await assert.rejects(
        handle.db.insertInto('calendar_days').values({ date: '2030-01-03', kind: 'holiday' as 'off', name_vi: 'x', name_en: 'x' }).execute(),
      );
    });
  });
}
