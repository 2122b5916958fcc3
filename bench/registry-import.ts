// `npm run bench:registry-import`: a large CSV import of the public list as staff run it (src/server/registry/import-jobs.ts)
// on PostgreSQL (DATABASE_URL's server, default local), in a throw-away database: N generated entries (default 150,000,
// the realistic rows of bench/registry-data.ts, all agencies, so a central administrator imports them) are uploaded,
// checked (dry run) and written from the checked file. Prints the file size, the time to save the upload, the check's
// and the write's duration and rows per second, and the progress the job page would have shown each second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedReferenceData } from '../db/seed/index.ts';
import { createStaffUser } from '../src/server/auth/staff.ts';
import { openPostgres } from '../src/server/db.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import { entryFields } from '../src/server/registry/admin.ts';
import { commitChecked, getImportJob, importFinished, importProgress, startImport } from '../src/server/registry/import-jobs.ts';
import { searchKey } from '../src/server/search-key.ts';
import { todayInVietnam } from '../src/server/validation/dates.ts';
import { registryRow } from './registry-data.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '150000' }, seed: { type: 'string', default: '7' } } });
const n = Number(values.entries);
const database = await throwawayDatabase('thads_bench_import');
const handle = openPostgres(database.url);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thads-bench-import-'));

const cell = (v: string | null) => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** N rows a clean file would hold: the generator's entries still published, no date after today, nobody twice. */
function csv(): string {
  const today = todayInVietnam();
  const lines = [entryFields.join(',')];
  const seen = new Set<string>();
  for (let i = 0; lines.length <= n; i++) {
    const row = registryRow(Number(values.seed), i);
    if (row.removed_on || [row.judgment_date, row.decision_date, row.verified_on, row.published_on].some((d) => d > today)) continue;
    const key = [row.agency_code, row.decision_number.toUpperCase(), row.decision_date, searchKey(row.debtor_name)].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(entryFields.map((f) => cell(row[f] ?? null)).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Runs a job to its end, sampling its progress every second as the job page polls it. */
async function follow(id: string): Promise<{ seconds: number; samples: string[] }> {
  const t = performance.now();
  const samples: string[] = [];
  const timer = setInterval(() => {
    const p = importProgress(id);
    if (p) samples.push(`${Math.round(p.rows / 1000)}k`);
  }, 1000);
  await importFinished(id);
  clearInterval(timer);
  return { seconds: (performance.now() - t) / 1000, samples };
}

try {
  await migrateToLatest(handle.db);
  await seedReferenceData(handle.db);
  const staffId = await createStaffUser(handle.db, { email: 'bench.import@thads.gov.vn', fullName: 'Quản Trị Thử', role: 'admin', agencyCode: null, password: 'mật-khẩu-đo-hiệu-năng-2026' });
  const actor = { id: staffId, email: 'bench.import@thads.gov.vn', role: 'admin' as const, agency_code: null };
  const text = csv();
  const mb = Buffer.byteLength(text) / 1024 / 1024;

  const t0 = performance.now();
  const checked = await startImport(handle.db, actor, { name: 'danh-sach.csv', stream: new Blob([text]).stream() }, { dryRun: true, dataDir });
  const saved = (performance.now() - t0) / 1000;
  const check = await follow(checked);
  const dry = await getImportJob(handle.db, actor, checked);
  if (dry.errorCount > 0) throw new Error(`the generated file has ${dry.errorCount} problems, e.g. ${JSON.stringify(dry.errors.slice(0, 3))}`);
  const commit = await commitChecked(handle.db, actor, checked, dataDir);
  const write = await follow(commit);
  const done = await getImportJob(handle.db, actor, commit);
  if (!done.committed) throw new Error(`the write did not commit: ${done.failure ?? JSON.stringify(done.errors.slice(0, 3))}`);

  console.log(`${n.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB; Node ${process.version}; ${os.cpus().length} cores`);
  console.log('| step | seconds | rows/s | progress seen each second |');
  console.log('|---|---:|---:|---|');
  console.log(`| upload saved to disk | ${saved.toFixed(2)} | – | – |`);
  console.log(`| check (dry run) | ${check.seconds.toFixed(1)} | ${Math.round(n / check.seconds).toLocaleString('en-US')} | ${check.samples.join(' ') || '–'} |`);
  console.log(`| write (one transaction, every index) | ${write.seconds.toFixed(1)} | ${Math.round(n / write.seconds).toLocaleString('en-US')} | ${write.samples.join(' ') || '–'} |`);
} finally {
  await handle.close();
  await database.finish();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
