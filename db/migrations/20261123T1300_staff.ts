import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('reception', 'officer', 'head', 'admin')`))
    // Null only for a central administrator, who sees every agency.
    .addColumn('agency_code', 'text', (c) => c.references('agencies.code'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('totp_key_encrypted', 'text')
    .addColumn('totp_recovery_hash', 'text')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('staff_users_agency', sql`agency_code is not null or role = 'admin'`)
    .execute();

  // Sessions store only the SHA-256 of the token's secret (Lucia's current guidance), never the token.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('staff_users.id').onDelete('cascade'))
    .addColumn('secret_hash', 'bytea', (c) => c.notNull())
    .addColumn('two_factor_verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_active_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  // Who did what, when, from where: sign-ins, staff actions, administration. Append-only (the trigger refuses
  // UPDATE and DELETE, whoever asks).
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'bigint')
    .addColumn('actor_email', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('agency_code', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at']).execute();
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$
  `.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()
  `.execute(db);

  await db.schema.alterTable('dossiers').addColumn('assigned_to', 'bigint', (c) => c.references('staff_users.id')).execute();
  await db.schema.createIndex('dossiers_assigned_idx').on('dossiers').columns(['assigned_to', 'status']).execute();
  // Queue search: by code, name or ID number, accent-insensitive.
  await sql`create index dossiers_search_idx on dossiers using gin (search_fold(applicant_name || ' ' || applicant_id_number || ' ' || code) gin_trgm_ops)`.execute(db);
  await db.schema.createIndex('dossiers_due_idx').on('dossiers').columns(['agency_code', 'due_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists dossiers_search_idx`.execute(db);
  await db.schema.alterTable('dossiers').dropColumn('assigned_to').execute();
  await db.schema.dropTable('audit_log').execute();
  await sql`drop function if exists audit_log_append_only()`.execute(db);
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('staff_users').execute();
}
