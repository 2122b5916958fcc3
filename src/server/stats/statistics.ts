/**
 * What the statistics pages read: the one-stop figures, the complaint and denunciation figures, the satisfaction
 * survey's and the agencies' reported enforcement results (for the latest statistical year reported by the period's end) for one filter,
 * cached for a minute (cache.ts), and the dossiers behind any one of those numbers for the staff drill-down.
 */
import type { Kysely } from 'kysely';
import { todayInVietnam, type DateISO } from '../calendar.ts';
import { agencyFigures, petitionFigureDossierIds, PETITION_FIGURES, type AgencyFigures, type PetitionFigure } from '../figures.ts';
import type { Database } from '../schema.ts';
import { statisticalYearOf } from '../enforcement-results/csv.ts';
import { enforcementResultFigures, enforcementResultYears, type EnforcementFigures } from '../enforcement-results/figures.ts';
import { satisfactionFigures, type SatisfactionFigures } from '../survey/figures.ts';
import { cachedStats } from './cache.ts';
import { DIMENSIONS, ONE_STOP_FIGURES, oneStopFigureDossiers, oneStopStats, type Dimension, type OneStopFigure, type OneStopStats, type StatsFilter } from './one-stop.ts';
import { loadCalendarExceptions } from './working-days.ts';

export interface StatisticsData {
  oneStop: OneStopStats;
  petitions: AgencyFigures;
  satisfaction: SatisfactionFigures;
  /** The latest statistical year reported by the period's end, and the agencies' reported results for it. */
  enforcement: { year: number; figures: EnforcementFigures };
}

const keyOf = (filter: StatsFilter, today: DateISO) => JSON.stringify([filter.agencyCode, filter.from, filter.to, today]);

/**
 * Every figure of the pages for `filter`, as of `today`; `fresh` skips the cache (staff pages, whose numbers must
 * match the drill-down lists computed now). @throws RangeError on a bad period
 */
export function statisticsData(db: Kysely<Database>, filter: StatsFilter, today: DateISO, opts: { fresh?: boolean } = {}): Promise<StatisticsData> {
  const compute = async () => {
    const exceptions = await loadCalendarExceptions(db, today);
    const oneStop = await oneStopStats(db, filter, exceptions, today);
    const petitions = await agencyFigures(db, filter.agencyCode, filter);
    const satisfaction = await satisfactionFigures(db, { ...(filter.agencyCode ? { agencyCode: filter.agencyCode } : {}), from: filter.from, to: filter.to });
    // The latest statistical year reported up to the period's end (the year in progress has no report at first).
    const year = (await enforcementResultYears(db)).find((y) => y <= statisticalYearOf(filter.to)) ?? statisticalYearOf(filter.to);
    const enforcement = { year, figures: await enforcementResultFigures(db, { ...(filter.agencyCode ? { agencyCode: filter.agencyCode } : {}), year }) };
    return { oneStop, petitions, satisfaction, enforcement };
  };
  return opts.fresh ? compute() : cachedStats(keyOf(filter, today), compute);
}

/** A number on the staff page: a one-stop figure (optionally one group of a table) or a petition figure. */
export type FigureRef =
  | { subject: 'oneStop'; figure: OneStopFigure; group?: { dimension: Dimension; key: string } }
  | { subject: 'petitions'; figure: PetitionFigure };

/** The reference as query parameters (the drill-down page's address), and back. */
export function figureRefParams(ref: FigureRef): Record<string, string> {
  const params: Record<string, string> = { 'chi-tieu': `${ref.subject}.${ref.figure}` };
  if (ref.subject === 'oneStop' && ref.group) Object.assign(params, { nhom: ref.group.dimension, khoa: ref.group.key });
  return params;
}

export function parseFigureRef(params: URLSearchParams): FigureRef | null {
  const [subject, figure] = (params.get('chi-tieu') ?? '').split('.');
  if (subject === 'petitions' && (PETITION_FIGURES as readonly string[]).includes(figure ?? '')) return { subject, figure: figure as PetitionFigure };
  if (subject !== 'oneStop' || !(ONE_STOP_FIGURES as readonly string[]).includes(figure ?? '')) return null;
  const dimension = params.get('nhom');
  const key = (params.get('khoa') ?? '').slice(0, 40);
  if (dimension === null) return { subject, figure: figure as OneStopFigure };
  if (!(DIMENSIONS as readonly string[]).includes(dimension) || key === '') return null;
  return { subject, figure: figure as OneStopFigure, group: { dimension: dimension as Dimension, key } };
}

export interface DrillDossier {
  code: string;
  procedure_code: string;
  agency_code: string;
  status: string;
  submitted_on: string | null;
  received_on: string | null;
  due_date: string | null;
  answered_on: string | null;
  returned_on: string | null;
  working_days: number | null;
}

export const DRILL_PAGE_SIZE = 50;

/** One page of the dossiers behind a number, counted by the same definition as the number. @throws RangeError */
export async function figureDossiers(db: Kysely<Database>, filter: StatsFilter, today: DateISO, ref: FigureRef, page: number): Promise<{ total: number; dossiers: DrillDossier[] }> {
  const offset = (Math.max(1, page) - 1) * DRILL_PAGE_SIZE;
  if (ref.subject === 'oneStop') {
    const exceptions = await loadCalendarExceptions(db, today);
    const { total, dossiers } = await oneStopFigureDossiers(db, filter, exceptions, today, ref, { offset, limit: DRILL_PAGE_SIZE });
    return {
      total,
      dossiers: dossiers.map((d) => ({ ...d, agency_code: d.agency_key, submitted_on: null })),
    };
  }
  const ids = await petitionFigureDossierIds(db, filter.agencyCode, filter, ref.figure);
  const slice = [...ids].sort((a, b) => b - a).slice(offset, offset + DRILL_PAGE_SIZE);
  const rows = slice.length
    ? await db.selectFrom('dossiers').select(['id', 'code', 'procedure_code', 'agency_code', 'status', 'submitted_at', 'received_at', 'due_date']).where('id', 'in', slice).orderBy('id', 'desc').execute()
    : [];
  const day = (at: Date | null) => (at ? todayInVietnam(new Date(at)) : null);
  return {
    total: ids.length,
    dossiers: rows.map((r) => ({
      code: r.code,
      procedure_code: r.procedure_code,
      agency_code: r.agency_code,
      status: r.status,
      submitted_on: day(r.submitted_at),
      received_on: day(r.received_at),
      due_date: r.due_date,
      answered_on: null,
      returned_on: null,
      working_days: null,
    })),
  };
}
