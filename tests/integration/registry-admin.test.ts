import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import {
  createEntry,
  exportCsv,
  getEntry,
  listEntries,
  parseDate,
  RegistryError,
  removeEntry,
  updateEntry,
  type RegistryActor,
} from '../../src/server/registry/admin.ts';
import { importCsv } from '../../src/server/registry/import.ts';
import { searchRegistry } from '../../src/server/registry/search.ts';
import type { Database } from '../../src/server/schema.ts';
import { todayInVietnam } from '../../src/server/validation/dates.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';
import { csvRow, entry, HEADER } from '../helpers/registry-csv.ts';

const PASSWORD = 'mật-khẩu-rất-dài-2026';
const isRegistryError = (reason: RegistryError['reason'], fields?: Record<string, string>) => (err: unknown) => {
  assert.ok(err instanceof RegistryError, String(err));
  assert.equal(err.reason, reason);
  if (fields) assert.deepEqual(err.fields, fields);
  return true;
};

const bytes = (text: string) => new TextEncoder().encode(text);
/** A file delivered in small chunks, as an upload arrives. */
async function* chunked(text: string, size = 97): AsyncGenerator<Uint8Array> {
  const all = bytes(text);
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}
const webStream = (text: string) => new Blob([text]).stream();

for (const target of testDatabases) {
  describe(`registry administration on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let hniReception: RegistryActor;
    let kv1Officer: RegistryActor;
    let hcmHead: RegistryActor;
    let central: RegistryActor;
    let n = 0;

    async function account(role: RegistryActor['role'], agencyCode: string | null): Promise<RegistryActor> {
      n++;
      const email = `canbo.${n}@thads.gov.vn`;
      const id = await createStaffUser(db, { email, fullName: `Cán Bộ Số ${n}`, role, agencyCode, password: PASSWORD });
      return { id, email, role, agency_code: agencyCode, ip: '203.0.113.7' };
    }
    const audits = (action: string) => db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const count = async () => Number((await db.selectFrom('registry_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      hniReception = await account('reception', 'HNI');
      kv1Officer = await account('officer', 'HNI-KV1');
      hcmHead = await account('head', 'HCM');
      central = await account('admin', null);
    });
    after(async () => {
      await closeAndDrop(handle);
    });

    it('accepts yyyy-mm-dd and dd/mm/yyyy dates, and only real ones', () => {
      assert.equal(parseDate('2024-02-29'), '2024-02-29');
      assert.equal(parseDate('29/02/2024'), '2024-02-29');
      assert.equal(parseDate('1/3/2024'), '2024-03-01');
      assert.equal(parseDate('29/02/2023'), null);
      assert.equal(parseDate('2024-13-01'), null);
      assert.equal(parseDate('hôm qua'), null);
    });

    it('creates an entry, audited, found by the public search without diacritics', async () => {
      const id = await createEntry(db, hniReception, entry({ agency_code: 'HNI-KV1', debtor_name: '  Đặng   Thị Đào ' }));
      const row = await getEntry(db, hniReception, id);
      assert.equal(row?.debtor_name, 'Đặng Thị Đào');
      assert.equal(row?.agency_code, 'HNI-KV1');
      const [audit] = (await audits('registry.create')).filter((a) => a.entity_id === String(id));
      assert.equal(audit?.actor_id, hniReception.id);
      assert.equal(audit?.agency_code, 'HNI-KV1');
      assert.equal(audit?.entity_type, 'registry_entry');
      assert.equal(audit?.before, null);
      const afterValues = typeof audit!.after === 'string' ? JSON.parse(audit!.after) : audit!.after;
      assert.equal(afterValues.debtor_name, 'Đặng Thị Đào');
      assert.equal(afterValues.removed_on, null);
      const { public_id } = await db.selectFrom('registry_entries').select('public_id').where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual((await searchRegistry(db, { name: 'dang thi dao' })).entries.map((e) => e.public_id), [public_id]);
    });

    it('refuses bad input field by field, and writes nothing', async () => {
      const before = await count();
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      await assert.rejects(
        createEntry(db, hniReception, entry({ debtor_name: '', judgment_date: '31/04/2023', decision_date: tomorrow, reason: 'poor', obligation: 'x'.repeat(501) })),
        isRegistryError('invalid', { debtor_name: 'required', judgment_date: 'date', decision_date: 'future', reason: 'reason', obligation: 'too_long' }),
      );
      await assert.rejects(createEntry(db, hniReception, entry({ province_code: 'HCM' })), isRegistryError('invalid', { province_code: 'mismatch' }));
      await assert.rejects(createEntry(db, hniReception, entry({ agency_code: 'HCM', province_code: 'HCM' })), isRegistryError('invalid', { agency_code: 'scope' }));
      await assert.rejects(createEntry(db, hniReception, entry({ agency_code: 'XYZ' })), isRegistryError('invalid', { agency_code: 'unknown' }));
      await assert.rejects(
        createEntry(db, hniReception, entry({ judgment_date: '2023-06-01', decision_date: '2023-05-01' })),
        isRegistryError('invalid', { decision_date: 'before_judgment' }),
      );
      // A regional office acts for itself only, not for its provincial agency.
      await assert.rejects(createEntry(db, kv1Officer, entry({ agency_code: 'HNI' })), isRegistryError('invalid', { agency_code: 'scope' }));
      assert.equal(await count(), before);
      assert.equal((await audits('registry.create')).length, 1);
    });

    it('updates an entry in scope, audited with what changed; out of scope is forbidden', async () => {
      const id = await createEntry(db, kv1Officer, entry({ agency_code: 'HNI-KV1', debtor_name: 'Trần Minh Quân' }));
      assert.equal(await updateEntry(db, hniReception, id, entry({ agency_code: 'HNI-KV1', debtor_name: 'Trần Minh Quân', obligation: 'Trả nợ 90.000.000 đồng' })), true);
      const [audit] = (await audits('registry.update')).filter((a) => a.entity_id === String(id));
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      assert.deepEqual(parse(audit!.before), { debtor_name: 'Trần Minh Quân', obligation: 'Trả nợ 150.000.000 đồng' });
      assert.deepEqual(parse(audit!.after), { debtor_name: 'Trần Minh Quân', obligation: 'Trả nợ 90.000.000 đồng' });
      // The same values again: nothing changed, nothing audited.
      assert.equal(await updateEntry(db, hniReception, id, entry({ agency_code: 'HNI-KV1', debtor_name: 'Trần Minh Quân', obligation: 'Trả nợ 90.000.000 đồng' })), false);
      assert.equal((await audits('registry.update')).length, 1);
      await assert.rejects(updateEntry(db, hcmHead, id, entry({ agency_code: 'HCM', province_code: 'HCM' })), isRegistryError('forbidden'));
      await assert.rejects(updateEntry(db, hniReception, 999_999, entry()), isRegistryError('not_found'));
      assert.equal(await getEntry(db, hcmHead, id), undefined);
      assert.ok(await getEntry(db, central, id));
    });

    it('removes an entry with a reason: audited, gone from the public search, kept in the list of removed', async () => {
      const id = await createEntry(db, hniReception, entry({ debtor_name: 'Lý Thị Gỡ Bỏ' }));
      assert.equal((await searchRegistry(db, { name: 'ly thi go bo' })).total, 1);
      await assert.rejects(removeEntry(db, hcmHead, id, { removedOn: todayInVietnam(), reason: 'enforced' }), isRegistryError('forbidden'));
      await assert.rejects(
        removeEntry(db, hniReception, id, { removedOn: '2099-01-01', reason: 'paid' }),
        isRegistryError('invalid', { removed_on: 'future', removal_reason: 'reason' }),
      );
      await removeEntry(db, hniReception, id, { removedOn: todayInVietnam(), reason: 'conditions_appeared' });
      assert.equal((await searchRegistry(db, { name: 'ly thi go bo' })).total, 0);
      await assert.rejects(removeEntry(db, hniReception, id, { removedOn: todayInVietnam(), reason: 'enforced' }), isRegistryError('removed'));
      await assert.rejects(updateEntry(db, hniReception, id, entry()), isRegistryError('removed'));
      const [audit] = await audits('registry.remove');
      assert.equal(audit?.entity_id, String(id));
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      assert.deepEqual(parse(audit!.after), { debtor_name: 'Lý Thị Gỡ Bỏ', removed_on: todayInVietnam(), removal_reason: 'conditions_appeared' });
      assert.equal((await listEntries(db, hniReception, { q: 'ly thi go' })).entries.length, 0);
      const withRemoved = await listEntries(db, hniReception, { q: 'ly thi go', includeRemoved: true });
      assert.equal(withRemoved.entries[0]?.removal_reason, 'conditions_appeared');
    });

    it('lists only the actor’s agencies, newest first, page by page (keyset)', async () => {
      await createEntry(db, hcmHead, entry({ agency_code: 'HCM', province_code: 'HCM', debtor_name: 'Võ Văn Sài Gòn', debtor_address: 'Quận 1, Hồ Chí Minh' }));
      const hcm = await listEntries(db, hcmHead);
      assert.deepEqual(hcm.entries.map((e) => e.debtor_name), ['Võ Văn Sài Gòn']);
      const kv1 = await listEntries(db, kv1Officer);
      assert.ok(kv1.entries.every((e) => e.agency_code === 'HNI-KV1'));
      const first = await listEntries(db, central, { limit: 2 });
      assert.equal(first.entries.length, 2);
      assert.ok(first.next);
      const second = await listEntries(db, central, { limit: 2, cursor: first.next });
      assert.ok(second.entries[0]!.id < first.entries[1]!.id);
      assert.deepEqual((await listEntries(db, central, { q: 'vo van sai gon' })).entries.map((e) => e.agency_code), ['HCM']);
      assert.deepEqual((await listEntries(db, central, { q: '120/qđ-thads' })).entries.length > 0, true);
    });

    it('a dry run reports each bad row with its line and reason, and writes nothing', async () => {
      const before = await count();
      const auditsBefore = (await db.selectFrom('audit_log').select('id').execute()).length;
      const file = [
        HEADER,
        csvRow({ debtor_name: 'Phạm Hợp Lệ' }), // line 2: fine
        csvRow({ judgment_date: '31/02/2023' }), // 3: bad date
        csvRow({ reason: 'broke' }), // 4: unknown reason
        csvRow({ debtor_name: '' }), // 5: missing name
        csvRow({ province_code: 'DNG' }), // 6: province and agency disagree
        csvRow({ debtor_name: 'Bùi Thị Ngày Việt', judgment_date: '15/03/2023', decision_date: '02/05/2023' }), // 7: fine
        csvRow({ agency_code: 'HCM', province_code: 'HCM' }), // 8: not this reception's agency
        '',
      ].join('\r\n');
      const progress: number[] = [];
      const result = await importCsv(db, hniReception, chunked(file), { dryRun: true, onProgress: (r) => progress.push(r) });
      assert.equal(result.rows, 7);
      assert.equal(result.valid, 2);
      assert.equal(result.committed, false);
      assert.deepEqual(result.errors, [
        { line: 3, field: 'judgment_date', reason: 'date' },
        { line: 4, field: 'reason', reason: 'reason' },
        { line: 5, field: 'debtor_name', reason: 'required' },
        { line: 6, field: 'province_code', reason: 'mismatch' },
        { line: 8, field: 'agency_code', reason: 'scope' },
      ]);
      assert.deepEqual(progress, [7]);
      assert.equal(await count(), before);
      assert.equal((await db.selectFrom('audit_log').select('id').execute()).length, auditsBefore);
    });

    it('reports file problems: missing and unknown columns, malformed lines, empty files', async () => {
      const noName = await importCsv(db, hniReception, chunked(HEADER.replace('debtor_name,', 'ten,') + '\n'), { dryRun: true });
      assert.deepEqual(noName.errors, [
        { line: 1, field: 'ten', reason: 'unknown_column' },
        { line: 1, field: 'debtor_name', reason: 'header' },
      ]);
      const malformed = await importCsv(db, hniReception, chunked([HEADER, csvRow({ debtor_name: 'Lý Thị Một' }), 'chỉ,ba,cột', csvRow({ debtor_name: 'Lý Thị Hai' })].join('\n')), { dryRun: true });
      assert.equal(malformed.rows, 3);
      assert.equal(malformed.valid, 2);
      assert.deepEqual(malformed.errors, [{ line: 3, reason: 'csv' }]);
      const empty = await importCsv(db, hniReception, chunked(HEADER + '\n'), { dryRun: true });
      assert.deepEqual(empty.errors, [{ line: 1, reason: 'empty' }]);
    });

    it('stops at the size and row limits, and commits nothing', async () => {
      const before = await count();
      const rows = Array.from({ length: 40 }, (_, i) => csvRow({ debtor_name: `Tạ Văn Giới Hạn ${i}` }));
      async function* endless(): AsyncGenerator<Uint8Array> {
        yield bytes(HEADER + '\n');
        for (let i = 0; ; i++) yield bytes(csvRow({ debtor_name: `Tạ Văn Vô Tận ${i}` }) + '\n');
      }
      const large = await importCsv(db, hniReception, endless(), { dryRun: false, limits: { maxBytes: 10_000 } });
      assert.equal(large.errors.at(-1)?.reason, 'too_large');
      assert.equal(large.committed, false);
      const many = await importCsv(db, hniReception, chunked([HEADER, ...rows].join('\n')), { dryRun: false, limits: { maxRows: 25 } });
      assert.deepEqual(many.errors, [{ line: 27, reason: 'too_many_rows' }]);
      assert.equal(many.rows, 25);
      assert.equal(many.committed, false);
      assert.equal(await count(), before);
    });

    it('refuses the same person under the same decision twice: in the file, or already published', async () => {
      await createEntry(db, hniReception, entry({ debtor_name: 'Quách Thị Đã Có', decision_number: '77/QĐ-CCTHADS' }));
      const file = [
        HEADER,
        csvRow({ debtor_name: 'Quách Văn Mới', decision_number: '78/QĐ-CCTHADS' }), // 2: fine
        csvRow({ debtor_name: 'QUACH VAN MOI', decision_number: '78/qđ-ccthads' }), // 3: line 2 again (case, accents)
        csvRow({ debtor_name: 'Quách Thị Đã Có', decision_number: '77/QĐ-CCTHADS' }), // 4: already published
        csvRow({ debtor_name: 'Quách Thị Đã Có', decision_number: '79/QĐ-CCTHADS' }), // 5: another decision: fine
      ].join('\n');
      const result = await importCsv(db, hniReception, chunked(file), { dryRun: false });
      assert.deepEqual(result.errors, [
        { line: 3, reason: 'duplicate_row', other: 2 },
        { line: 4, reason: 'listed' },
      ]);
      assert.equal(result.valid, 2);
      assert.equal(result.committed, false);
      assert.equal((await searchRegistry(db, { name: 'quach van moi' })).total, 0);
    });

    it('a valid file commits all its rows in one transaction, audited once with the counts', async () => {
      const before = await count();
      const rows = Array.from({ length: 1203 }, (_, i) =>
        csvRow({ debtor_name: `Hoàng Văn Nhập ${String.fromCharCode(65 + (i % 26))}`, judgment_number: `${i + 1}/2024/DS-ST`, decision_number: `${i + 1}/QĐ-CCTHADS`, agency_code: i % 2 ? 'HNI' : 'HNI-KV2' }),
      );
      const progress: number[] = [];
      const result = await importCsv(db, hniReception, webStream('\uFEFF' + [HEADER, ...rows].join('\n')), { dryRun: false, onProgress: (r) => progress.push(r) });
      assert.deepEqual({ ...result, errors: result.errors.length }, { rows: 1203, valid: 1203, errors: 0, errorCount: 0, committed: true, inserted: 1203 });
      assert.deepEqual(progress, [1000, 1203]);
      assert.equal(await count(), before + 1203);
      const imports = await audits('registry.import');
      assert.equal(imports.length, 1);
      const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
      assert.deepEqual(parse(imports[0]!.after), { rows: 1203, inserted: 1203, byAgency: { 'HNI-KV2': 602, HNI: 601 } });
      assert.equal(imports[0]!.actor_id, hniReception.id);
      assert.equal((await searchRegistry(db, { number: '1203/2024/DS-ST' })).total, 1);
    });

    it('a file with one bad row among many commits nothing', async () => {
      const before = await count();
      const importsBefore = (await audits('registry.import')).length;
      const rows = Array.from({ length: 1500 }, (_, i) => csvRow({ debtor_name: `Đinh Văn Hỏng ${i}`, judgment_number: `${i + 1}/2025/DS-ST` }));
      rows[1299] = csvRow({ verified_on: '2099-12-31' }); // line 1301, after two batches were inserted
      const result = await importCsv(db, hniReception, chunked([HEADER, ...rows].join('\n'), 4096), { dryRun: false });
      assert.equal(result.committed, false);
      assert.equal(result.inserted, 0);
      assert.equal(result.rows, 1500);
      assert.equal(result.valid, 1499);
      assert.deepEqual(result.errors, [{ line: 1301, field: 'verified_on', reason: 'future' }]);
      assert.equal(await count(), before);
      assert.equal((await audits('registry.import')).length, importsBefore);
    });

    it('an export holds only the actor’s agencies, with a BOM, and imports again unchanged', async () => {
      await createEntry(db, kv1Officer, entry({ agency_code: 'HNI-KV1', debtor_name: 'Ngô "Trích Dẫn", Phẩy', obligation: '=Trả nợ; dòng\nhai', reason_detail: '' }));
      const lines: string[] = [];
      for await (const line of exportCsv(db, kv1Officer)) lines.push(line);
      assert.ok(lines[0]!.startsWith('\uFEFF' + HEADER));
      const text = lines.join('');
      assert.ok(text.includes(`"Ngô ""Trích Dẫn"", Phẩy"`));
      assert.ok(text.includes(`'=Trả nợ`), 'formula-like cells are neutralised for Excel');
      const published = (await listEntries(db, kv1Officer, { limit: 200 })).entries;
      assert.equal(lines.length, published.length + 1);
      assert.ok(!text.includes('Võ Văn Sài Gòn'));

      const before = await count();
      // Everyone in it is already published: importing it again is refused, row by row.
      const twice = await importCsv(db, kv1Officer, chunked(text, 50), { dryRun: true });
      assert.equal(twice.errorCount, published.length);
      assert.ok(twice.errors.every((e) => e.reason === 'listed'));
      // Once removed from the list (here directly), the same file lists them again, unchanged.
      await db.updateTable('registry_entries').set({ removed_on: todayInVietnam(), removal_reason: 'revoked' }).where('id', 'in', published.map((e) => e.id)).execute();
      const again = await importCsv(db, kv1Officer, chunked(text, 50), { dryRun: false });
      assert.equal(again.errorCount, 0, JSON.stringify(again.errors));
      assert.equal(again.inserted, published.length);
      assert.equal(await count(), before + published.length);
      const copies = await db.selectFrom('registry_entries').selectAll().where('debtor_name', '=', 'Ngô "Trích Dẫn", Phẩy').orderBy('id').execute();
      assert.equal(copies.length, 2);
      // Listed again, an entry is a new entry: a new public id as well as a new key.
      const strip = ({ id: _i, public_id: _p, created_at: _c, updated_at: _u, removed_on: _r, removal_reason: _w, ...rest }: (typeof copies)[number]) => rest;
      assert.deepEqual(strip(copies[1]!), strip(copies[0]!));
      assert.notEqual(copies[1]!.public_id, copies[0]!.public_id);
      assert.equal(copies[0]!.obligation, '=Trả nợ; dòng hai');
      // The central administrator's export holds every agency.
      let all = '';
      for await (const line of exportCsv(db, central)) all += line;
      assert.ok(all.includes('Võ Văn Sài Gòn'));
    });
  });
}
