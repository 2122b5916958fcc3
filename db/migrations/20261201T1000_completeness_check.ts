import { sql, type Kysely } from 'kysely';

// The day by which reception owes its completeness check of a dossier waiting to be received (status 'submitted'):
// set on submission and on each supplement, cleared when the dossier leaves that status (src/server/dossiers/
// transition.ts). Stored, like due_date, so the queue can find and sort the late ones with an index.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dossiers').addColumn('check_due_date', 'date').execute();
  // Dossiers already waiting: one weekday after the day they last entered the wait (holidays are not known to SQL;
  // the next submission or supplement recomputes with the calendar).
  await sql`
    update dossiers d set check_due_date = (
      select (w.day + case extract(isodow from w.day) when 5 then 3 when 6 then 2 else 1 end)::date
      from (select (coalesce(
        (select max(e.at) from dossier_events e where e.dossier_id = d.id and e.action = 'supplement'),
        d.submitted_at
      ) at time zone 'Asia/Ho_Chi_Minh')::date as day) w
    )
    where d.status = 'submitted'`.execute(db);
  await sql`create index dossiers_check_due_idx on dossiers (check_due_date) where status = 'submitted'`.execute(db);
  // The queue's "what is owed first" order now includes the completeness check (src/server/dossiers/queue.ts).
  await sql`drop index if exists dossiers_queue_due_idx`.execute(db);
  await sql`create index dossiers_queue_owed_idx on dossiers ((coalesce(due_date, check_due_date, 'infinity'::date)), submitted_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists dossiers_queue_owed_idx`.execute(db);
  await sql`create index dossiers_queue_due_idx on dossiers ((coalesce(due_date, 'infinity'::date)), submitted_at, id)`.execute(db);
  await sql`drop index if exists dossiers_check_due_idx`.execute(db);
  await db.schema.alterTable('dossiers').dropColumn('check_due_date').execute();
}
