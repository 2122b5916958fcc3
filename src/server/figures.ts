/**
 * The figures an enforcement agency is judged on for complaints and denunciations ("petitions received, cases,
 * resolved X of Y", citizens received in person), for one agency and its regional offices (or every agency) over a period.
 *
 * Definitions (the staff page prints them beside the numbers; keep the two in step):
 * - visits: reception-log visits whose date falls in the period; citizens: the people they brought (a group counts
 *   each person).
 * - petitions: dossiers of the complaint (KN) and denunciation (TC) procedures submitted in the period, whatever
 *   their channel.
 * - cases: the period's petitions counted once per matter. Two petitions are one case when one names the other as
 *   its first complaint (`data.parentDossierCode`, followed back through earlier periods), or when they came from
 *   visits of one chain of repeat visits.
 * - outside the authority: petitions transferred to the competent body (status `transferred`, or a `transfer`
 *   event); within: the others.
 * - accepted: petitions that reached acceptance (an event to `accepted`, or a status from `accepted` on).
 * - resolved: petitions decided (complaint) or concluded (denunciation), closed afterwards included.
 * - resolved on time: the day of the decide/conclude event (Vietnam's date) is on or before the due date in force
 *   then — the event's `data.dueDate` when it recorded one, else the dossier's due date.
 * - rates: resolved / accepted, and resolved on time / resolved (null when the divisor is 0).
 * The petitions are the period's intake; their stage is the one recorded when the figures are asked for.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { isRealDate } from './validation/dates.ts';

export const PETITION_PROCEDURE_CODES = ['KN', 'TC'] as const;
export const ACCEPTED_STATUSES = ['accepted', 'verifying', 'decided', 'concluded', 'closed'] as const;
export const RESOLVED_STATUSES = ['decided', 'concluded', 'closed'] as const;
const RESOLVING_ACTIONS = ['decide', 'conclude'];

export interface FiguresPeriod {
  /** yyyy-mm-dd, inclusive, Vietnam's dates. */
  from: string;
  to: string;
}

export interface AgencyFigures extends FiguresPeriod {
  /** null: every agency. */
  agencyCode: string | null;
  visits: number;
  citizens: number;
  petitions: number;
  complaints: number;
  denunciations: number;
  cases: number;
  withinAuthority: number;
  outsideAuthority: number;
  accepted: number;
  resolved: number;
  resolvedOnTime: number;
  /** resolved / accepted, 0–1; null when nothing was accepted. */
  resolvedRate: number | null;
  /** resolvedOnTime / resolved, 0–1; null when nothing was resolved. */
  onTimeRate: number | null;
}

/** The period's bounds as timestamps: [from 00:00, the day after `to` 00:00) in Vietnam (UTC+7, no DST). */
export function bounds(period: FiguresPeriod): [Date, Date] {
  if (!isRealDate(period.from) || !isRealDate(period.to) || period.from > period.to) throw new RangeError(`bad period: ${period.from}–${period.to}`);
  const start = new Date(`${period.from}T00:00:00+07:00`);
  const end = new Date(new Date(`${period.to}T00:00:00+07:00`).getTime() + 86_400_000);
  return [start, end];
}

const vnDay = (at: Date) => new Date(new Date(at).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Disjoint sets over keys, for grouping petitions into cases. */
function unionFind() {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  return {
    find,
    union(a: string, b: string) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent.set(ra, rb);
    },
  };
}

/** The figures that count petitions (dossiers), whose dossiers a drill-down can list. */
export const PETITION_FIGURES = ['petitions', 'complaints', 'denunciations', 'withinAuthority', 'outsideAuthority', 'accepted', 'resolved', 'resolvedOnTime'] as const;
export type PetitionFigure = (typeof PETITION_FIGURES)[number];

/**
 * The figures of `agencyCode` and its regional offices (null: every agency) for the period (see the module comment).
 * @throws RangeError
 */
export async function agencyFigures(db: Kysely<Database>, agencyCode: string | null, period: FiguresPeriod): Promise<AgencyFigures> {
  return (await figuresWithDossiers(db, agencyCode, period)).figures;
}

/** The ids of the dossiers one petition figure counts: the same computation as `agencyFigures`. @throws RangeError */
export async function petitionFigureDossierIds(db: Kysely<Database>, agencyCode: string | null, period: FiguresPeriod, figure: PetitionFigure): Promise<number[]> {
  return (await figuresWithDossiers(db, agencyCode, period)).dossiers[figure];
}

