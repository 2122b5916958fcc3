// `npm run bench:queue`: the back-office queue at scale on PostgreSQL (DATABASE_URL's server, default local):
// N dossiers (default 200,000) in a fresh database, then listQueue for the first page, a page deep into the queue
// (keyset cursor), a name search without diacritics, an overdue filter and the status counts — p50/p95 over R runs.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { seedReferenceData } from '../db/seed/index.ts';
import { openPostgres } from '../src/server/db.ts';
import { countByStatus, listQueue, type QueueFilter } from '../src/server/dossiers/queue.ts';
import { queueQueryFromParams } from '../src/server/dossiers/queue-params.ts';
import { migrateToLatest } from '../src/server/migrate.ts';
import { throwawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({ options: { dossiers: { type: 'string', default: '200000' }, runs: { type: 'string', default: '30' } } });
const n = Number(values.dossiers);
const runs = Number(values.runs);
const database = await throwawayDatabase('thads_bench_queue');
const handle = openPostgres(database.url);
const { db } = handle;

try {
  await migrateToLatest(db);
  await seedReferenceData(db);
  const t0 = performance.now();
  // Realistic spread: 34 provinces (Hà Nội heaviest), every status, due dates around today, Vietnamese names.
  await sql`
    insert into dossiers (code, procedure_code, agency_code, status, channel, locale, applicant_name, applicant_id_number,
      applicant_phone, applicant_address, data, pin_hash, idempotency_key, submitted_at, received_at, due_date, check_due_date)
    select
      lpad((i % 99 + 1)::text, 2, '0') || '-' || to_char(now() - (i % 400) * interval '1 day', 'YYMMDD') || '-' || upper(substr(md5(i::text), 1, 6)),
      (array['YCTHA','XNKQ','DCHV','MGCPCC','MGPTHA'])[i % 5 + 1],
      case when i % 3 = 0 then 'HNI' else (select code from agencies where kind = 'provincial' order by code offset (i % 34) limit 1) end,
      (array['submitted','received','in_progress','awaiting_supplement','awaiting_approval','result_ready','returned','refused'])[i % 8 + 1],
      'online', 'vi',
      (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi'])[i % 8 + 1] || ' ' || (array['Văn','Thị','Minh','Quốc'])[i % 4 + 1] || ' ' || (array['Hùng','Lan','Mai','Bảo','Đức','Hà','Nam','Ánh','Thu'])[i % 9 + 1],
      lpad((i * 7919 % 1000000000000)::text, 12, '0'), '0912345678', 'Hà Nội', '{}'::jsonb, 'x', 'bench-' || i,
      now() - (i % 400) * interval '1 day',
      -- Waiting to be received (status 1 of 8): no receipt nor due date, but reception's completeness check.
      case when i % 8 = 0 then null else now() - (i % 400) * interval '1 day' + interval '1 day' end,
      case when i % 8 = 0 then null else (current_date + ((i % 60) - 30)) end,
      case when i % 8 = 0 then (current_date + ((i % 6) - 3)) else null end
    from generate_series(1, ${n}) as i
  `.execute(db);
  await sql`analyze dossiers`.execute(db);
  console.log(`${n.toLocaleString('vi-VN')} dossiers inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s (PostgreSQL, database ${database.name})`);

  const viewer = { role: 'reception' as const, agencyCode: 'HNI', staffId: 1 };
  const central = { role: 'admin' as const, agencyCode: null, staffId: 1 };
  // A cursor 200 pages into Hà Nội's open queue.
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) cursor = (await listQueue(db, viewer, { cursor: cursor ?? undefined })).nextCursor;
  const open = queueQueryFromParams(new URLSearchParams()).filter;
  const cases: [string, typeof viewer | typeof central, QueueFilter | 'counts'][] = [
    ['Hà Nội, the queue page as it opens (open dossiers, owed first)', viewer, open],
    ['Hà Nội, page 1, every status, owed first', viewer, {}],
    ['Hà Nội, page 201 (keyset)', viewer, { cursor: cursor ?? undefined }],
    ['Hà Nội, by submission date', viewer, { sort: 'submitted' }],
    ['Hà Nội, search "nguyen van hung"', viewer, { q: 'nguyen van hung' }],
    ['Hà Nội, overdue (late results and late completeness checks)', viewer, { overdue: true }],
    ['central admin, page 1, all agencies', central, {}],
    ['Hà Nội, counts per status', viewer, 'counts'],
  ];
  console.log(`| query (${runs} runs) | p50 ms | p95 ms | rows |`);
  console.log('|---|---:|---:|---:|');
  for (const [label, who, filter] of cases) {
    const times: number[] = [];
    let rows = 0;
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      if (filter === 'counts') rows = Object.keys(await countByStatus(db, who)).length;
      else rows = (await listQueue(db, who, filter)).rows.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    console.log(`| ${label} | ${pct(0.5)} | ${pct(0.95)} | ${rows} |`);
  }
} finally {
  await handle.close();
  await database.finish();
}
