import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('online', 'counter')`))
    .addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('vi', 'en')`))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_id_number', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text', (c) => c.notNull())
    .addColumn('applicant_email', 'text')
    .addColumn('applicant_address', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('received_at', 'timestamptz')
    .addColumn('due_date', 'date')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('dossiers_agency_status_idx').on('dossiers').columns(['agency_code', 'status', 'due_date']).execute();
  await db.schema.createIndex('dossiers_procedure_idx').on('dossiers').columns(['procedure_code', 'submitted_at']).execute();

  // The append-only timeline: every change of a dossier, who made it, and what the citizen is told.
  await db.schema
    .createTable('dossier_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dossier_id', 'bigint', (c) => c.notNull().references('dossiers.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('citizen', 'staff', 'system')`))
    .addColumn('actor_id', 'bigint')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('public_note', 'text')
    .addColumn('internal_note', 'text')
    .addColumn('data', 'jsonb')
    .execute();
  await db.schema.createIndex('dossier_events_dossier_idx').on('dossier_events').columns(['dossier_id', 'id']).execute();

  // A form being filled in: its validated answers and uploads live here until it is submitted (or expires).
  await db.schema
    .createTable('dossier_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb')
    .addColumn('dossier_id', 'bigint', (c) => c.references('dossiers.id'))
    // Kept only until the draft expires, so a refreshed confirmation page can show it again.
    .addColumn('pin', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossier_drafts_expires_idx').on('dossier_drafts').column('expires_at').execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dossier_id', 'bigint', (c) => c.references('dossiers.id'))
    .addColumn('draft_id', 'text', (c) => c.references('dossier_drafts.id').onDelete('cascade'))
    .addColumn('event_id', 'bigint', (c) => c.references('dossier_events.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('application/pdf', 'image/jpeg', 'image/png')`))
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('attachments_owner', sql`dossier_id is not null or draft_id is not null`)
    .execute();
  await db.schema.createIndex('attachments_dossier_idx').on('attachments').column('dossier_id').execute();
  await db.schema.createIndex('attachments_draft_idx').on('attachments').column('draft_id').execute();

  // Every e-mail, written in the transaction of the change that caused it; a worker sends it.
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dossier_id', 'bigint', (c) => c.references('dossiers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('mail_outbox_pending_idx')
    .on('mail_outbox')
    .column('next_attempt_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['mail_outbox', 'attachments', 'dossier_drafts', 'dossier_events', 'dossiers']) {
    await db.schema.dropTable(table).execute();
  }
}
