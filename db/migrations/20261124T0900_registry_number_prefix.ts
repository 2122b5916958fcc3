import { sql, type Kysely } from 'kysely';

// Judgment and enforcement decision numbers are searched by their start: "364/2024" finds "364/2024/DS-PT"
// (src/server/registry/search.ts, numbered()). A btree serves a range of beginnings only with the pattern operator class (byte
// order), whatever collation the database was created with; the same index answers equality, so it replaces the plain
// one. The id and the number itself are included so that the search reads the index alone (PostgreSQL plans an
// index-only scan of an expression only when the column it is computed from is in the index).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists registry_numbers`.execute(db);
  await sql`drop index if exists registry_decisions`.execute(db);
  await sql`create index registry_judgment_number_prefix on registry_entries (upper(judgment_number) text_pattern_ops) include (id, judgment_number) where removed_on is null`.execute(db);
  await sql`create index registry_decision_number_prefix on registry_entries (upper(decision_number) text_pattern_ops) include (id, decision_number) where removed_on is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists registry_judgment_number_prefix`.execute(db);
  await sql`drop index if exists registry_decision_number_prefix`.execute(db);
  await sql`create index registry_numbers on registry_entries (upper(judgment_number)) where removed_on is null`.execute(db);
  await sql`create index registry_decisions on registry_entries (upper(decision_number)) where removed_on is null`.execute(db);
}
