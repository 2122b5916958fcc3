import { sql, type Kysely } from 'kysely';

// CSV imports of the public list run as jobs: the upload is answered at once with a page that shows the progress
// while the file is read (src/server/registry/import-jobs.ts); the outcome stays here for the staff who ran it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('staff_email', 'text', (c) => c.notNull())
    // The uploader's agency (null: a central administrator), which decides who else may see the job.
    .addColumn('agency_code', 'text', (c) => c.references('agencies.code'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull())
    // A commit writes the file its dry run checked; one commit per dry run (a double click does not import twice).
    .addColumn('checked_by', 'uuid', (c) => c.unique().references('registry_imports.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('rows', 'integer')
    .addColumn('valid', 'integer')
    .addColumn('error_count', 'integer')
    // The first problems (JSON array of { line, field?, reason }).
    .addColumn('errors', 'text')
    .addColumn('committed', 'boolean')
    .addColumn('inserted', 'integer')
    .addColumn('failure', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`create index registry_imports_recent on registry_imports (agency_code, created_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_imports').execute();
}
