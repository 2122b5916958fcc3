import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { registryDemoEntries, seedRegistryDemo } from '../../db/seed/registry-demo.ts';
import { seedReferenceData } from '../../db/seed/index.ts';
import { migrateToLatest } from '../../src/server/migrate.ts';
import { checkQuery, getPublishedEntry, MAX_RESULTS, PAGE_SIZE, searchRegistry } from '../../src/server/registry/search.ts';
import { testDatabases } from '../helpers/databases.ts';
import { searchKey } from '../../src/server/search-key.ts';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from '../../db/migrations/index.ts';

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
          entry({ debtor_name: 'Nguyễn Văn Hồng', debtor_address: 'Xã Yên Sở, thành phố Hà Nội', province_code: 'HNI', agency_code: 'HNI' }),
          entry({ debtor_name: 'Hoàng  Thị-Thu Hà', debtor_address: 'Phường Vinh Phú, tỉnh Nghệ An', province_code: 'NAN', agency_code: 'NAN' }),
          // Numbers that share their beginning, and a removed entry sharing an address, a province and a number with them.
          entry({ debtor_name: 'Lê Thị Bích', debtor_address: 'Thôn Đông, xã Kim Sơn, tỉnh Ninh Bình', province_code: 'NBH', agency_code: 'NBH', judgment_number: '364/2024/DS-PT', decision_number: '1205/QĐ-THADS' }),
          entry({ debtor_name: 'Phạm Văn Tú', debtor_address: 'Xã Kim Sơn, tỉnh Ninh Bình', province_code: 'NBH', agency_code: 'NBH', judgment_number: '364/2024/HS-ST', decision_number: '364/QĐ-THADS' }),
          entry({ debtor_name: 'Vũ Đức Thắng', debtor_address: 'Phường Đống Đa, thành phố Hà Nội', province_code: 'HNI', agency_code: 'HNI', judgment_number: '3641/2024/DS-ST', decision_number: '88/QĐ-THADS' }),
          entry({
            debtor_name: 'Đỗ Minh Khôi',
            debtor_address: 'Xóm Chợ, xã Kim Sơn, tỉnh Ninh Bình',
            province_code: 'NBH',
            agency_code: 'NBH',
            judgment_number: '364/2024/DS-PT',
            decision_number: '999/QĐ-THADS',
            removed_on: '2026-11-02',
            removal_reason: 'revoked',
          }),
        ])
        .execute();
    });
    after(async () => {
      await handle?.drop();
    });

    const names = async (q: Parameters<typeof searchRegistry>[1]) => (await searchRegistry(handle.db, q)).entries.map((e) => e.debtor_name);
    /** The names that matched what was typed, without the similar (one typo away) ones ranked after them. */
    const exact = async (q: Parameters<typeof searchRegistry>[1]) => {
      const result = await searchRegistry(handle.db, q);
      return result.entries.slice(0, result.similarFrom).map((e) => e.debtor_name);
    };

    it('finds a name typed without diacritics, and đ as d', async () => {
      assert.deepEqual(await exact({ name: 'nguyen van hung' }), ['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng']);
      assert.deepEqual(await names({ name: 'dang thi dao' }), ['Đặng Thị Đào']);
      assert.deepEqual(await names({ name: 'ĐẶNG THỊ ĐÀO' }), ['Đặng Thị Đào']);
    });

    it('matches whole words in any order, and part of a name', async () => {
      assert.deepEqual(await names({ name: 'hung nguyen van' }), ['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng']);
      assert.deepEqual(await exact({ name: 'Nguyễn Hùng' }), ['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng'], 'family and given name');
      assert.deepEqual(await exact({ name: 'văn hùng' }), ['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng']);
      assert.deepEqual(await exact({ name: 'Hoàng Hà' }), ['Hoàng  Thị-Thu Hà']);
      assert.deepEqual(await names({ name: 'hồng' }), ['Nguyễn Văn Hồng']);
      assert.deepEqual(await names({ name: 'hoang thi thu ha' }), ['Hoàng  Thị-Thu Hà'], 'punctuation and spacing ignored');
      assert.deepEqual(await names({ name: 'hoang thi th' }), [], 'a word is not a prefix');
      assert.deepEqual(await names({ name: 'le thi mai' }), []);
    });

    it('forgives one typo, and ranks such names after the exact ones', async () => {
      for (const typo of ['nguyen van hng', 'nguyen van hugn', 'nguyenvan hung', 'nguyen van hunng', 'ngyuen van hung']) {
        assert.ok((await names({ name: typo })).includes('Nguyễn Văn Hùng'), typo);
      }
      assert.deepEqual(await names({ name: 'dang thi dap' }), ['Đặng Thị Đào']);
      assert.deepEqual(await names({ name: 'dang thi dapp' }), [], 'two typos');
      assert.deepEqual(await names({ name: 'nguyen van hng', province: 'DNI' }), ['Nguyễn Văn Hùng'], 'with the other filters');
      assert.deepEqual(await names({ name: 'nguyen van hng', province: 'NAN' }), []);
      assert.deepEqual(await names({ name: 'nguyen van hng', address: 'Đồng Nai' }), ['Nguyễn Văn Hùng'], 'a typo and an address');
      assert.deepEqual(await names({ name: 'văn hùng', address: 'Hà Nội', province: 'HNI' }), ['Nguyễn Văn Hùng'], 'part of a name and an address');
      const result = await searchRegistry(handle.db, { name: 'Nguyễn Văn Hùng' });
      assert.deepEqual(result.entries.map((e) => e.debtor_name), ['Nguyễn Văn Hùng', 'Nguyễn Văn Hùng', 'Nguyễn Văn Hồng']);
      assert.equal(result.similarFrom, 2, 'the third is only similar');
      assert.equal(result.capped, false);
    });

    it('filters by province and address words, and finds judgment or decision numbers', async () => {
      const inHanoi = await searchRegistry(handle.db, { name: 'nguyen van hung', province: 'HNI' });
      assert.deepEqual(inHanoi.entries.map((e) => [e.debtor_name, e.province_code]), [['Nguyễn Văn Hùng', 'HNI'], ['Nguyễn Văn Hồng', 'HNI']]);
      assert.equal(inHanoi.similarFrom, 1);
      assert.deepEqual(await names({ name: 'nguyen van hung', province: 'NAN' }), []);
      assert.deepEqual(await names({ name: 'nguyen van hung', address: 'yen so' }), ['Nguyễn Văn Hồng']);
      assert.equal((await searchRegistry(handle.db, { name: 'nguyen van hung', address: 'tan phu dong nai' })).entries[0]?.province_code, 'DNI');
      assert.deepEqual(await names({ number: '45/2023/ds-st' }), ['Nguyễn Văn Hùng']);
      assert.deepEqual(await names({ number: '77/QĐ-THADS' }), ['Đặng Thị Đào']);
    });

    it('finds a judgment or decision number from its beginning, up to a "/" or "-"', async () => {
      const found = async (number: string) => (await searchRegistry(handle.db, { number })).entries.map((e) => e.debtor_name).sort();
      assert.deepEqual(await found('364/2024/DS-PT'), ['Lê Thị Bích']);
      assert.deepEqual(await found('364/2024'), ['Lê Thị Bích', 'Phạm Văn Tú'], 'number and year, any court');
      assert.deepEqual(await found(' 364 / 2024 / '), ['Lê Thị Bích', 'Phạm Văn Tú'], 'spaces and a trailing slash');
      assert.deepEqual(await found('364/2024/ds'), ['Lê Thị Bích'], 'up to the "-" of DS-PT');
      assert.deepEqual(await found('364'), ['Lê Thị Bích', 'Phạm Văn Tú'], 'a judgment or a decision number, each entry once');
      assert.deepEqual(await found('3641'), ['Vũ Đức Thắng']);
      assert.deepEqual(await found('1205'), ['Lê Thị Bích'], 'a decision number');
      assert.deepEqual(await found('36'), [], 'not inside a part of the number');
      assert.deepEqual(await found('364/2024/DS-P'), []);
      assert.deepEqual(await found('364/202_'), [], 'LIKE wildcards are typed characters');
      assert.deepEqual(await found('3%'), []);
      assert.equal(checkQuery({ number: ' / - ' }).problem, 'empty', 'separators alone are no number');
    });

    it('never returns nor counts a removed entry in searches without a name', async () => {
      const found = async (q: Parameters<typeof searchRegistry>[1]) => {
        const result = await searchRegistry(handle.db, q);
        return { total: result.total, names: result.entries.map((e) => e.debtor_name).sort() };
      };
      // Đỗ Minh Khôi (removed) lives in xã Kim Sơn, Ninh Bình, shares 364/2024/DS-PT and alone has 999/QĐ-THADS.
      assert.deepEqual(await found({ address: 'xã Kim Sơn' }), { total: 2, names: ['Lê Thị Bích', 'Phạm Văn Tú'] });
      assert.deepEqual(await found({ address: 'Xóm Chợ' }), { total: 0, names: [] }, 'whole words, then parts of words');
      assert.deepEqual(await found({ address: 'Kim Sơn', province: 'NBH' }), { total: 2, names: ['Lê Thị Bích', 'Phạm Văn Tú'] });
      assert.deepEqual(await found({ address: 'Xóm Chợ', province: 'NBH' }), { total: 0, names: [] });
      assert.deepEqual(await found({ number: '364/2024/DS-PT' }), { total: 1, names: ['Lê Thị Bích'] });
      assert.deepEqual(await found({ number: '999/QĐ-THADS' }), { total: 0, names: [] });
      assert.deepEqual(await found({ number: '364', province: 'NBH' }), { total: 2, names: ['Lê Thị Bích', 'Phạm Văn Tú'] });
      assert.deepEqual(await found({ number: '999', province: 'NBH' }), { total: 0, names: [] });
    });

    it('matches address words whole, in any order, and falls back to parts of words', async () => {
      assert.deepEqual(await names({ address: 'hai ba trung ha noi' }), ['Nguyễn Văn Hùng']);
      assert.deepEqual(await names({ address: 'Hà Nội phường Hai Bà Trưng' }), ['Nguyễn Văn Hùng']);
      assert.deepEqual(await names({ address: 'p. Hai Bà Tr' }), ['Nguyễn Văn Hùng'], 'fragments when no whole word matches');
      assert.deepEqual(await names({ name: 'dang thi dao', address: 'Hải Ch' }), ['Đặng Thị Đào']);
      assert.deepEqual(await names({ address: 'Quảng Ninh' }), []);
    });

    it('folds in JavaScript exactly as the database does (the key the typo variants start from)', async () => {
      const vowels = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
      const samples = [vowels, vowels.toUpperCase(), 'Đặng  Thị-Đào', "Nguyễn Văn A'Lăng", 'Hồ Thị Thu Hà (Hà Nội) 1990', 'ÐĐđð', 'Ngô\tBảo', 'Søren Łukasz Æsir Œuvre Straße'];
      for (const text of samples) {
        const { rows } = await sql<{ key: string }>`select search_key(search_fold(${text})) as key`.execute(handle.db);
        assert.equal(searchKey(text), rows[0]!.key, text);
      }
    });

    it('never shows removed entries, in search or detail', async () => {
      assert.deepEqual(await names({ name: 'tran minh quan' }), []);
      const removed = await handle.db.selectFrom('registry_entries').select('public_id').where('removed_on', 'is not', null).executeTakeFirstOrThrow();
      assert.equal(await getPublishedEntry(handle.db, removed.public_id), undefined);
    });

    it('publishes only the published fields', async () => {
      const [first] = (await searchRegistry(handle.db, { name: 'dang thi dao' })).entries;
      assert.deepEqual(Object.keys(first!).sort(), [
        'agency_code', 'debtor_address', 'debtor_name', 'decision_date', 'decision_number', 'judgment_court', 'judgment_date',
        'judgment_number', 'obligation', 'province_code', 'public_id', 'published_on', 'reason', 'reason_detail', 'verified_on',
      ]);
    });

    it('gives every entry an unguessable public id, and shows an entry by it only (not by its key)', async () => {
      const rows = await handle.db.selectFrom('registry_entries').select(['id', 'public_id', 'debtor_name']).where('removed_on', 'is', null).orderBy('id').execute();
      assert.equal(rows.length, 8);
      for (const row of rows) assert.match(row.public_id, /^[0-9a-f]{20}$/);
      assert.equal(new Set(rows.map((r) => r.public_id)).size, 8);
      // Consecutive entries share no prefix a script could count up from.
      assert.notEqual(rows[0]!.public_id.slice(0, 6), rows[1]!.public_id.slice(0, 6));
      const dao = rows.find((r) => r.debtor_name === 'Đặng Thị Đào')!;
      assert.equal((await getPublishedEntry(handle.db, dao.public_id))?.debtor_name, 'Đặng Thị Đào');
      assert.equal(await getPublishedEntry(handle.db, String(dao.id)), undefined);
      assert.equal(await getPublishedEntry(handle.db, dao.public_id.toUpperCase()), undefined);
      assert.deepEqual((await searchRegistry(handle.db, { name: 'dang thi dao' })).entries.map((e) => e.public_id), [dao.public_id]);
    });

    it('refuses a name or an address without a letter or a digit instead of matching every entry', async () => {
      assert.equal(checkQuery({ address: '---' }).problem, 'no_letters');
      assert.equal(checkQuery({ address: '. , ; /' }).problem, 'no_letters');
      assert.equal(checkQuery({ name: '--' }).problem, 'no_letters');
      assert.equal(checkQuery({ name: 'dang thi dao', address: '...' }).problem, 'no_letters');
      assert.equal(checkQuery({ address: 'Số 12' }).problem, null);
      assert.equal(checkQuery({ address: '123' }).problem, null);
      assert.equal((await searchRegistry(handle.db, { address: '---' })).total, 0);
      assert.equal((await searchRegistry(handle.db, { address: '---', province: 'HNI' })).total, 0);
    });

    it('refuses empty or too-short queries and caps results (no bulk dump)', async () => {
      assert.equal(checkQuery({}).problem, 'empty');
      assert.equal(checkQuery({ name: 'a' }).problem, 'too_short');
      assert.equal(checkQuery({ province: 'HNI' }).problem, 'empty');
      assert.equal((await searchRegistry(handle.db, { name: '%' })).total, 0);
      await seedRegistryDemo(handle.db); // not empty: loads nothing
      await handle.db.insertInto('registry_entries').values(Array.from({ length: 130 }, () => entry({ debtor_name: 'Nguyễn Văn Hùng' }))).execute();
      const many = await searchRegistry(handle.db, { name: 'nguyen van hung' }, 99);
      assert.equal(many.total, MAX_RESULTS);
      assert.equal(many.capped, true);
      assert.equal(many.page, many.pages);
      assert.equal(many.entries.length, PAGE_SIZE);
      assert.ok(many.entries.every((e) => e.debtor_name === 'Nguyễn Văn Hùng'));
    });
  });
}

