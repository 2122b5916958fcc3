import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registryDemoEntries, seedRegistryDemo } from '../../db/seed/registry-demo.ts';
import { seedReferenceData } from '../../db/seed/index.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { checkQuery, getPublishedEntry, MAX_RESULTS, searchRegistry } from '../../src/server/registry.ts';
import { testDatabases } from '../helpers/databases.ts';

const base = registryDemoEntries(1)[0]!;
const entry = (over: Partial<typeof base>) => ({ ...base, ...over });

for (const target of testDatabases) {
  describe(`public list search on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof target.open>>;
    before(async () => {
      handle = await target.open();
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
      await handle.db
        .insertInto('registry_entries')
        .values([
          entry({ debtor_name: 'Nguyễn Văn Hùng', debtor_address: 'Số 12 phố Huế, phường Hai Bà Trưng, thành phố Hà Nội', province_code: 'HNI', agency_code: 'HNI', judgment_number: '45/2023/DS-ST' }),
          entry({ debtor_name: 'Nguyễn Văn Hùng', debtor_address: 'Ấp 3, xã Tân Phú, tỉnh Đồng Nai', province_code: 'DNI', agency_code: 'DNI', judgment_number: '12/2022/DS-ST' }),
          entry({ debtor_name: 'Đặng Thị Đào', debtor_address: 'Đường Trần Phú, phường Hải Châu, thành phố Đà Nẵng', province_code: 'DNG', agency_code: 'DNG', decision_number: '77/QĐ-THADS' }),
          entry({ debtor_name: 'Trần Minh Quân', debtor_address: 'Hà Nội', province_code: 'HNI', agency_code: 'HNI', removed_on: '2026-10-01', removal_reason: 'enforced' }),
        ])
        .execute();
    });
    after(async () => {
      await handle?.drop();
    });

    const names = async (q: Parameters<typeof searchRegistry>[1]) => (await searchRegistry(handle.db, q)).entries.map((e) => e.debtor_name);

    it('finds a name typed without diacritics, and đ as d', async () => {
      assert.deepEqual(await names({ name: 'nguyen van hung' }), ['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng']);
      assert.deepEqual(await names({ name: 'dang thi dao' }), ['Đặng Thị Đào']);
      assert.deepEqual(await names({ name: 'ĐẶNG THỊ ĐÀO' }), ['Đặng Thị Đào']);
    });

    it('tolerates word order and one typo', async () => {
      assert.ok((await names({ name: 'hung nguyen van' })).includes('Nguyễn Văn Hùng'));
      assert.ok((await names({ name: 'nguyen van hng' })).includes('Nguyễn Văn Hùng'));
      assert.ok((await names({ name: 'dang thi dap' })).includes('Đặng Thị Đào'));
      assert.deepEqual(await names({ name: 'le thi mai' }), []);
    });

    it('filters by province and address words, and finds judgment or decision numbers', async () => {
      const inHanoi = await searchRegistry(handle.db, { name: 'nguyen van hung', province: 'HNI' });
      assert.equal(inHanoi.entries.length, 1);
      assert.equal(inHanoi.entries[0]!.province_code, 'HNI');
      assert.equal((await searchRegistry(handle.db, { name: 'nguyen van hung', address: 'tan phu dong nai' })).entries[0]?.province_code, 'DNI');
      assert.deepEqual(await names({ number: '45/2023/ds-st' }), ['Nguyễn Văn Hùng']);
      assert.deepEqual(await names({ number: '77/QĐ-THADS' }), ['Đặng Thị Đào']);
    });

    it('never shows removed entries, in search or detail', async () => {
      assert.deepEqual(await names({ name: 'tran minh quan' }), []);
      const removed = await handle.db.selectFrom('registry_entries').select('id').where('removed_on', 'is not', null).executeTakeFirstOrThrow();
      assert.equal(await getPublishedEntry(handle.db, removed.id), undefined);
    });

    it('publishes only the published fields', async () => {
      const [first] = (await searchRegistry(handle.db, { name: 'dang thi dao' })).entries;
      assert.deepEqual(Object.keys(first!).sort(), [
        'agency_code', 'debtor_address', 'debtor_name', 'decision_date', 'decision_number', 'id', 'judgment_court', 'judgment_date',
        'judgment_number', 'obligation', 'province_code', 'published_on', 'reason', 'reason_detail', 'verified_on',
      ]);
    });

    it('refuses empty or too-short queries and caps results (no bulk dump)', async () => {
      assert.equal(checkQuery({}).problem, 'empty');
      assert.equal(checkQuery({ name: 'a' }).problem, 'tooShort');
      assert.equal(checkQuery({ province: 'HNI' }).problem, 'empty');
      assert.equal((await searchRegistry(handle.db, { name: '%' })).total, 0);
      await seedRegistryDemo(handle.db); // not empty: loads nothing
      await handle.db.insertInto('registry_entries').values(Array.from({ length: 130 }, () => entry({ debtor_name: 'Nguyễn Văn Hùng' }))).execute();
      const many = await searchRegistry(handle.db, { name: 'nguyen van hung' }, 99);
      assert.equal(many.total, MAX_RESULTS);
      assert.equal(many.page, many.pages);
    });
  });
}
