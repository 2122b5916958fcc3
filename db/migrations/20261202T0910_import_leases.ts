import { sql, type Kysely } from 'kysely';

// Several instances share one database: a running import is held by a lease its instance renews while it reads the
// file (src/server/registry/import-jobs.ts), so another instance's start fails only jobs whose lease ran out, and its
// progress is kept in the row, where any instance's job page reads it. A clean dry run's file is kept here too, in
// parts, so that the commit can run on any instance, whatever disk the upload landed on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_import_files')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('registry_imports.id').onDelete('cascade'))
    .addColumn('part', 'integer', (c) => c.notNull())
    // Base64 text, not bytea: PGlite takes a 1 MB bytea parameter in about 1.5 s, the same bytes as text in 0.1 s.
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_import_files_pk', ['import_id', 'part'])
    .execute();
  await sql`alter table registry_imports add column instance_id text`.execute(db);
  await sql`alter table registry_imports add column lease_until timestamptz`.execute(db);
  await sql`alter table registry_imports add column bytes_read bigint not null default 0`.execute(db);
  // Jobs left running before leases existed have none: they are failed by the first sweep.
  await sql`create index registry_imports_leases on registry_imports (lease_until) where status = 'running'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index registry_imports_leases`.execute(db);
  await sql`alter table registry_imports drop column bytes_read`.execute(db);
  await sql`alter table registry_imports drop column lease_until`.execute(db);
  await sql`alter table registry_imports drop column instance_id`.execute(db);
  await db.schema.dropTable('registry_import_files').execute();
}
