/**
 * Enforcement results by agency and statistical year, as the agencies report them ("về việc, về tiền"), computed by
 * SQL aggregates over the imported snapshots.
 *
 * How each figure is counted (the statistics page prints these definitions; texts in the dictionaries,
 * `enforcementResults.definitions`):
 * - Statistical year: 1 October of the year before to 30 September, named by the year it ends in (2026 = 1 October
 *   2025 – 30 September 2026).
 * - Snapshot: the figures an agency reports are cumulative from the start of the statistical year to the report's
 *   period end. Each agency and year is counted from its latest snapshot (the greatest period end imported); earlier
 *   snapshots are history and are never added up. `periodEnd` is that date.
 * - Cases (việc): total to enforce (tổng số phải thi hành); with conditions to enforce (có điều kiện thi hành);
 *   without conditions (chưa có điều kiện); completed (thi hành xong), counted among those with conditions.
 * - Money (tiền), in đồng: total to enforce; with conditions; completed.
 * - Completion rate by cases = completed cases ÷ cases with conditions × 100; by money = money completed ÷ money
 *   with conditions × 100; rounded to two decimals; none when nothing had conditions.
 * - Target: the rate set for the agency and year (chỉ tiêu). Gap = rate − target, in percentage points (negative:
 *   short of the target); none without a target.
 * - Province total: the sum, figure by figure, of the latest snapshots of the provincial agency and of its regional
 *   offices (agencies whose parent it is) for that year; its rates are computed from those sums (never an average
 *   of rates); its target is the one set for the provincial agency; `agencies` says how many agencies reported and
 *   `periodEnd` is the earliest of their snapshots' period ends.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface EnforcementFigure {
  agencyCode: string;
  agencyName: string;
  agencyNameEn: string;
  /** 'agency': one agency's snapshot; 'province': the sum over a provincial agency and its regional offices. */
  level: 'agency' | 'province';
  /** The provincial agency the row belongs to (itself for a provincial agency and a province total). */
  provinceAgency: string;
  year: number;
  /** yyyy-mm-dd */
  periodEnd: string;
  /** For a province total: how many agencies' snapshots were added up (1 for an agency row). */
  agencies: number;
  cases: { total: number; withConditions: number; withoutConditions: number; completed: number };
  money: { total: number; withConditions: number; completed: number };
  /** Percentages, two decimals; null when nothing had conditions (or no target set). */
  casesRate: number | null;
  moneyRate: number | null;
  casesTarget: number | null;
  moneyTarget: number | null;
  /** rate − target, in percentage points. */
  casesGap: number | null;
  moneyGap: number | null;
}

export interface EnforcementFigures {
  /** One row per agency and year, by year (newest first), then in the agencies' order. */
  agencies: EnforcementFigure[];
  /** One row per province and year, the same order. */
  provinces: EnforcementFigure[];
}

interface Raw {
  agency_code: string;
  agency_name: string;
  agency_name_en: string;
  province_agency: string;
  year: number;
  period_end: string;
  agencies: number;
  cases_total: number;
  cases_with_conditions: number;
  cases_without_conditions: number;
  cases_completed: number;
  money_total: number;
  money_with_conditions: number;
  money_completed: number;
  cases_rate: number | null;
  money_rate: number | null;
  cases_target: number | null;
  money_target: number | null;
  cases_gap: number | null;
  money_gap: number | null;
}

const figure = (level: EnforcementFigure['level']) => (r: Raw): EnforcementFigure => ({
  agencyCode: r.agency_code,
  agencyName: r.agency_name,
  agencyNameEn: r.agency_name_en,
  level,
  provinceAgency: r.province_agency,
  year: r.year,
  periodEnd: r.period_end,
  agencies: Number(r.agencies),
  cases: { total: Number(r.cases_total), withConditions: Number(r.cases_with_conditions), withoutConditions: Number(r.cases_without_conditions), completed: Number(r.cases_completed) },
  money: { total: Number(r.money_total), withConditions: Number(r.money_with_conditions), completed: Number(r.money_completed) },
  casesRate: r.cases_rate,
  moneyRate: r.money_rate,
  casesTarget: r.cases_target,
  moneyTarget: r.money_target,
  casesGap: r.cases_gap,
  moneyGap: r.money_gap,
});