async function figuresWithDossiers(
  db: Kysely<Database>,
  agencyCode: string | null,
  period: FiguresPeriod,
): Promise<{ figures: AgencyFigures; dossiers: Record<PetitionFigure, number[]> }> {
  const [start, end] = bounds(period);
  const inScope = agencyCode === null ? sql<boolean>`is not null` : sql<boolean>`in (select code from agencies where code = ${agencyCode} or parent_code = ${agencyCode})`;

  const visits = await db
    .selectFrom('reception_visits')
    .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(headcount), 0)`.as('people')])
    .where(sql<boolean>`agency_code ${inScope}`)
    .where('visited_at', '>=', start)
    .where('visited_at', '<', end)
    .executeTakeFirstOrThrow();

  const petitions = await db
    .selectFrom('dossiers')
    .select(['id', 'code', 'procedure_code', 'status', 'due_date', sql<string | null>`data->>'parentDossierCode'`.as('parent_code')])
    .where(sql<boolean>`agency_code ${inScope}`)
    .where('procedure_code', 'in', [...PETITION_PROCEDURE_CODES])
    .where('submitted_at', '>=', start)
    .where('submitted_at', '<', end)
    .execute();
  const ids = petitions.map((p) => p.id);

  const events = ids.length
    ? await db
        .selectFrom('dossier_events')
        .select(['dossier_id', 'action', 'to_status', 'at', 'data', 'id'])
        .where('dossier_id', 'in', ids)
        .where((eb) => eb.or([eb('action', 'in', ['transfer', ...RESOLVING_ACTIONS]), eb('to_status', '=', 'accepted')]))
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];

  // Cases: first complaints followed back (they may be older than the period), then chains of repeat visits.
  const cases = unionFind();
  const parentOf = new Map<string, string>();
  let frontier = petitions.filter((p) => p.parent_code).map((p) => [p.code, p.parent_code!] as const);
  for (let depth = 0; frontier.length > 0 && depth < 20; depth++) {
    for (const [child, parent] of frontier) {
      parentOf.set(child, parent);
      cases.union(child, parent);
    }
    const unknown = [...new Set(frontier.map(([, parent]) => parent))].filter((c) => !parentOf.has(c));
    if (unknown.length === 0) break;
    const rows = await db.selectFrom('dossiers').select(['code', sql<string | null>`data->>'parentDossierCode'`.as('parent_code')]).where('code', 'in', unknown).execute();
    frontier = rows.filter((r) => r.parent_code && !parentOf.has(r.code)).map((r) => [r.code, r.parent_code!] as const);
  }
  if (ids.length) {
    const firstVisits = await sql<{ dossier_code: string; root_id: number }>`
      with recursive chain(start_id, id, earlier_visit_id, depth) as (
        select v.id, v.id, v.earlier_visit_id, 0 from reception_visits v where v.dossier_id in (${sql.join(ids)})
        union all
        select chain.start_id, e.id, e.earlier_visit_id, chain.depth + 1 from reception_visits e join chain on e.id = chain.earlier_visit_id where chain.depth < 200
      )
      select d.code as dossier_code, c.id as root_id
      from chain c join reception_visits s on s.id = c.start_id join dossiers d on d.id = s.dossier_id
      where c.earlier_visit_id is null`.execute(db);
    for (const row of firstVisits.rows) cases.union(row.dossier_code, `visit:${row.root_id}`);
  }

  const byDossier = new Map<number, typeof events>();
  for (const e of events) byDossier.set(e.dossier_id, [...(byDossier.get(e.dossier_id) ?? []), e]);
  const outside: number[] = [];
  const accepted: number[] = [];
  const resolved: number[] = [];
  const onTime: number[] = [];
  for (const p of petitions) {
    const own = byDossier.get(p.id) ?? [];
    if (String(p.status) === 'transferred' || own.some((e) => e.action === 'transfer')) outside.push(p.id);
    if ((ACCEPTED_STATUSES as readonly string[]).includes(p.status) || own.some((e) => e.to_status === 'accepted')) accepted.push(p.id);
    if ((RESOLVED_STATUSES as readonly string[]).includes(p.status)) {
      resolved.push(p.id);
      const decision = own.find((e) => RESOLVING_ACTIONS.includes(e.action));
      const recorded = decision?.data && typeof decision.data.dueDate === 'string' ? decision.data.dueDate : null;
      const due = recorded ?? p.due_date;
      if (decision && due && vnDay(decision.at) <= due) onTime.push(p.id);
    }
  }
  const outsideSet = new Set(outside);
  const dossiers: Record<PetitionFigure, number[]> = {
    petitions: ids,
    complaints: petitions.filter((p) => p.procedure_code === 'KN').map((p) => p.id),
    denunciations: petitions.filter((p) => p.procedure_code === 'TC').map((p) => p.id),
    withinAuthority: ids.filter((id) => !outsideSet.has(id)),
    outsideAuthority: outside,
    accepted,
    resolved,
    resolvedOnTime: onTime,
  };
  const rate = (n: number, d: number) => (d === 0 ? null : n / d);
  const figures: AgencyFigures = {
    agencyCode,
    from: period.from,
    to: period.to,
    visits: Number(visits.n),
    citizens: Number(visits.people),
    petitions: petitions.length,
    complaints: dossiers.complaints.length,
    denunciations: dossiers.denunciations.length,
    cases: new Set(petitions.map((p) => cases.find(p.code))).size,
    withinAuthority: dossiers.withinAuthority.length,
    outsideAuthority: outside.length,
    accepted: accepted.length,
    resolved: resolved.length,
    resolvedOnTime: onTime.length,
    resolvedRate: rate(resolved.length, accepted.length),
    onTimeRate: rate(onTime.length, resolved.length),
  };
  return { figures, dossiers };
}
