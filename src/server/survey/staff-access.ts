/**
 * Who in the back office reads individual survey responses and their comments, and the audited ways they do.
 *
 * The rule, kept simple on purpose: heads and administrators only. A head reads every response of their agency and
 * its regional offices — dossiers they handled themselves included, since the head answers for the whole agency and
 * signs its figures; an administrator reads those of their agency, a central administrator (no agency) all. Officers
 * and reception, who handle dossiers, never read individual responses, so nobody rated as "the staff who handled
 * it" sees what the citizen said about it. Comments are for these readers only and are never published.
 * Every list page and every single response shown is an audit entry.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit.ts';
import type { StaffRole } from '../auth/staff.ts';
import type { Database } from '../schema.ts';
import { responsesInScope, scaleCriterionIds } from './figures.ts';
import { agencyByCode } from '../agencies.ts';

export interface SurveyReader {
  id: number;
  email: string;
  role: StaffRole;
  agencyCode: string | null;
  ip?: string | null;
}

export class SurveyAccessError extends Error {
  constructor() {
    super('Survey responses are for heads and administrators of the agency');
    this.name = 'SurveyAccessError';
  }
}

/** Whether a role may read individual responses at all. */
export function readsSurveyResponses(role: StaffRole): boolean {
  return role === 'head' || role === 'admin';
}

export interface ResponseRow {
  id: number;
  dossierCode: string;
  agencyCode: string;
  procedureCode: string;
  kind: 'one-stop' | 'complaint' | 'denunciation';
  channel: 'online' | 'counter';
  helpedBy: 'none' | 'staff' | 'family' | 'other';
  comment: string | null;
  criteriaFrom: string;
  submittedAt: Date;
  answers: { criterionId: string; aspect: 'process' | 'outcome'; value: number }[];
}

export interface ResponseFilter {
  /** The agency (with its regional offices); defaults to the reader's own. */
  agencyCode?: string;
  /** yyyy-mm-dd, inclusive (Vietnam); both or neither. */
  from?: string;
  to?: string;
  /** Only responses that answered this criterion… */
  criterionId?: string;
  /** …or any five-level question of this aspect (the process and outcome indices)… */
  aspect?: 'process' | 'outcome';
  /** …with one of these values (4 and 5 for "satisfied"). */
  values?: number[];
  helpedBy?: ResponseRow['helpedBy'];
  channel?: ResponseRow['channel'];
  /** Keyset: responses listed after this one (its `cursorOf`). */
  after?: string | null;
  limit?: number;
}

/** The agency a reader's query is limited to: null for a central administrator's "all". @throws SurveyAccessError */
export function scopeOf(reader: SurveyReader, requested: string | undefined): string | null {
  if (!readsSurveyResponses(reader.role)) throw new SurveyAccessError();
  if (reader.agencyCode === null) {
    if (reader.role !== 'admin') throw new SurveyAccessError();
    return requested || null;
  }
  return reader.agencyCode;
}

/** Whether agency `code` is `scope` or one of its regional offices. */
export async function agencyWithin(db: Kysely<Database>, code: string, scope: string): Promise<boolean> {
  if (code === scope) return true;
  return (await agencyByCode(db, code))?.parent_code === scope;
}

export const cursorOf = (row: Pick<ResponseRow, 'id' | 'submittedAt'>) => `${row.submittedAt.getTime()}-${row.id}`;

/**
 * Responses newest first, with their answers and comments, for a head's list or a figure's drill-down; the page
 * shown is written to the audit log. @throws SurveyAccessError for a reader who may not, or an agency outside theirs
 */
