import { sql, type Kysely } from 'kysely';

// Abuse limits shared by every instance (src/server/ratelimit.ts). Unlogged: the counters are worth a write-ahead log
// entry on every hit to nobody; after a crash PostgreSQL empties the table, which forgives at most one window.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unlogged table rate_limits (
    key bytea primary key,
    hits bigint[] not null,
    allowed boolean not null,
    expires_at bigint not null
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists rate_limits`.execute(db);
}
