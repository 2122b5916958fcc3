import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Kysely } from 'kysely';
import { createStaffUser } from '../../src/server/auth/staff.ts';
import { RegistryError, type RegistryActor } from '../../src/server/registry/admin.ts';
import {
  commitChecked,
  failExpiredImports,
  getImportJob,
  ImportJobError,
  importFinished,
  importProgress,
  instanceId,
  purgeImportFiles,
  recentImports,
  renewImportLeases,
  startImport,
} from '../../src/server/registry/import-jobs.ts';
import { searchRegistry } from '../../src/server/registry/search.ts';
import type { Database } from '../../src/server/schema.ts';
import { closeAndDrop, openSeeded } from '../helpers/applications.ts';
import { testDatabases } from '../helpers/databases.ts';
import { csvRow, HEADER } from '../helpers/registry-csv.ts';

const upload = (name: string, text: string) => ({ name, stream: new Blob([text]).stream() });
const isJobError = (reason: ImportJobError['reason']) => (err: unknown) => err instanceof ImportJobError && err.reason === reason;
/** The job reads its file in chunks of this size (the read stream's highWaterMark in src/server/registry/import-jobs.ts). */
const CHUNK = 256 * 1024;
const realCreateReadStream = fs.createReadStream;

/**
 * Makes the next file read hand out its chunks one at a time, when the test says so: `taken(k)` resolves once the
 * reader has taken chunk k and asked for the next, `release()` lets it read on to the end.
 */
function holdFileRead(t: TestContext) {
  const taken = [Promise.withResolvers<void>(), Promise.withResolvers<void>()];
  const step = [Promise.withResolvers<void>(), Promise.withResolvers<void>()];
  t.mock.method(fs, 'createReadStream', (file: string, options: object) =>
    (async function* () {
      let k = 0;
      for await (const chunk of realCreateReadStream(file, options)) {
        yield chunk;
        if (k < taken.length) {
          taken[k]!.resolve();
          await step[k]!.promise;
        }
        k++;
      }
    })(),
  );
  return {
    taken: (k: 1 | 2) => taken[k - 1]!.promise,
    next: (k: 1 | 2) => step[k - 1]!.resolve(),
    release: () => step.forEach((s) => s.resolve()),
  };
}

