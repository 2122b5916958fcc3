import { sql, type Kysely } from 'kysely';

// A PDF with scripts, automatic actions or embedded files is accepted from the citizen and flagged, so the dossier
// page warns staff to open it only in a safe viewer (src/server/dossiers/pdf-active-content.ts decides).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table attachments add column active_content boolean not null default false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table attachments drop column active_content`.execute(db);
}
