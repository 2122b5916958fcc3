/**
 * The satisfaction figures of an agency (and its regional offices; all agencies when none is named) over a period,
 * for the statistics page. Every number is an SQL aggregate over the survey's own tables.
 *
 * Definitions (the statistics page prints them; keep the two in step):
 * - responses in the period: submitted (finished) from `from` 00:00 to the end of `to`, Vietnam's dates.
 * - satisfied: an answer of level 4 or 5 (Hài lòng, Rất hài lòng) on a five-level question; share = satisfied / n,
 *   where n counts the answers given (an optional question left blank is not an answer).
 * - indices: the share of satisfied answers among all five-level answers — overall, of the process questions, and
 *   of the outcome question — each with n and a 95% Wilson interval.
 * - counting and yes/no questions: how many answered each value (a count's 2 means "two or more").
 * - who helped and the channel: responses per value.
 */
import { sql, type Kysely } from 'kysely';
import { criterionById, helpers, SATISFIED_FROM, surveyCriteriaSets, type HelpedBy, type SurveyAnswerKind, type SurveyAspect } from '../catalog/survey-criteria.ts';
import { bounds, type FiguresPeriod } from '../figures.ts';
import type { Database } from '../schema.ts';
import { wilsonInterval } from '../stats/wilson.ts';

export interface ShareFigure {
  n: number;
  satisfied: number;
  /** satisfied / n, 0–1; null when n = 0. */
  share: number | null;
  /** 95% Wilson interval of the share; null when n = 0. */
  wilson: [number, number] | null;
}

export interface SatisfactionFigures extends FiguresPeriod {
  agencyCode: string | null;
  responses: number;
  overall: ShareFigure;
  process: ShareFigure;
  outcome: ShareFigure;
  /** Five-level questions, in the catalog's order (those never asked in the period too, with n = 0). */
  criteria: (ShareFigure & { criterionId: string; aspect: SurveyAspect })[];
  /** Counting and yes/no questions: answers per value, every value listed. */
  distributions: { criterionId: string; aspect: SurveyAspect; kind: Exclude<SurveyAnswerKind, 'scale5'>; n: number; counts: { value: number; n: number }[] }[];
  helpedBy: { value: HelpedBy; n: number }[];
  channel: { value: 'online' | 'counter'; n: number }[];
}

export interface SatisfactionQuery extends FiguresPeriod {
  agencyCode?: string;
}

function share(n: number, satisfied: number): ShareFigure {
  return { n, satisfied, share: n === 0 ? null : satisfied / n, wilson: wilsonInterval(satisfied, n) };
}

/** Every criterion id the sets have used, once, in catalog order. */
function allCriteria() {
  return [...new Set(surveyCriteriaSets.flatMap((s) => s.criteria.map((c) => c.id)))].map((id) => criterionById(id)!);
}

/** The five-level criteria's ids: the answers the indices count. */
export function scaleCriterionIds(): string[] {
  return allCriteria()
    .filter((c) => c.kind === 'scale5')
    .map((c) => c.id);
}

/**
 * The responses of an agency (with its regional offices; all when none is named) submitted in a period (all when
 * none is given): the one scope the figures aggregate and the heads' drill-down lists, so a number and the list
 * behind it are the same rows.
 */
export function responsesInScope(db: Kysely<Database>, query: { agencyCode?: string | null; from?: string; to?: string }) {
  let q = db.selectFrom('survey_responses as r');
  if (query.from !== undefined && query.to !== undefined) {
    const [start, end] = bounds({ from: query.from, to: query.to });
    q = q.where('r.submitted_at', '>=', start).where('r.submitted_at', '<', end);
  }
  if (query.agencyCode) {
    const code = query.agencyCode;
    q = q.where('r.agency_code', 'in', db.selectFrom('agencies').select('code').where((eb) => eb.or([eb('code', '=', code), eb('parent_code', '=', code)])));
  }
  return q;
}

/** The figures (see the module comment); `from` and `to` are yyyy-mm-dd, inclusive. */
export async function satisfactionFigures(db: Kysely<Database>, query: SatisfactionQuery): Promise<SatisfactionFigures> {
  const criteria = allCriteria();
  const scaleIds = scaleCriterionIds();
  const answers = responsesInScope(db, query).innerJoin('survey_answers as a', 'a.response_id', 'r.id');

  const [responses, indices, perCriterion, distributionRows, helpedRows, channelRows] = await Promise.all([
    responsesInScope(db, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    // rollup: one row per aspect, and the grand total (aspect null) — the overall index.
    answers
      .where('a.criterion_id', 'in', scaleIds)
      .select(['a.aspect', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where a.value >= ${SATISFIED_FROM})`.as('satisfied')])
      .groupBy(sql`rollup(a.aspect)`)
      .execute(),
    answers
      .where('a.criterion_id', 'in', scaleIds)
      .select(['a.criterion_id', sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where a.value >= ${SATISFIED_FROM})`.as('satisfied')])
      .groupBy('a.criterion_id')
      .execute(),
    answers
      .where('a.criterion_id', 'not in', scaleIds)
      .select(['a.criterion_id', 'a.value', sql<number>`count(*)`.as('n')])
      .groupBy(['a.criterion_id', 'a.value'])
      .execute(),
    responsesInScope(db, query).select(['r.helped_by', sql<number>`count(*)`.as('n')]).groupBy('r.helped_by').execute(),
    responsesInScope(db, query).select(['r.channel', sql<number>`count(*)`.as('n')]).groupBy('r.channel').execute(),
  ]);

  const index = (aspect: SurveyAspect | null) => {
    const row = indices.find((r) => (r.aspect ?? null) === aspect);
    return share(Number(row?.n ?? 0), Number(row?.satisfied ?? 0));
  };
  return {
    agencyCode: query.agencyCode ?? null,
    from: query.from,
    to: query.to,
    responses: Number(responses.n),
    overall: index(null),
    process: index('process'),
    outcome: index('outcome'),
    criteria: criteria
      .filter((c) => c.kind === 'scale5')
      .map((c) => {
        const row = perCriterion.find((r) => r.criterion_id === c.id);
        return { criterionId: c.id, aspect: c.aspect, ...share(Number(row?.n ?? 0), Number(row?.satisfied ?? 0)) };
      }),
    distributions: criteria.flatMap((c) => {
      if (c.kind === 'scale5') return [];
      const values = c.kind === 'count' ? [0, 1, 2] : [1, 0];
      const counts = values.map((value) => ({ value, n: Number(distributionRows.find((r) => r.criterion_id === c.id && r.value === value)?.n ?? 0) }));
      return [{ criterionId: c.id, aspect: c.aspect, kind: c.kind, n: counts.reduce((s, x) => s + x.n, 0), counts }];
    }),
    helpedBy: helpers.map((value) => ({ value, n: Number(helpedRows.find((r) => r.helped_by === value)?.n ?? 0) })),
    channel: (['online', 'counter'] as const).map((value) => ({ value, n: Number(channelRows.find((r) => r.channel === value)?.n ?? 0) })),
  };
}