for (const target of testDatabases) {
  describe(`public ids of entries listed before they existed, on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof target.open>>;
    after(async () => {
      await handle?.drop();
    });

    it('the migration gives each existing entry its own public id, and later inserts get one too', async () => {
      handle = await target.open();
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo('20261201T1600_stats_indexes');
      assert.equal(error, undefined);
      await seedReferenceData(handle.db);
      await sql`insert into registry_entries ${sql.raw(`(${Object.keys(base).join(', ')})`)} select ${sql.join(Object.values(base).map((v) => sql`${v}`))} from generate_series(1, 50)`.execute(handle.db);
      await migrateToLatest(handle.db);
      const ids = (await handle.db.selectFrom('registry_entries').select('public_id').execute()).map((r) => r.public_id);
      assert.equal(ids.length, 50);
      assert.equal(new Set(ids).size, 50);
      for (const id of ids) assert.match(id, /^[0-9a-f]{20}$/);
      await handle.db.insertInto('registry_entries').values(entry({ debtor_name: 'Lý Văn Mới' })).execute();
      const added = await handle.db.selectFrom('registry_entries').select('public_id').where('debtor_name', '=', 'Lý Văn Mới').executeTakeFirstOrThrow();
      assert.match(added.public_id, /^[0-9a-f]{20}$/);
      assert.ok(!ids.includes(added.public_id));
    });
  });
}
