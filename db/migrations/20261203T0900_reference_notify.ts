import { sql, type Kysely } from 'kysely';

// Every change to the reference data the portal keeps in memory (src/server/reference-cache.ts) is announced on the
// channel `thads_reference`, with the table's name, by the database itself: whoever writes (an administrator, the
// seed, another instance, a tool), every instance hears it at commit.
const TABLES = ['agencies', 'calendar_days'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function thads_notify_reference() returns trigger language plpgsql as $$
    begin
      perform pg_notify('thads_reference', tg_table_name);
      return null;
    end
    $$`.execute(db);
  for (const table of TABLES) {
    await sql`create trigger ${sql.raw(`${table}_notify_reference`)} after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function thads_notify_reference()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await sql`drop trigger ${sql.raw(`${table}_notify_reference`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function thads_notify_reference()`.execute(db);
}
