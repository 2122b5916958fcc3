import { sql, type Kysely } from 'kysely';

// A denouncer's identity lives apart from the case (src/server/denouncers/vault.ts): the dossier row holds a
// placeholder name and no contact details; this table holds the identity encrypted (AES-256-GCM under a key derived
// from the server's key, the dossier id as additional data) and nothing readable. Who may read it besides the head
// and the administrators is recorded grant by grant; grants are revoked, never deleted, so the history stays.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('denouncer_identities')
    .addColumn('dossier_id', 'bigint', (c) => c.primaryKey().references('dossiers.id'))
    .addColumn('ciphertext', 'bytea', (c) => c.notNull())
    .addColumn('nonce', 'bytea', (c) => c.notNull())
    .addColumn('key_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('denouncer_access_grants')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('dossier_id', 'bigint', (c) => c.notNull().references('dossiers.id'))
    .addColumn('granted_to', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('granted_by', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'bigint', (c) => c.references('staff_users.id'))
    .execute();
  // One open grant per person and case: granting twice is a no-op, not two rows to revoke.
  await sql`create unique index denouncer_grants_open_idx on denouncer_access_grants (dossier_id, granted_to) where revoked_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('denouncer_access_grants').execute();
  await db.schema.dropTable('denouncer_identities').execute();
}
