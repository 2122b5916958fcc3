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
  // Sign-in attempts whose password is being checked, counted apart from failures (src/server/auth/throttle.ts).
  await sql`alter table signin_failures add column in_flight integer not null default 0, add column in_flight_at timestamptz`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table signin_failures drop column if exists in_flight, drop column if exists in_flight_at`.execute(db);
  await sql`drop table if exists rate_limits`.execute(db);
}
