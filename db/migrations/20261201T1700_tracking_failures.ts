import { sql, type Kysely } from 'kysely';

// Wrong tracking PINs counted per dossier code, shared by every instance (src/server/dossiers/pin-lockout.ts). Keyed
// by the code as typed (normalised), not by the dossier: a well-formed code that no dossier has is counted and
// locked like a real one, so a lock says nothing about whether the code exists. Logged, not unlogged: a crash must
// not hand an attacker a fresh set of guesses.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tracking_failures')
    .addColumn('code', 'text', (c) => c.primaryKey())
    // Wrong PINs since the last lock ended (or since the first failure).
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
    // Locks so far: each lasts twice as long as the one before.
    .addColumn('locks', 'integer', (c) => c.notNull().defaultTo(0).check(sql`locks >= 0`))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tracking_failures').ifExists().execute();
}
