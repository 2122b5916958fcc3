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
import { workingDayNumbers, type CalendarExceptions } from './working-days.ts';

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
/** Which rows a figure counts: intake rows (dated by receipt), outcome rows (dated by return), or today's snapshot. */
const definitions: Record<OneStopFigure, { kind: Kind; where: RawBuilder<boolean> }> = {
  received: { kind: 'intake', where: sql<boolean>`true` },
  online: { kind: 'intake', where: sql<boolean>`channel = 'online'` },
  counter: { kind: 'intake', where: sql<boolean>`channel = 'counter'` },
  returned: { kind: 'outcome', where: sql<boolean>`true` },
  onTime: { kind: 'outcome', where: sql<boolean>`on_time` },
  late: { kind: 'outcome', where: sql<boolean>`not on_time` },
  overdueNow: { kind: 'snapshot', where: sql<boolean>`true` },
};

function figureCondition(figure: OneStopFigure): RawBuilder<boolean> {
  const d = definitions[figure];
  return sql<boolean>`(kind = ${d.kind} and ${d.where})`;
}

/** The column a dimension groups by, in the rows CTE. */
const dimensionColumn: Record<Dimension, string> = { procedure: 'procedure_code', agency: 'agency_key', month: 'month' };

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

/** Vietnam's date of a timestamp column. */
const vnDate = (column: RawBuilder<unknown>) => sql<string>`((${column} at time zone 'UTC') + interval '7 hours')::date`;

const ONE_STOP_CODES = oneStopProcedures.map((p) => p.code);

/**
 * The CTEs every one-stop figure reads: `facts` (one row per dossier that could count), `days` (working-day
 * numbers) and `rows` (each dossier once per kind of row it counts as, with its group keys).
 */
function rowsQuery(filter: StatsFilter, exceptions: CalendarExceptions, today: DateISO): RawBuilder<unknown> {
  const [start, end] = periodBounds(filter);
  const pending = oneStop.pending as readonly string[];
  const scope = filter.agencyCode === null ? sql`true` : sql`(a.code = ${filter.agencyCode} or a.parent_code = ${filter.agencyCode})`;
  // Every agency: grouped by provincial agency; one agency: by the agency and each of its regional offices.
  const agencyKey = filter.agencyCode === null ? sql`coalesce(a.parent_code, a.code)` : sql`a.code`;
  return sql`
    facts as (
      select d.id, d.code, d.procedure_code, d.status, d.channel, d.due_date, ${agencyKey} as agency_key,
        ${vnDate(sql`d.received_at`)} as received_on,
        case when d.status = 'returned' then ${vnDate(sql`d.closed_at`)} end as returned_on,
        case when d.status = 'returned' then coalesce(
          (select ${vnDate(sql`max(e.at)`)} from dossier_events e where e.dossier_id = d.id and e.to_status = 'result_ready'),
          ${vnDate(sql`d.closed_at`)}) end as answered_on,
        d.status = 'returned' and exists (
          select 1 from dossier_events e where e.dossier_id = d.id and e.action = 'apologise' and e.data->>'late' = 'true') as late_apology,
        d.status in (${sql.join(pending)}) and d.due_date < ${today}::date as overdue_now
      from dossiers d join agencies a on a.code = d.agency_code
      where d.procedure_code in (${sql.join(ONE_STOP_CODES)}) and ${scope}
        and ((d.received_at >= ${start} and d.received_at < ${end})
          or (d.status = 'returned' and d.closed_at >= ${start} and d.closed_at < ${end})
          or (d.status in (${sql.join(pending)}) and d.due_date < ${today}::date))
    ),
    days as (${workingDayNumbers(
      exceptions,
      sql`(select least(min(received_on), ${filter.from}::date) from facts)`,
      sql`(select greatest(max(answered_on), ${filter.to}::date) from facts)`,
    )}),
    rows as (
      select f.id, f.code, f.procedure_code, f.status, f.channel, f.due_date, f.agency_key, f.received_on, f.returned_on,
        f.answered_on, k.kind, to_char(k.day, 'YYYY-MM') as month,
        not ((f.due_date is not null and f.answered_on > f.due_date) or f.late_apology) as on_time,
        case when k.kind = 'outcome' then nb.n - na.n end as working_days
      from facts f
      cross join lateral (values ('intake', f.received_on), ('outcome', f.returned_on), ('snapshot', null::date)) as k(kind, day)
      left join days na on k.kind = 'outcome' and na.day = f.received_on
      left join days nb on k.kind = 'outcome' and nb.day = f.answered_on
      where (k.kind = 'intake' and f.received_on between ${filter.from}::date and ${filter.to}::date)
        or (k.kind = 'outcome' and f.returned_on between ${filter.from}::date and ${filter.to}::date)
        or (k.kind = 'snapshot' and f.overdue_now)
    )`;
}

