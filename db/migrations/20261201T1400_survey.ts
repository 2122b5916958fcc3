import { sql, type Kysely } from 'kysely';

// The satisfaction survey (one response per dossier, its answers per criterion) and the anonymous general feedback.
// No personal data: a response points to its dossier (heads may trace a figure to it), and copies the facts the
// statistics group by, so they never need the dossier's row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    // The single use of the link: a second submission of the same dossier finds its row and adds nothing.
    .addColumn('dossier_id', 'bigint', (c) => c.notNull().unique().references('dossiers.id'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('lifecycle_kind', 'text', (c) => c.notNull().check(sql`lifecycle_kind in ('one-stop', 'complaint', 'denunciation')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'counter')`))
    .addColumn('helped_by', 'text', (c) => c.notNull().check(sql`helped_by in ('none', 'staff', 'family', 'other')`))
    .addColumn('comment', 'text', (c) => c.check(sql`char_length(comment) <= 2000`))
    // The criteria set the questions came from (its effective date).
    .addColumn('criteria_from', 'date', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Figures by agency and period, and the heads' newest-first list (keyset on submitted_at, id).
  await sql`create index survey_responses_agency_idx on survey_responses (agency_code, submitted_at desc, id desc)`.execute(db);
  await sql`create index survey_responses_period_idx on survey_responses (submitted_at)`.execute(db);

  await db.schema
    .createTable('survey_answers')
    .addColumn('response_id', 'bigint', (c) => c.notNull().references('survey_responses.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('aspect', 'text', (c) => c.notNull().check(sql`aspect in ('process', 'outcome')`))
    .addColumn('value', 'smallint', (c) => c.notNull().check(sql`value between 0 and 5`))
    .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'criterion_id'])
    .execute();
  // The per-criterion aggregate reads answers of the responses in scope through the primary key; this one serves a
  // criterion's drill-down (which responses gave it a level).
  await sql`create index survey_answers_criterion_idx on survey_answers (criterion_id, value, response_id)`.execute(db);

  await db.schema
    .createTable('general_feedback')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('agency_code', 'text', (c) => c.references('agencies.code'))
    .addColumn('topic', 'text', (c) => c.notNull().check(sql`topic in ('portal', 'procedure', 'staff', 'suggestion', 'other')`))
    .addColumn('rating', 'smallint', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('message', 'text', (c) => c.notNull().check(sql`char_length(message) between 1 and 2000`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('vi', 'en')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index general_feedback_created_idx on general_feedback (created_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('general_feedback').execute();
  await db.schema.dropTable('survey_answers').execute();
  await db.schema.dropTable('survey_responses').execute();
}
