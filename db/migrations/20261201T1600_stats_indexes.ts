import { sql, type Kysely } from 'kysely';

// The statistics (src/server/stats/one-stop.ts) read, for every dossier returned in the period, the day its result
// was given and whether an apology was made late: two small partial indexes instead of each dossier's whole timeline.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index dossier_events_result_ready_idx on dossier_events (dossier_id, at) where to_status = 'result_ready'`.execute(db);
  await sql`create index dossier_events_late_apology_idx on dossier_events (dossier_id) where action = 'apologise' and (data->>'late') = 'true'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists dossier_events_late_apology_idx`.execute(db);
  await sql`drop index if exists dossier_events_result_ready_idx`.execute(db);
}