export async function listResponses(db: Kysely<Database>, reader: SurveyReader, filter: ResponseFilter = {}): Promise<{ rows: ResponseRow[]; next: string | null }> {
  const scope = scopeOf(reader, filter.agencyCode);
  const agency = filter.agencyCode || scope;
  if (scope !== null && agency !== null && !(await agencyWithin(db, agency, scope))) throw new SurveyAccessError();
  const limit = Math.min(Math.max(filter.limit ?? 20, 1), 100);
  let q = responsesInScope(db, { agencyCode: agency, ...(filter.from && filter.to ? { from: filter.from, to: filter.to } : {}) })
    .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    .select(['r.id', 'd.code', 'r.agency_code', 'r.procedure_code', 'r.lifecycle_kind', 'r.channel', 'r.helped_by', 'r.comment', 'r.criteria_from', 'r.submitted_at'])
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1);
  if (filter.criterionId || filter.aspect) {
    const { criterionId, aspect, values } = filter;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_answers as a')
          .select('a.response_id')
          .whereRef('a.response_id', '=', 'r.id')
          .$if(criterionId !== undefined, (sub) => sub.where('a.criterion_id', '=', criterionId!))
          .$if(aspect !== undefined, (sub) => sub.where('a.aspect', '=', aspect!).where('a.criterion_id', 'in', scaleCriterionIds()))
          .$if(values !== undefined && values.length > 0, (sub) => sub.where('a.value', 'in', values!)),
      ),
    );
  }
  if (filter.helpedBy) q = q.where('r.helped_by', '=', filter.helpedBy);
  if (filter.channel) q = q.where('r.channel', '=', filter.channel);
  const cursor = /^(\d{1,15})-(\d{1,15})$/.exec(filter.after ?? '');
  if (cursor) {
    const at = new Date(Number(cursor[1]));
    const id = Number(cursor[2]);
    q = q.where((eb) => eb.or([eb('r.submitted_at', '<', at), eb.and([eb('r.submitted_at', '=', at), eb('r.id', '<', id)])]));
  }
  const found = await q.execute();
  const page = found.slice(0, limit);
  const rows = await withAnswers(db, page);
  await recordAudit(db, { id: reader.id, email: reader.email, ip: reader.ip ?? null }, {
    action: 'survey.responses_viewed',
    entityType: 'survey_response',
    agencyCode: agency,
    after: { ids: rows.map((r) => r.id), filter: { ...filter, after: filter.after ?? null } },
  });
  return { rows, next: found.length > limit && rows.length > 0 ? cursorOf(rows[rows.length - 1]!) : null };
}

/** One response, for its page; null when there is none in the reader's scope. Audited. @throws SurveyAccessError */
export async function readResponse(db: Kysely<Database>, reader: SurveyReader, id: number): Promise<ResponseRow | null> {
  const scope = scopeOf(reader, undefined);
  const found = await db
    .selectFrom('survey_responses as r')
    .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    .select(['r.id', 'd.code', 'r.agency_code', 'r.procedure_code', 'r.lifecycle_kind', 'r.channel', 'r.helped_by', 'r.comment', 'r.criteria_from', 'r.submitted_at'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!found || (scope !== null && !(await agencyWithin(db, found.agency_code, scope)))) return null;
  const [row] = await withAnswers(db, [found]);
  await recordAudit(db, { id: reader.id, email: reader.email, ip: reader.ip ?? null }, {
    action: 'survey.response_viewed',
    entityType: 'survey_response',
    entityId: id,
    agencyCode: found.agency_code,
  });
  return row!;
}

type Found = { id: number; code: string; agency_code: string; procedure_code: string; lifecycle_kind: ResponseRow['kind']; channel: ResponseRow['channel']; helped_by: ResponseRow['helpedBy']; comment: string | null; criteria_from: string; submitted_at: Date };

async function withAnswers(db: Kysely<Database>, found: Found[]): Promise<ResponseRow[]> {
  const answers = found.length === 0 ? [] : await db.selectFrom('survey_answers').selectAll().where('response_id', 'in', found.map((r) => r.id)).execute();
  return found.map((r) => ({
    id: r.id,
    dossierCode: r.code,
    agencyCode: r.agency_code,
    procedureCode: r.procedure_code,
    kind: r.lifecycle_kind,
    channel: r.channel,
    helpedBy: r.helped_by,
    comment: r.comment,
    criteriaFrom: r.criteria_from,
    submittedAt: new Date(r.submitted_at),
    answers: answers.filter((a) => a.response_id === r.id).map((a) => ({ criterionId: a.criterion_id, aspect: a.aspect, value: a.value })),
  }));
}
