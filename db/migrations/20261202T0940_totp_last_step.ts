import { sql, type Kysely } from 'kysely';

// The last 30-second step whose code an account used, so that a code is accepted once whichever instance sees it
// (it was kept in each process's memory: a code seen over a shoulder could be replayed on another instance).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table staff_users add column totp_last_step bigint`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table staff_users drop column totp_last_step`.execute(db);
}
