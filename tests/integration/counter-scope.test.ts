import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedReferenceData } from '../../db/seed/index.ts';
import { procedureByCode } from '../../src/server/catalog/index.ts';
import { agenciesOutOfScope, counterAgencies } from '../../src/server/dossiers/counter-scope.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { testDatabases } from '../helpers/databases.ts';

const xnkq = procedureByCode('XNKQ')!;

for (const target of testDatabases) {
  describe(`counter intake held to the officer's agency on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof target.open>>;
    before(async () => {
      handle = await target.open();
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
    });
    after(async () => {
      await handle?.drop();
    });

    it('offers a provincial counter its agency and regional offices, a regional counter its own office only', async () => {
      assert.deepEqual((await counterAgencies(handle.db, 'HNI')).map((a) => a.code), ['HNI', 'HNI-KV1', 'HNI-KV2', 'HNI-KV3', 'HNI-KV4']);
      assert.deepEqual((await counterAgencies(handle.db, 'HNI-KV2')).map((a) => a.code), ['HNI-KV2']);
      assert.deepEqual((await counterAgencies(handle.db, 'NBH')).map((a) => a.code), ['NBH']);
      assert.deepEqual(await counterAgencies(handle.db, null), []);
    });

    it('names every agency of a form outside the scope, and none within it', async () => {
      const form = (agency: string) => (field: string) => (field === 'agency' ? agency : '');
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI', xnkq, form('DNG')), ['DNG']);
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI', xnkq, form('DNG-KV1')), ['DNG-KV1']);
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI', xnkq, form('HNI-KV3')), []);
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI', xnkq, form('HNI')), []);
      // A regional office does not enter dossiers for its provincial agency or a sister office.
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI-KV2', xnkq, form('HNI')), ['HNI']);
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI-KV2', xnkq, form('HNI-KV1')), ['HNI-KV1']);
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI', xnkq, form('NO-SUCH')), ['NO-SUCH']);
      assert.deepEqual(await agenciesOutOfScope(handle.db, null, xnkq, form('HNI')), ['HNI']);
      // Not chosen yet: the form's own validation asks for it.
      assert.deepEqual(await agenciesOutOfScope(handle.db, 'HNI', xnkq, form('')), []);
    });
  });
}