interface GroupedRow extends Record<OneStopFigure, number> {
  g_procedure: number;
  g_agency: number;
  g_month: number;
  procedure_code: string | null;
  agency_key: string | null;
  month: string | null;
  working_days_sum: number | null;
  working_days_count: number;
}

const counts = (r: GroupedRow): OneStopCounts => {
  const out = Object.fromEntries(ONE_STOP_FIGURES.map((f) => [f, Number(r[f])])) as Record<OneStopFigure, number>;
  const sum = Number(r.working_days_sum ?? 0);
  const n = Number(r.working_days_count);
  return { ...out, workingDaysSum: sum, workingDaysCount: n, averageWorkingDays: n === 0 ? null : sum / n };
};

/** Every one-stop figure, in total and by procedure, agency and month (see the module comment). @throws RangeError */
export async function oneStopStats(db: Kysely<Database>, filter: StatsFilter, exceptions: CalendarExceptions, today: DateISO): Promise<OneStopStats> {
  const figureColumns = sql.join(ONE_STOP_FIGURES.map((f) => sql`count(*) filter (where ${figureCondition(f)}) as ${sql.ref(f)}`));
  const { rows } = await sql<GroupedRow>`
    with ${rowsQuery(filter, exceptions, today)}
    select grouping(procedure_code) as g_procedure, grouping(agency_key) as g_agency, grouping(month) as g_month,
      procedure_code, agency_key, month, ${figureColumns},
      sum(working_days) filter (where kind = 'outcome') as working_days_sum,
      count(working_days) filter (where kind = 'outcome') as working_days_count
    from rows
    group by grouping sets ((), (procedure_code), (agency_key), (month))`.execute(db);
  const empty = counts({ working_days_count: 0, working_days_sum: 0, ...Object.fromEntries(ONE_STOP_FIGURES.map((f) => [f, 0])) } as GroupedRow);
  const by: Record<Dimension, Map<string, OneStopCounts>> = { procedure: new Map(), agency: new Map(), month: new Map() };
  let total = empty;
  for (const r of rows) {
    const ungrouped = [Number(r.g_procedure), Number(r.g_agency), Number(r.g_month)];
    if (ungrouped.every((g) => g === 1)) total = counts(r);
    else if (Number(r.g_procedure) === 0) by.procedure.set(r.procedure_code!, counts(r));
    else if (Number(r.g_agency) === 0) by.agency.set(r.agency_key!, counts(r));
    // Snapshot rows have no month: they count in the totals, not in any month.
    else if (r.month !== null) by.month.set(r.month, counts(r));
  }
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

/** The dossiers behind one number: the figure's own condition on the same rows (see `oneStopStats`), paged. */
export async function oneStopFigureDossiers(
  db: Kysely<Database>,
  filter: StatsFilter,
  exceptions: CalendarExceptions,
  today: DateISO,
  selection: FigureSelection,
  page: { offset: number; limit: number },
): Promise<{ total: number; dossiers: FigureDossier[] }> {
  const where = selection.group
    ? sql`${figureCondition(selection.figure)} and ${sql.ref(dimensionColumn[selection.group.dimension])} = ${selection.group.key}`
    : figureCondition(selection.figure);
  const { rows } = await sql<FigureDossier & { total: number }>`
    with ${rowsQuery(filter, exceptions, today)}
    select id, code, procedure_code, agency_key, status, channel, received_on, returned_on, answered_on, due_date, working_days,
      count(*) over () as total
    from rows where ${where}
    order by coalesce(returned_on, received_on) desc nulls last, id desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  if (rows.length === 0 && page.offset > 0) {
    const { rows: n } = await sql<{ total: number }>`with ${rowsQuery(filter, exceptions, today)} select count(*) as total from rows where ${where}`.execute(db);
    return { total: Number(n[0]?.total ?? 0), dossiers: [] };
  }
  return { total: Number(rows[0]?.total ?? 0), dossiers: rows.map(({ total: _t, ...d }) => ({ ...d, working_days: d.working_days === null ? null : Number(d.working_days) })) };
}
