import { sql, type Kysely } from 'kysely';

// Sign-in throttling shared by every instance (src/server/auth/throttle.ts): failed attempts per account and per
// address, and the clients an account signed in from before (hashed), which may pass the account's delay.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table signin_failures (
    key text primary key,
    failures integer not null default 0,
    first_failure_at timestamptz not null,
    last_failure_at timestamptz not null
  )`.execute(db);
  await sql`create index signin_failures_last_idx on signin_failures (last_failure_at)`.execute(db);
  await sql`create table staff_known_clients (
    user_id bigint not null references staff_users(id) on delete cascade,
    kind text not null check (kind in ('address', 'device')),
    hash bytea not null,
    last_seen_at timestamptz not null,
    primary key (user_id, kind, hash)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists staff_known_clients`.execute(db);
  await sql`drop table if exists signin_failures`.execute(db);
}
