/**
 * One-stop statistics, by SQL aggregates over the dossiers and their timeline. Each figure is ONE definition — the
 * kind of row it counts and a condition on the per-dossier facts — used both for its count (`oneStopStats`, one
 * GROUP BY GROUPING SETS) and for the list of dossiers behind it (`oneStopFigureDossiers`), so a drill-down lists
 * exactly what the number counts.
 *
 * How each figure is counted (the pages print these beside the numbers; keep the dictionaries in step):
 * - received: one-stop dossiers whose (latest) receipt falls in the period — after a supplement the time limit
 *   starts again from the new receipt, so that is the receipt the dossier is judged from;
 *   online / at the counter: the same dossiers by the channel they were submitted through.
 * - returned: dossiers whose result was handed over (status `returned`) in the period.
 * - on time / late: of the returned ones, as the deadline report (src/server/dossiers/deadline-report.ts) judges a
 *   dossier: the result was given (recorded by the officer, or signed by the head — handing it over afterwards is
 *   not late) on or before the due date in force then — the date set at the latest receipt, or the apology's new
 *   date; a supplement request stops the clock and the new receipt sets a new date — and no apology was made late.
 *   Otherwise late.
 * - overdue now: open dossiers being processed (received, in progress, awaiting the head's signature) whose due
 *   date is before today; a snapshot on the day the figures are asked for, whatever the period.
 * - average working days: of the returned ones, the working days from the receipt to the result (the day of
 *   receipt not counted), on the portal's calendar of holidays and announced days off.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { oneStopProcedures } from '../catalog/index.ts';
import type { DateISO } from '../calendar.ts';
import { oneStop } from '../dossiers/lifecycles/one-stop.ts';
import type { Database } from '../schema.ts';
import { isRealDate } from '../validation/dates.ts';
import { CALENDAR_SPAN_YEARS, workingDayNumbers, workingDaysBetweenSql, type CalendarExceptions } from './working-days.ts';

/** The agency (with its regional offices; null = every agency) and the period, yyyy-mm-dd inclusive, Vietnam's dates. */
export interface StatsFilter {
  agencyCode: string | null;
  from: DateISO;
  to: DateISO;
}

