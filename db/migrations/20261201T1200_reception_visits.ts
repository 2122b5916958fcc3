import { sql, type Kysely } from 'kysely';

// The citizen reception log (tiếp công dân): one row per in-person visit, linked to the petition it produced and to
// the earlier visit on the same matter.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reception_visits')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('visited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('regular', 'head_periodic', 'head_adhoc')`))
    .addColumn('citizen_name', 'text', (c) => c.notNull())
    .addColumn('citizen_id_number', 'text')
    .addColumn('citizen_address', 'text', (c) => c.notNull())
    .addColumn('citizen_phone', 'text')
    .addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(1).check(sql`headcount between 1 and 1000`))
    .addColumn('representatives', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('complaint', 'denunciation', 'recommendation', 'guidance', 'other')`))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('guided', 'petition_received', 'forwarded', 'refused')`))
    .addColumn('dossier_id', 'bigint', (c) => c.references('dossiers.id'))
    .addColumn('forwarded_to', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('received_by', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('earlier_visit_id', 'bigint', (c) => c.references('reception_visits.id'))
    .addColumn('created_by', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('reception_visits_outcome_detail', sql`(outcome <> 'petition_received' or dossier_id is not null) and (outcome <> 'forwarded' or forwarded_to is not null) and (outcome <> 'refused' or refusal_reason is not null)`)
    .addCheckConstraint('reception_visits_not_self', sql`earlier_visit_id is null or earlier_visit_id <> id`)
    .execute();
  // What the log's search compares against: name, ID number and matter, folded like every other search.
  await sql`alter table reception_visits add column search_text text generated always as (search_fold(citizen_name || ' ' || coalesce(citizen_id_number, '') || ' ' || subject)) stored`.execute(db);
  await sql`create index reception_visits_search_idx on reception_visits using gin (search_text gin_trgm_ops)`.execute(db);
  // The list's order (newest first) and keyset, per agency.
  await sql`create index reception_visits_list_idx on reception_visits (agency_code, visited_at desc, id desc)`.execute(db);
  await sql`create index reception_visits_earlier_idx on reception_visits (earlier_visit_id) where earlier_visit_id is not null`.execute(db);
  await sql`create index reception_visits_dossier_idx on reception_visits (dossier_id) where dossier_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reception_visits').execute();
}