for (const target of testDatabases) {
  describe(`CSV import jobs on ${target.name}`, () => {
    let handle: Awaited<ReturnType<typeof openSeeded>>;
    let db: Kysely<Database>;
    let dataDir: string;
    let hni: RegistryActor;
    let hniOther: RegistryActor;
    let hcm: RegistryActor;
    let central: RegistryActor;
    let n = 0;
    const keptParts = async (id: string) => (await db.selectFrom('registry_import_files').select('part').where('import_id', '=', id).orderBy('part').execute()).map((r) => r.part);
    const files = () => (fs.existsSync(path.join(dataDir, 'imports')) ? fs.readdirSync(path.join(dataDir, 'imports')) : []);

    async function account(role: RegistryActor['role'], agencyCode: string | null): Promise<RegistryActor> {
      n++;
      const email = `nhap.${n}@thads.gov.vn`;
      const id = await createStaffUser(db, { email, fullName: `Cán Bộ Nhập ${n}`, role, agencyCode, password: 'mật-khẩu-rất-dài-2026' });
      return { id, email, role, agency_code: agencyCode, ip: '203.0.113.9' };
    }

    before(async () => {
      handle = await openSeeded(target);
      db = handle.db;
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-imports-'));
      hni = await account('reception', 'HNI');
      hniOther = await account('officer', 'HNI');
      hcm = await account('head', 'HCM');
      central = await account('admin', null);
    });
    after(async () => {
      await closeAndDrop(handle);
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    // The timeout turns an upload that waited for its job (it would wait for the held read forever) into a failure.
    it('a dry run answers at once with a job, reports progress while it reads, and keeps the problems', { timeout: 30_000 }, async (t) => {
      const rows = Array.from({ length: 3000 }, (_, i) => csvRow({ debtor_name: `Lê Văn Tiến Độ ${i}`, judgment_number: `${i + 1}/2024/DS-ST` }));
      rows[2499] = csvRow({ judgment_date: '31/02/2023' }); // line 2501
      const text = [HEADER, ...rows].join('\n');
      assert.ok(Buffer.byteLength([HEADER, ...rows.slice(0, 1000)].join('\n')) > CHUNK, 'the first chunk holds fewer than 1,000 rows (progress counts every 1,000)');
      const read = holdFileRead(t);
      const id = await startImport(db, hni, upload('tien-do.csv', text), { dryRun: true, dataDir });
      try {
        // The upload's answer did not wait for the file to be read: the job runs, its progress moves chunk by chunk.
        await read.taken(1);
        assert.deepEqual(importProgress(id), { bytesRead: CHUNK, rows: 0 });
        const running = await getImportJob(db, hni, id);
        assert.equal(running.status, 'running');
        assert.deepEqual(running.progress, { bytesRead: CHUNK, rows: 0 });
        assert.equal(running.fileBytes, Buffer.byteLength(text));
        read.next(1);
        await read.taken(2);
        assert.equal(importProgress(id)?.bytesRead, 2 * CHUNK);
      } finally {
        read.release();
      }
      await importFinished(id);
      assert.equal(importProgress(id), undefined);
      const job = await getImportJob(db, hni, id);
      assert.equal(job.status, 'done');
      assert.equal(job.progress, null);
      assert.equal(job.rows, 3000);
      assert.equal(job.valid, 2999);
      assert.deepEqual(job.errors, [{ line: 2501, field: 'judgment_date', reason: 'date' }]);
      assert.equal(job.canCommit, false);
      assert.ok(!files().includes(`${id}.csv`), 'a file with problems is not kept');
      await assert.rejects(commitChecked(db, hni, id, dataDir), isJobError('not_clean'));
      assert.equal((await searchRegistry(db, { name: 'Lê Văn Tiến Độ 7' })).total, 0, 'nothing written');
    });

    it('a clean dry run is written once from the kept file, however often "write" is pressed', async () => {
      const rows = Array.from({ length: 40 }, (_, i) => csvRow({ debtor_name: `Trịnh Thị Một Lần ${String.fromCharCode(65 + (i % 26))}${i}`, judgment_number: `${i + 1}/2025/KDTM-ST` }));
      const checked = await startImport(db, hni, upload('mot-lan.csv', [HEADER, ...rows].join('\r\n')), { dryRun: true, dataDir });
      await importFinished(checked);
      const job = await getImportJob(db, hni, checked);
      assert.equal(job.errorCount, 0);
      assert.equal(job.canCommit, true);
      assert.deepEqual(await keptParts(checked), [0], 'kept for the commit, in the database (any instance may write it)');
      assert.ok(!files().includes(`${checked}.csv`), 'and not on this instance\'s disk');

      // A double click, and a colleague of the same agency at the same moment: one commit.
      const ids = await Promise.all([commitChecked(db, hni, checked, dataDir), commitChecked(db, hni, checked, dataDir), commitChecked(db, hniOther, checked, dataDir)]);
      assert.equal(new Set(ids).size, 1);
      await importFinished(ids[0]!);
      const commit = await getImportJob(db, hni, ids[0]!);
      assert.equal(commit.status, 'done');
      assert.equal(commit.dryRun, false);
      assert.equal(commit.committed, true);
      assert.equal(commit.inserted, 40);
      assert.equal(commit.checkedBy, checked);
      assert.equal((await getImportJob(db, hni, checked)).commitId, ids[0]);
      assert.equal(await commitChecked(db, hni, checked, dataDir), ids[0], 'later presses lead to the same commit');
      assert.deepEqual(await keptParts(checked), [], 'the file is deleted once written');
      assert.deepEqual(files(), [], 'and so is the working copy');
      assert.equal((await searchRegistry(db, { name: 'Trịnh Thị Một Lần A0' })).total, 1);
      const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'registry.import').execute();
      assert.equal(audit.length, 1);
    });

    it('shows a job to its agency and to central administrators only', async () => {
      const id = await startImport(db, hni, upload('pham-vi.csv', [HEADER, csvRow()].join('\n')), { dryRun: true, dataDir });
      await importFinished(id);
      assert.equal((await getImportJob(db, hniOther, id)).id, id);
      assert.equal((await getImportJob(db, central, id)).id, id);
      await assert.rejects(getImportJob(db, hcm, id), isJobError('not_found'));
      await assert.rejects(commitChecked(db, hcm, id, dataDir), isJobError('not_found'));
      await assert.rejects(getImportJob(db, hni, 'not-a-uuid'), isJobError('not_found'));
      assert.ok((await recentImports(db, hniOther)).some((r) => r.id === id));
      assert.ok(!(await recentImports(db, hcm)).some((r) => r.id === id));
    });

    it('refuses staff without a list to keep before saving anything', async () => {
      const before = files().length;
      const noAgency: RegistryActor = { ...hni, agency_code: null };
      await assert.rejects(startImport(db, noAgency, upload('x.csv', HEADER), { dryRun: true, dataDir }), (err) => err instanceof RegistryError && err.reason === 'forbidden');
      assert.equal(files().length, before);
    });

    it('fails jobs whose lease ran out, shows the progress another instance wrote while its lease holds, and deletes checked files nobody wrote after a day', async () => {
      const job = (id: string, lease: string | null) => ({
        id, staff_id: hni.id, staff_email: hni.email, agency_code: 'HNI', file_name: 'dung.csv', file_bytes: 10_000, dry_run: true, status: 'running' as const,
        instance_id: lease ? 'may-khac:4242:abcd' : null, lease_until: lease ? new Date(lease) : null, bytes_read: 4096, rows: 1000,
      });
      await db
        .insertInto('registry_imports')
        .values([
          job('00000000-0000-4000-8000-000000000001', null), // left running before leases existed
          job('00000000-0000-4000-8000-000000000002', '2026-11-23T01:59:59Z'), // its instance stopped renewing
          job('00000000-0000-4000-8000-000000000003', '2026-11-23T02:00:30Z'), // another instance is reading it
        ])
        .execute();
      const at = new Date('2026-11-23T02:00:00Z');
      const other = await getImportJob(db, hni, '00000000-0000-4000-8000-000000000003', at);
      assert.deepEqual(other.progress, { bytesRead: 4096, rows: 1000 }, 'the progress of a file read elsewhere comes from the row');
      assert.equal(await failExpiredImports(db, at), 2);
      for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']) {
        const stopped = await getImportJob(db, hni, id, at);
        assert.equal(stopped.status, 'failed');
        assert.equal(stopped.failure, 'interrupted');
        assert.equal(stopped.progress, null);
        assert.deepEqual(stopped.finishedAt, new Date('2026-11-23T02:00:00Z'));
      }
      assert.equal((await getImportJob(db, hni, '00000000-0000-4000-8000-000000000003', at)).status, 'running', 'a live lease survives');
      assert.equal(await failExpiredImports(db, new Date('2026-11-23T02:00:30Z')), 0, 'the lease holds up to its last millisecond');
      // Past its lease and not yet swept, the job page already says it was interrupted (no progress to show).
      assert.equal((await getImportJob(db, hni, '00000000-0000-4000-8000-000000000003', new Date('2026-11-23T02:00:30.001Z'))).progress, null);
      assert.equal(await failExpiredImports(db, new Date('2026-11-23T02:00:30.001Z')), 1);
      assert.equal(await failExpiredImports(db, new Date('2026-11-23T03:00:00Z')), 0, 'finished jobs are left alone');

      const old = await startImport(db, hni, upload('cu.csv', [HEADER, csvRow({ judgment_number: '9/2020/DS-ST' })].join('\n')), { dryRun: true, dataDir });
      const fresh = await startImport(db, hni, upload('moi.csv', [HEADER, csvRow({ judgment_number: '10/2020/DS-ST' })].join('\n')), { dryRun: true, dataDir });
      await Promise.all([importFinished(old), importFinished(fresh)]);
      // Checked at 08:00 and at 09:30 on 22 November; kept 24 hours.
      const checkedAt = (id: string, iso: string) => db.updateTable('registry_imports').set({ finished_at: new Date(iso) }).where('id', '=', id).execute();
      await checkedAt(old, '2026-11-22T08:00:00Z');
      await checkedAt(fresh, '2026-11-22T09:30:00Z');
      // A working copy left behind by a process stopped mid-read on 22 November at 07:00.
      const leftover = path.join(dataDir, 'imports', '00000000-0000-4000-8000-0000000000ff.csv');
      fs.writeFileSync(leftover, HEADER);
      fs.utimesSync(leftover, Date.parse('2026-11-22T07:00:00Z') / 1000, Date.parse('2026-11-22T07:00:00Z') / 1000);
      assert.equal(await purgeImportFiles(db, dataDir, Date.parse('2026-11-23T08:00:00Z')), 1, 'exactly 24 hours: the checked file is still kept');
      assert.ok(!fs.existsSync(leftover));
      assert.deepEqual(await keptParts(old), [0]);
      assert.equal(await purgeImportFiles(db, dataDir, Date.parse('2026-11-23T08:00:00.001Z')), 1);
      assert.deepEqual(await keptParts(old), []);
      assert.deepEqual(await keptParts(fresh), [0]);
      assert.equal((await getImportJob(db, hni, old)).canCommit, false);
      await assert.rejects(commitChecked(db, hni, old, dataDir), isJobError('file_gone'));
    });

    it('holds a running import by a lease its heartbeat renews; once another instance fails it, the reader writes nothing', { timeout: 30_000 }, async (t) => {
      const file = () => upload('thue.csv', [HEADER, csvRow({ debtor_name: 'Đỗ Thị Hợp Đồng', judgment_number: '77/2025/DS-ST' })].join('\n'));
      const clean = await startImport(db, hni, file(), { dryRun: true, dataDir });
      await importFinished(clean);
      let now = new Date('2026-11-24T03:00:00Z');
      const read = holdFileRead(t);
      // A commit on PostgreSQL. PGlite is one connection, which the commit's transaction holds while it reads (the
      // heartbeat waits for it; one process owns an embedded database anyway): there, a dry run.
      const id = target.name === 'postgres' ? await commitChecked(db, hni, clean, dataDir, () => now) : await startImport(db, hni, file(), { dryRun: true, dataDir, clock: () => now });
      const row = () => db.selectFrom('registry_imports').select(['status', 'failure', 'instance_id', 'lease_until', 'bytes_read', 'committed', 'inserted']).where('id', '=', id).executeTakeFirstOrThrow();
      try {
        await read.taken(1);
        let r = await row();
        assert.equal(r.instance_id, instanceId);
        assert.deepEqual(new Date(r.lease_until!), new Date('2026-11-24T03:00:30Z'));
        // Another instance starting 29 s later leaves the job alone.
        assert.equal(await failExpiredImports(db, new Date('2026-11-24T03:00:29Z')), 0);

        now = new Date('2026-11-24T03:00:20Z');
        assert.equal(await renewImportLeases(), 1);
        r = await row();
        assert.deepEqual(new Date(r.lease_until!), new Date('2026-11-24T03:00:50Z'), 'the heartbeat extends the lease');
        assert.ok(Number(r.bytes_read) > 0, 'and writes the progress for the other instances');
        assert.equal(await failExpiredImports(db, new Date('2026-11-24T03:00:45Z')), 0, 'renewed: past the first lease, still held');

        // This process stalls beyond its lease: another instance declares the job interrupted.
        assert.equal(await failExpiredImports(db, new Date('2026-11-24T03:00:50.001Z')), 1);
        assert.equal(await renewImportLeases(), 0, 'the heartbeat finds its lease gone');
      } finally {
        read.release();
      }
      await importFinished(id);
      const r = await row();
      assert.equal(r.status, 'failed');
      assert.equal(r.failure, 'interrupted');
      assert.equal(r.committed, null);
      const found = await searchRegistry(db, { name: 'Đỗ Thị Hợp Đồng' });
      assert.equal(found.total, 0, 'nothing written by a reader that lost its lease');
    });
  });
}