export const ONE_STOP_FIGURES = ['received', 'online', 'counter', 'returned', 'onTime', 'late', 'overdueNow'] as const;
export type OneStopFigure = (typeof ONE_STOP_FIGURES)[number];
export const DIMENSIONS = ['procedure', 'agency', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

type Kind = 'intake' | 'outcome' | 'snapshot';
/**
 * Which dossiers a figure counts: a condition on the `facts` rows. Intake figures are dated by the receipt, outcome
 * figures by the return (their months differ), the snapshot by today.
 */
const definitions: Record<OneStopFigure, { kind: Kind; where: RawBuilder<boolean> }> = {
  received: { kind: 'intake', where: sql<boolean>`intake` },
  online: { kind: 'intake', where: sql<boolean>`intake and channel = 'online'` },
  counter: { kind: 'intake', where: sql<boolean>`intake and channel = 'counter'` },
  returned: { kind: 'outcome', where: sql<boolean>`outcome` },
  onTime: { kind: 'outcome', where: sql<boolean>`outcome and on_time` },
  late: { kind: 'outcome', where: sql<boolean>`outcome and not on_time` },
  overdueNow: { kind: 'snapshot', where: sql<boolean>`overdue_now` },
};

/** The column a table's groups are keyed by, for a figure of each kind (a snapshot has no month). */
const groupColumn: Record<Dimension, Record<Kind, string | null>> = {
  procedure: { intake: 'procedure_code', outcome: 'procedure_code', snapshot: 'procedure_code' },
  agency: { intake: 'agency_key', outcome: 'agency_key', snapshot: 'agency_key' },
  month: { intake: 'intake_month', outcome: 'outcome_month', snapshot: null },
};

export interface OneStopCounts extends Record<OneStopFigure, number> {
  /** Sum of working days from receipt to result over the returned dossiers that have both dates. */
  workingDaysSum: number;
  workingDaysCount: number;
  /** workingDaysSum / workingDaysCount; null when nothing was returned. */
  averageWorkingDays: number | null;
}

export interface OneStopStats {
  filter: StatsFilter;
  today: DateISO;
  total: OneStopCounts;
  /** Keyed by procedure code, agency code (the provincial agency when every agency is shown) and yyyy-mm. */
  by: Record<Dimension, Map<string, OneStopCounts>>;
}

/** The period's bounds as timestamps: [from 00:00, the day after `to` 00:00) in Vietnam (UTC+7). @throws RangeError */
function periodBounds(filter: StatsFilter): [Date, Date] {
  if (!isRealDate(filter.from) || !isRealDate(filter.to) || filter.from > filter.to) throw new RangeError(`bad period: ${filter.from}–${filter.to}`);
  const start = new Date(`${filter.from}T00:00:00+07:00`);
  return [start, new Date(new Date(`${filter.to}T00:00:00+07:00`).getTime() + 86_400_000)];
}

/** Vietnam's date of a timestamp. */
const vnDate = (column: RawBuilder<unknown>) => sql<string>`((${column} at time zone 'UTC') + interval '7 hours')::date`;

const ONE_STOP_CODES = oneStopProcedures.map((p) => p.code);

/**
 * The CTEs every one-stop figure reads; `facts` has one row per dossier that could count: its dates (Vietnam's),
 * whether it counts as intake (received in the period) and as outcome (returned in the period), on time, overdue
 * now, and its working days from receipt to result.
 */
function factsQuery(filter: StatsFilter, exceptions: CalendarExceptions, today: DateISO): RawBuilder<unknown> {
  const [start, end] = periodBounds(filter);
  const pending = oneStop.pending as readonly string[];
  // Written on the dossier's own column, so one agency's dossiers are read through the agency index.
  const scope =
    filter.agencyCode === null ? sql`true` : sql`d.agency_code in (select code from agencies where code = ${filter.agencyCode} or parent_code = ${filter.agencyCode})`;
  // Every agency: grouped by provincial agency; one agency: by the agency and each of its regional offices.
  const agencyKey = filter.agencyCode === null ? sql`coalesce(a.parent_code, a.code)` : sql`a.code`;
  const spanFrom = `${Number(today.slice(0, 4)) - CALENDAR_SPAN_YEARS}-01-01`;
  const numbers = workingDayNumbers(exceptions, spanFrom, `${Number(today.slice(0, 4)) + 1}-12-31`);
  return sql`
    answered as (
      -- The day the result was given: the officer's record or the head's signature (the latest, if sent back).
      -- Every agency: one pass over those events; one agency: looked up per dossier instead (see below).
      select dossier_id, max(at) as at from dossier_events where to_status = 'result_ready' and ${filter.agencyCode === null} group by dossier_id
    ),
    base as (
      select d.id, d.code, d.procedure_code, d.status, d.channel, d.due_date, ${agencyKey} as agency_key,
        ${vnDate(sql`d.received_at`)} as received_on,
        case when d.status = 'returned' then ${vnDate(sql`d.closed_at`)} end as returned_on,
        case when d.status = 'returned' then ${vnDate(
          filter.agencyCode === null
            ? sql`coalesce(ans.at, d.closed_at)`
            : sql`coalesce((select max(e.at) from dossier_events e where e.dossier_id = d.id and e.to_status = 'result_ready'), d.closed_at)`,
        )} end as answered_on,
        d.status = 'returned' and d.id in (
          select dossier_id from dossier_events where action = 'apologise' and (data->>'late') = 'true') as late_apology,
        d.status in (${sql.join(pending)}) and d.due_date < ${today}::date as overdue_now
      from dossiers d
      join agencies a on a.code = d.agency_code
      left join answered ans on ans.dossier_id = d.id and d.status = 'returned'
      where d.procedure_code in (${sql.join(ONE_STOP_CODES)}) and ${scope}
        and ((d.received_at >= ${start} and d.received_at < ${end})
          or (d.status = 'returned' and d.closed_at >= ${start} and d.closed_at < ${end})
          or (d.status in (${sql.join(pending)}) and d.due_date < ${today}::date))
    ),
    facts as (
      select b.*,
        coalesce(b.received_on between ${filter.from}::date and ${filter.to}::date, false) as intake,
        coalesce(b.returned_on between ${filter.from}::date and ${filter.to}::date, false) as outcome,
        to_char(b.received_on, 'YYYY-MM') as intake_month,
        to_char(b.returned_on, 'YYYY-MM') as outcome_month,
        not ((b.due_date is not null and b.answered_on > b.due_date) or b.late_apology) as on_time,
        case when b.returned_on is not null then ${workingDaysBetweenSql(numbers, spanFrom, sql`b.received_on`, sql`b.answered_on`)} end as working_days
      from base b
    )`;
}

interface GroupedRow extends Record<OneStopFigure, number> {
  g_procedure: number;
  g_agency: number;
  g_intake: number;
  g_outcome: number;
  procedure_code: string | null;
  agency_key: string | null;
  intake_month: string | null;
  outcome_month: string | null;
  working_days_sum: number | null;
  working_days_count: number;
}

const counts = (r: GroupedRow, only?: Kind): OneStopCounts => {
  const out = Object.fromEntries(ONE_STOP_FIGURES.map((f) => [f, only && definitions[f].kind !== only ? 0 : Number(r[f])])) as Record<OneStopFigure, number>;
  const outcome = !only || only === 'outcome';
  const sum = outcome ? Number(r.working_days_sum ?? 0) : 0;
  const n = outcome ? Number(r.working_days_count) : 0;
  return { ...out, workingDaysSum: sum, workingDaysCount: n, averageWorkingDays: n === 0 ? null : sum / n };
};

const add = (a: OneStopCounts, b: OneStopCounts): OneStopCounts => {
  const out = Object.fromEntries(ONE_STOP_FIGURES.map((f) => [f, a[f] + b[f]])) as Record<OneStopFigure, number>;
  const sum = a.workingDaysSum + b.workingDaysSum;
  const n = a.workingDaysCount + b.workingDaysCount;
  return { ...out, workingDaysSum: sum, workingDaysCount: n, averageWorkingDays: n === 0 ? null : sum / n };
};

/** Every one-stop figure, in total and by procedure, agency and month (see the module comment). @throws RangeError */
export async function oneStopStats(db: Kysely<Database>, filter: StatsFilter, exceptions: CalendarExceptions, today: DateISO): Promise<OneStopStats> {
  const figureColumns = sql.join(ONE_STOP_FIGURES.map((f) => sql`count(*) filter (where ${definitions[f].where}) as ${sql.ref(f)}`));
  const { rows } = await sql<GroupedRow>`
    with ${factsQuery(filter, exceptions, today)}
    select grouping(procedure_code) as g_procedure, grouping(agency_key) as g_agency,
      grouping(intake_month) as g_intake, grouping(outcome_month) as g_outcome,
      procedure_code, agency_key, intake_month, outcome_month, ${figureColumns},
      sum(working_days) filter (where outcome) as working_days_sum,
      count(working_days) filter (where outcome) as working_days_count
    from facts
    group by grouping sets ((), (procedure_code), (agency_key), (intake_month), (outcome_month))`.execute(db);
  const zero = counts({ working_days_count: 0, working_days_sum: 0, ...Object.fromEntries(ONE_STOP_FIGURES.map((f) => [f, 0])) } as GroupedRow);
  const by: Record<Dimension, Map<string, OneStopCounts>> = { procedure: new Map(), agency: new Map(), month: new Map() };
  let total = zero;
  const months = by.month;
  for (const r of rows) {
    if (Number(r.g_procedure) === 0) by.procedure.set(r.procedure_code!, counts(r));
    else if (Number(r.g_agency) === 0) by.agency.set(r.agency_key!, counts(r));
    // A month's intake comes from the receipts' months, its outcome from the returns' months.
    else if (Number(r.g_intake) === 0) {
      if (r.intake_month !== null) months.set(r.intake_month, add(months.get(r.intake_month) ?? zero, counts(r, 'intake')));
    } else if (Number(r.g_outcome) === 0) {
      if (r.outcome_month !== null) months.set(r.outcome_month, add(months.get(r.outcome_month) ?? zero, counts(r, 'outcome')));
    } else total = counts(r);
  }
  for (const [key, value] of months) if (key < filter.from.slice(0, 7) || key > filter.to.slice(0, 7)) months.delete(key);
  return { filter, today, total, by };
}

export interface FigureDossier {
  id: number;
  code: string;
  procedure_code: string;
  agency_key: string;
  status: string;
  channel: string;
  received_on: string | null;
  returned_on: string | null;
  answered_on: string | null;
  due_date: string | null;
  working_days: number | null;
}

export interface FigureSelection {
  figure: OneStopFigure;
  /** A group of a table (its dimension and key); absent for the total. */
  group?: { dimension: Dimension; key: string };
}

/** The dossiers behind one number: the figure's own condition on the same facts (see `oneStopStats`), paged. */
export async function oneStopFigureDossiers(
  db: Kysely<Database>,
  filter: StatsFilter,
  exceptions: CalendarExceptions,
  today: DateISO,
  selection: FigureSelection,
  page: { offset: number; limit: number },
): Promise<{ total: number; dossiers: FigureDossier[] }> {
  const definition = definitions[selection.figure];
  let where = definition.where;
  if (selection.group) {
    const column = groupColumn[selection.group.dimension][definition.kind];
    // Overdue now is a count of today, in no month.
    where = column === null ? sql<boolean>`false` : sql<boolean>`${where} and ${sql.ref(column)} = ${selection.group.key}`;
  }
  const { rows } = await sql<FigureDossier & { total: number }>`
    with ${factsQuery(filter, exceptions, today)}
    select id, code, procedure_code, agency_key, status, channel, received_on, returned_on, answered_on, due_date, working_days,
      count(*) over () as total
    from facts where ${where}
    order by coalesce(returned_on, received_on) desc nulls last, id desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  if (rows.length === 0 && page.offset > 0) {
    const { rows: n } = await sql<{ total: number }>`with ${factsQuery(filter, exceptions, today)} select count(*) as total from facts where ${where}`.execute(db);
    return { total: Number(n[0]?.total ?? 0), dossiers: [] };
  }
  return { total: Number(rows[0]?.total ?? 0), dossiers: rows.map(({ total: _total, ...d }) => ({ ...d, working_days: d.working_days === null ? null : Number(d.working_days) })) };
}
