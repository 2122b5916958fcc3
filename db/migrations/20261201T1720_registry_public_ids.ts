import { sql, type Kysely } from 'kysely';

// Entry pages were addressed by the sequential primary key, so a script could walk the whole public list page by
// page. Each entry gets an unguessable public id instead: 80 random bits as 20 lowercase hex characters, from the
// random bytes of a version 4 UUID (bytes 6 and 8 carry its version and variant and are left out). As the column's
// default, every insert (import, staff entry, demo seed) gets one, and the ALTER fills the existing rows in the same
// single statement (about 4 s at 1,000,000 rows on PostgreSQL 15). gen_random_uuid() is core since PostgreSQL 13, so
// neither pgcrypto nor a PGlite extension is needed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function registry_public_id() returns text language sql volatile parallel safe as $$
      select encode(substr(b, 1, 6) || substr(b, 10, 4), 'hex') from (select uuid_send(gen_random_uuid()) as b) as r
    $$`.execute(db);
  await sql`alter table registry_entries add column public_id text not null default registry_public_id()`.execute(db);
  await sql`create unique index registry_entries_public_id on registry_entries (public_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table registry_entries drop column public_id`.execute(db);
  await sql`drop function registry_public_id()`.execute(db);
}