/**
 * The figures, filtered by agency (that agency and its regional offices; the province total of its province) and
 * statistical year. Without filters: every agency and year.
 */
export async function enforcementResultFigures(db: Kysely<Database>, filter: { agencyCode?: string; year?: number } = {}): Promise<EnforcementFigures> {
  const code = filter.agencyCode ?? null;
  const year = filter.year ?? null;
  // The latest snapshot of each agency and year, with its place in the hierarchy.
  const latest = sql`
    select distinct on (r.agency_code, r.statistical_year)
      r.*, a.name_vi as agency_name, a.name_en as agency_name_en, coalesce(a.parent_code, a.code) as province_agency, a.sort_order
    from enforcement_results r
    join agencies a on a.code = r.agency_code
    where (${year}::int is null or r.statistical_year = ${year}::int)
    order by r.agency_code, r.statistical_year, r.period_end desc`;
  // Rates from sums (two decimals), and the gap to the target (stored in hundredths of a percent).
  const rates = (completed: string, withConditions: string, target: string) => sql.raw(`
      round(100.0 * ${completed} / nullif(${withConditions}, 0), 2)::float8 as ${target}_rate,
      (t.${target}_target / 100.0)::float8 as ${target}_target,
      (round(100.0 * ${completed} / nullif(${withConditions}, 0), 2) - t.${target}_target / 100.0)::float8 as ${target}_gap`);

  const agencyRows = await sql<Raw>`
    with latest as (${latest})
    select l.agency_code, l.agency_name, l.agency_name_en, l.province_agency, l.statistical_year as year, l.period_end, 1 as agencies,
      l.cases_total, l.cases_with_conditions, l.cases_without_conditions, l.cases_completed,
      l.money_total, l.money_with_conditions, l.money_completed,
      ${rates('l.cases_completed', 'l.cases_with_conditions', 'cases')},
      ${rates('l.money_completed', 'l.money_with_conditions', 'money')}
    from latest l
    left join enforcement_targets t on t.agency_code = l.agency_code and t.statistical_year = l.statistical_year
    where ${code}::text is null or l.agency_code = ${code}::text or l.province_agency = ${code}::text
    order by l.statistical_year desc, l.sort_order, l.agency_code`.execute(db);

  const provinceRows = await sql<Raw>`
    with latest as (${latest}),
    sums as (
      select province_agency, statistical_year, count(*) as agencies, min(period_end) as period_end,
        sum(cases_total)::bigint as cases_total, sum(cases_with_conditions)::bigint as cases_with_conditions,
        sum(cases_without_conditions)::bigint as cases_without_conditions, sum(cases_completed)::bigint as cases_completed,
        sum(money_total)::bigint as money_total, sum(money_with_conditions)::bigint as money_with_conditions,
        sum(money_completed)::bigint as money_completed
      from latest
      where ${code}::text is null
        or province_agency = (select coalesce(parent_code, code) from agencies where code = ${code}::text)
      group by province_agency, statistical_year
    )
    select s.province_agency as agency_code, a.name_vi as agency_name, a.name_en as agency_name_en, s.province_agency, s.statistical_year as year,
      s.period_end, s.agencies,
      s.cases_total, s.cases_with_conditions, s.cases_without_conditions, s.cases_completed,
      s.money_total, s.money_with_conditions, s.money_completed,
      ${rates('s.cases_completed', 's.cases_with_conditions', 'cases')},
      ${rates('s.money_completed', 's.money_with_conditions', 'money')}
    from sums s
    join agencies a on a.code = s.province_agency
    left join enforcement_targets t on t.agency_code = s.province_agency and t.statistical_year = s.statistical_year
    order by s.statistical_year desc, a.sort_order, s.province_agency`.execute(db);

  return { agencies: agencyRows.rows.map(figure('agency')), provinces: provinceRows.rows.map(figure('province')) };
}

/** The statistical years that have figures, newest first. */
export async function enforcementResultYears(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('enforcement_results').select('statistical_year').distinct().orderBy('statistical_year', 'desc').execute();
  return rows.map((r) => r.statistical_year);
}
