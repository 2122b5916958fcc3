import { sql, type Kysely } from 'kysely';

// Enforcement results as the agencies report them (the case system's figures, imported as CSV by staff) and each
// agency's yearly targets. The statistical year runs from 1 October of the year before to 30 September and is named
// by the year it ends in: 1 October 2025 – 30 September 2026 is statistical year 2026.
export async function up(db: Kysely<any>): Promise<void> {
  // One uploaded file. A clean file waits here ('previewed', its checked rows kept as JSON) until it is committed
  // once; a committed import is never committed again (the commit is a conditional update of this row).
  await db.schema
    .createTable('enforcement_result_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('staff_id', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('staff_email', 'text', (c) => c.notNull())
    // The uploader's agency (null: a central administrator), which decides who else may see the import.
    .addColumn('agency_code', 'text', (c) => c.references('agencies.code'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    // SHA-256 of the file, hex: the same file committed twice is pointed out before the second commit.
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('previewed', 'committed')`))
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('committed_at', 'timestamptz')
    .addColumn('committed_by', 'bigint', (c) => c.references('staff_users.id'))
    .addCheckConstraint('enforcement_result_imports_committed', sql`(status = 'committed') = (committed_at is not null and committed_by is not null)`)
    .execute();
  await sql`create index enforcement_result_imports_recent on enforcement_result_imports (agency_code, created_at desc)`.execute(db);

  // One snapshot: an agency's figures from the start of the statistical year to `period_end` (cumulative, as the
  // monthly reports are). The figures use the latest snapshot of each agency and year; a later import of the same
  // agency and period end replaces that snapshot (a correction).
  await db.schema
    .createTable('enforcement_results')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('statistical_year', 'integer', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('cases_total', 'integer', (c) => c.notNull().check(sql`cases_total >= 0`))
    .addColumn('cases_with_conditions', 'integer', (c) => c.notNull().check(sql`cases_with_conditions >= 0`))
    .addColumn('cases_without_conditions', 'integer', (c) => c.notNull().check(sql`cases_without_conditions >= 0`))
    .addColumn('cases_completed', 'integer', (c) => c.notNull().check(sql`cases_completed >= 0`))
    // Amounts in đồng.
    .addColumn('money_total', 'bigint', (c) => c.notNull().check(sql`money_total >= 0`))
    .addColumn('money_with_conditions', 'bigint', (c) => c.notNull().check(sql`money_with_conditions >= 0`))
    .addColumn('money_completed', 'bigint', (c) => c.notNull().check(sql`money_completed >= 0`))
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('enforcement_result_imports.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('enforcement_results_agency_period', ['agency_code', 'period_end'])
    .addCheckConstraint(
      'enforcement_results_year',
      sql`statistical_year = extract(year from period_end)::int + case when extract(month from period_end) >= 10 then 1 else 0 end`,
    )
    .addCheckConstraint(
      'enforcement_results_parts',
      sql`cases_with_conditions + cases_without_conditions <= cases_total and cases_completed <= cases_with_conditions
        and money_with_conditions <= money_total and money_completed <= money_with_conditions`,
    )
    .execute();
  await sql`create index enforcement_results_latest on enforcement_results (agency_code, statistical_year, period_end desc)`.execute(db);

  // Targets in hundredths of a percent (8150 = 81,50 %): exact, and the same number type on both drivers.
  await db.schema
    .createTable('enforcement_targets')
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
    .addColumn('statistical_year', 'integer', (c) => c.notNull())
    .addColumn('cases_target', 'integer', (c) => c.notNull().check(sql`cases_target between 0 and 10000`))
    .addColumn('money_target', 'integer', (c) => c.notNull().check(sql`money_target between 0 and 10000`))
    .addColumn('set_by', 'bigint', (c) => c.notNull().references('staff_users.id'))
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('enforcement_targets_pk', ['agency_code', 'statistical_year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enforcement_targets').execute();
  await db.schema.dropTable('enforcement_results').execute();
  await db.schema.dropTable('enforcement_result_imports').execute();
}
