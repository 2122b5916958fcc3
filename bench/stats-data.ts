// Bulk data for `bench/stats.ts`: N one-stop dossiers with their timelines, written by the database itself
// (INSERT … SELECT generate_series), so 200,000 dossiers and ~800,000 events load in seconds. Consistent enough for
// the statistics queries, not a realistic history (bench/… demo history is another generator's job):
// - every agency (provincial and regional) gets dossiers, the six one-stop procedures in turn, 70 % online;
// - 70 % returned, received 25–465 days ago, the result 1–20 days after receipt against a due date 14 days after it
//   (so about two thirds on time), handed over the next day; every tenth re-dated by apology (+7 days; one in two
//   of those late); every tenth received again after a supplement request;
// - the rest open (received, in progress, awaiting the head, awaiting a supplement, waiting to be received) within
//   the last 30 days, some of them overdue.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/server/schema.ts';

const PROCEDURES = ['YCTHA', 'XNKQ', 'DCHV', 'MGCPCC', 'MGPTHA', 'DCDS'];

/** Loads `n` dossiers and their events; returns the number of events. */
export async function loadStatsData(db: Kysely<Database>, n: number): Promise<number> {
  const agencies = (await db.selectFrom('agencies').select('code').orderBy('code').execute()).map((a) => a.code);
  await sql`
    insert into dossiers (code, procedure_code, agency_code, status, channel, locale, applicant_name, applicant_id_number,
      applicant_phone, applicant_address, data, pin_hash, idempotency_key, submitted_at, received_at, due_date, closed_at)
    select 'BS-' || lpad(i::text, 9, '0'),
      (${PROCEDURES}::text[])[i % ${PROCEDURES.length} + 1],
      (${agencies}::text[])[(i * 7) % ${agencies.length} + 1],
      status, case when i % 10 < 7 then 'online' else 'counter' end, 'vi',
      'Người Nộp ' || i, lpad((i * 7919 % 1000000000000)::text, 12, '0'), '0912345678', 'Hà Nội', '{}'::jsonb, 'x', 'bench-stats-' || i,
      r - interval '1 day',
      case when status = 'submitted' then null else r end,
      case when status in ('submitted', 'awaiting_supplement') then null
           else (r + interval '14 days' + case when i % 10 = 3 then interval '7 days' else interval '0 days' end)::date end,
      case when status = 'returned' then r + ((i * 31) % 20 + 2) * interval '1 day' end
    from (
      select i,
        case when i % 20 < 14 then 'returned'
             else (array['received', 'in_progress', 'in_progress', 'awaiting_approval', 'awaiting_supplement', 'submitted'])[i % 20 - 13] end as status,
        case when i % 20 < 14 then now() - ((i * 7919) % 440 + 25) * interval '1 day' - (i % 600) * interval '1 minute'
             else now() - (i % 30) * interval '1 day' - (i % 600) * interval '1 minute' end as r
      from generate_series(1, ${n}) as i
    ) g`.execute(db);
  const events = await sql<{ n: number }>`
    with d as (select id, status, received_at, closed_at, due_date, substr(code, 4)::int as i from dossiers where code like 'BS-%'),
    e as (
      select id as dossier_id, received_at - interval '4 days' as at, 'receive' as action, 'received' as to_status, null::jsonb as data from d where i % 10 = 5 and received_at is not null
      union all select id, received_at - interval '3 days', 'request_supplement', 'awaiting_supplement', null from d where i % 10 = 5 and received_at is not null
      union all select id, received_at - interval '1 day', 'supplement', 'submitted', null from d where i % 10 = 5 and received_at is not null
      union all select id, received_at, 'receive', 'received', null from d where received_at is not null
      union all select id, received_at + interval '1 hour', 'assign', 'in_progress', null from d where status not in ('submitted', 'received', 'awaiting_supplement')
      union all select id, received_at + interval '10 days', 'apologise', 'in_progress',
        jsonb_build_object('previousDueDate', due_date - 7, 'newDueDate', due_date, 'late', i % 20 = 3) from d where i % 10 = 3 and status = 'returned'
      union all select id, closed_at - interval '1 day', 'record_result', 'result_ready', null from d where status = 'returned'
      union all select id, closed_at, 'return_result', 'returned', null from d where status = 'returned'
    )
    insert into dossier_events (dossier_id, at, actor_kind, action, to_status, data)
    select dossier_id, at, 'system', action, to_status, data from e order by dossier_id, at`.execute(db);
  return Number(events.numAffectedRows ?? 0);
}
