import { sql, type Kysely } from 'kysely';

// The public list of judgment debtors without conditions to enforce (Art. 44a): exactly the published fields
// (Circular 04/2023/TT-BTP Art. 4(1)) plus province, agency and dates — no ID number, date of birth or phone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_entries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('debtor_name', 'text', (c) => c.notNull())
    .addColumn('debtor_address', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('judgment_number', 'text', (c) => c.notNull())
    .addColumn('judgment_date', 'date', (c) => c.notNull())
    .addColumn('judgment_court', 'text', (c) => c.notNull())
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'date', (c) => c.notNull())
    .addColumn('obligation', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('no_means', 'item_gone', 'address_unknown')`))
    .addColumn('reason_detail', 'text')
    .addColumn('verified_on', 'date', (c) => c.notNull())
    .addColumn('published_on', 'date', (c) => c.notNull())
    .addColumn('removed_on', 'date')
    .addColumn('removal_reason', 'text', (c) => c.check(sql`removal_reason in ('conditions_appeared', 'enforced', 'revoked')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Lower-case, unaccented, đ→d: what searches compare against (search_fold is IMMUTABLE, so it can be stored).
    .addColumn('search_name', 'text', (c) => c.generatedAlwaysAs(sql`search_fold(debtor_name)`).stored())
    .addColumn('search_address', 'text', (c) => c.generatedAlwaysAs(sql`search_fold(debtor_address)`).stored())
    .addCheckConstraint('registry_removal', sql`(removed_on is null) = (removal_reason is null)`)
    .execute();
  // Only published entries are searched: partial indexes stay small as removed entries accumulate.
  await sql`create index registry_name_trgm on registry_entries using gin (search_name gin_trgm_ops) where removed_on is null`.execute(db);
  await sql`create index registry_address_trgm on registry_entries using gin (search_address gin_trgm_ops) where removed_on is null`.execute(db);
  await sql`create index registry_numbers on registry_entries (upper(judgment_number)) where removed_on is null`.execute(db);
  await sql`create index registry_decisions on registry_entries (upper(decision_number)) where removed_on is null`.execute(db);
  await sql`create index registry_province on registry_entries (province_code, agency_code) where removed_on is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_entries').execute();
}
