import { sql, type Kysely } from 'kysely';

// The queue's two sort orders (src/server/dossiers/queue.ts), so a page is an index range scan, not a sort of every
// dossier in scope; with keyset cursors page 1,000 costs what page 1 does.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index dossiers_queue_due_idx on dossiers ((coalesce(due_date, 'infinity'::date)), submitted_at, id)`.execute(db);
  await sql`create index dossiers_queue_submitted_idx on dossiers (submitted_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists dossiers_queue_submitted_idx`.execute(db);
  await sql`drop index if exists dossiers_queue_due_idx`.execute(db);
}
