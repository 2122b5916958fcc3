/**
 * The reception queue: the dossiers a staff member may see, filtered, searched and paged.
 *
 * Scope: staff of an agency see its dossiers and those of its regional offices (agencies whose parent it is); a
 * central administrator (no agency) sees every dossier.
 *
 * Paging is by keyset, not OFFSET: the cursor carries the sort key of the last row shown (due date, submission time,
 * id), and the next page starts strictly after it, so a deep page costs what the first one does and rows do not
 * repeat or vanish when dossiers arrive meanwhile. The cursor is opaque to callers (base64url JSON).
 *
 * Search: a dossier code (typed in any case, with or without dashes or spaces) matches that code exactly; anything
 * else is split into words, and every word must appear, accent-insensitively, in the applicant's name, ID number or
 * the code (`search_fold(...) like '%word%'`, the expression of the trigram index `dossiers_search_idx`).
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { loadCalendar } from '../calendar-store.ts';
import { procedures } from '../catalog/index.ts';
import { todayInVietnam } from '../calendar.ts';
import type { Database } from '../schema.ts';
import { normaliseDossierCode } from './code.ts';
import { allStatuses, pendingStatuses, type DossierStatus, type StaffRole } from './lifecycle.ts';

export interface QueueViewer {
  role: StaffRole;
  /** Null only for a central administrator. */
  agencyCode: string | null;
  staffId: number;
}

export type QueueSort = 'due' | 'submitted';

export interface QueueFilter {
  status?: DossierStatus | readonly DossierStatus[];
  procedure?: string;
  /** Complaints only, by round: a first complaint, or a second one against the first decision. */
  round?: 'first' | 'second';
  assignedToMe?: boolean;
  /** Pending dossiers (received, in progress) due from today up to this many working days ahead (0 = due today). */
  dueWithinWorkingDays?: number;
  /**
   * true: pending dossiers (received, in progress, awaiting approval) whose due date has passed (before today in
   * Vietnam) — the result was not ready in time — and dossiers waiting to be received past reception's completeness
   * check. false: every dossier but those. Undefined: no filter.
   */
  overdue?: boolean;
  /** A dossier code, or words of the applicant's name or ID number (see the module comment). */
  q?: string;
  /**
   * 'due' (default): the date something is owed ascending — the due date, or for a dossier waiting to be received the
   * last day of its completeness check — dossiers without either last, then oldest submitted. 'submitted': oldest first.
   */
  sort?: QueueSort;
  /** 1–100, default 25. */
  pageSize?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** "Now" for today's date in Vietnam (tests). */
  now?: Date;
}

export interface QueueRow {
  id: number;
  code: string;
  procedure_code: string;
  agency_code: string;
  status: DossierStatus;
  applicant_name: string;
  submitted_at: Date;
  received_at: Date | null;
  due_date: string | null;
  check_due_date: string | null;
  assigned_to: number | null;
  assigned_name: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A cursor that was not made by `listQueue` (edited, truncated) or was made for the other sort order. */
export class QueueCursorError extends Error {
  constructor() {
    super('Invalid queue cursor');
    this.name = 'QueueCursorError';
  }
}

export { pendingStatuses };

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
const MAX_QUERY_WORDS = 6;

// ---------------------------------------------------------------------------------------------------------------
// Cursor

interface CursorKey {
  s: QueueSort;
  /** The due date (or the completeness check's), or 'infinity' for none (sorted last). Only for sort 'due'. */
  d?: string;
  /** submitted_at as ISO 8601 with microseconds (UTC): exact, unlike a JS Date. */
  t: string;
  i: number;
}

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, sort: QueueSort): CursorKey {
  let key: CursorKey;
  try {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw new Error();
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
  } catch {
    throw new QueueCursorError();
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    key.s === sort &&
    typeof key.t === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(key.t) &&
    Number.isSafeInteger(key.i) &&
    key.i > 0 &&
    (sort === 'submitted' || (typeof key.d === 'string' && /^(\d{4}-\d{2}-\d{2}|infinity)$/.test(key.d)));
  if (!valid) throw new QueueCursorError();
  return key;
}

// ---------------------------------------------------------------------------------------------------------------
// Query parts

/** Agencies a viewer sees; null = all. An account without an agency that is not an administrator sees nothing. */
function scopeCondition(viewer: QueueViewer): Expression<SqlBool> | null {
  if (viewer.agencyCode === null) return viewer.role === 'admin' ? null : sql<SqlBool>`false`;
  return sql<SqlBool>`dossiers.agency_code in (select code from agencies where code = ${viewer.agencyCode} or parent_code = ${viewer.agencyCode})`;
}

/** Exactly the expression of the trigram index `dossiers_search_idx`, so the planner can use it. */
const searchText = sql`search_fold(dossiers.applicant_name || ' ' || dossiers.applicant_id_number || ' ' || dossiers.code)`;

const likeEscape = (word: string) => word.replace(/[\\%_]/g, (c) => '\\' + c);

function searchCondition(q: string): Expression<SqlBool> | null {
  const text = q.normalize('NFC').trim().slice(0, 200);
  if (text === '') return null;
  const code = normaliseDossierCode(text);
  if (code !== null) return sql<SqlBool>`dossiers.code = ${code}`;
  const words = text.split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_WORDS);
  return sql<SqlBool>`(${sql.join(
    words.map((w) => sql`${searchText} like '%' || search_fold(${likeEscape(w)}) || '%'`),
    sql` and `,
  )})`;
}

const pendingList = () => sql.join(pendingStatuses.map((s) => sql`${s}`));

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** One page of the queue `viewer` may see (see the module comment). @throws QueueCursorError, RangeError */
export async function listQueue(db: Kysely<Database>, viewer: QueueViewer, filter: QueueFilter = {}): Promise<QueuePage> {
  const sort: QueueSort = filter.sort ?? 'due';
  if (sort !== 'due' && sort !== 'submitted') throw new RangeError(`unknown sort: ${String(sort)}`);
  const pageSize =
    filter.pageSize === undefined || !Number.isFinite(filter.pageSize)
      ? DEFAULT_PAGE_SIZE
      : Math.min(Math.max(Math.trunc(filter.pageSize), 1), MAX_PAGE_SIZE);
  const today = todayInVietnam(filter.now);

  const conditions: Expression<SqlBool>[] = [];
  const scope = scopeCondition(viewer);
  if (scope) conditions.push(scope);

  const statuses = filter.status === undefined ? [] : typeof filter.status === 'string' ? [filter.status] : [...filter.status];
  if (statuses.length > 0) conditions.push(sql<SqlBool>`dossiers.status in (${sql.join(statuses)})`);
  if (filter.procedure) conditions.push(sql<SqlBool>`dossiers.procedure_code = ${filter.procedure}`);
  if (filter.round) {
    const complaints = procedures.filter((p) => p.kind === 'complaint').map((p) => p.code);
    conditions.push(sql<SqlBool>`(dossiers.procedure_code in (${sql.join(complaints)}) and coalesce(dossiers.data->>'round', 'first') = ${filter.round})`);
  }
  if (filter.assignedToMe) conditions.push(sql<SqlBool>`dossiers.assigned_to = ${viewer.staffId}`);
  const overdue = sql<SqlBool>`((dossiers.status in (${pendingList()}) and dossiers.due_date < ${today}::date) or (dossiers.status = 'submitted' and dossiers.check_due_date < ${today}::date))`;
  if (filter.overdue === true) conditions.push(overdue);
  else if (filter.overdue === false) conditions.push(sql<SqlBool>`(${overdue}) is not true`);
  if (filter.dueWithinWorkingDays !== undefined) {
    const n = filter.dueWithinWorkingDays;
    if (!Number.isInteger(n) || n < 0 || n > 366) throw new RangeError(`dueWithinWorkingDays must be an integer 0–366: ${n}`);
    const last = (await loadCalendar(db)).addWorkingDays(today, n);
    conditions.push(
      sql<SqlBool>`((dossiers.status in (${pendingList()}) and dossiers.due_date >= ${today}::date and dossiers.due_date <= ${last}::date) or (dossiers.status = 'submitted' and dossiers.check_due_date >= ${today}::date and dossiers.check_due_date <= ${last}::date))`,
    );
  }
  if (filter.q !== undefined) {
    const search = searchCondition(filter.q);
    if (search) conditions.push(search);
  }

  // Exactly the expression of the index `dossiers_queue_owed_idx`.
  const dueKey = sql`coalesce(dossiers.due_date, dossiers.check_due_date, 'infinity'::date)`;
  if (filter.cursor) {
    const key = decodeCursor(filter.cursor, sort);
    conditions.push(
      sort === 'due'
        ? sql<SqlBool>`(${dueKey}, dossiers.submitted_at, dossiers.id) > (${key.d}::date, ${key.t}::timestamptz, ${key.i}::bigint)`
        : sql<SqlBool>`(dossiers.submitted_at, dossiers.id) > (${key.t}::timestamptz, ${key.i}::bigint)`,
    );
  }

  let query = db
    .selectFrom('dossiers')
    .leftJoin('staff_users as assignee', 'assignee.id', 'dossiers.assigned_to')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.procedure_code',
      'dossiers.agency_code',
      'dossiers.status',
      'dossiers.applicant_name',
      'dossiers.submitted_at',
      'dossiers.received_at',
      'dossiers.due_date',
      'dossiers.check_due_date',
      'dossiers.assigned_to',
      'assignee.full_name as assigned_name',
      sql<string>`to_char(dossiers.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('submitted_key'),
    ])
    .where((eb) => eb.and(conditions))
    .limit(pageSize + 1);
  query = sort === 'due' ? query.orderBy(dueKey).orderBy('dossiers.submitted_at').orderBy('dossiers.id') : query.orderBy('dossiers.submitted_at').orderBy('dossiers.id');

  const found = await query.execute();
  const page = found.slice(0, pageSize);
  const last = page[page.length - 1];
  const nextCursor =
    found.length > pageSize && last
      ? encodeCursor(sort === 'due' ? { s: sort, d: last.due_date ?? last.check_due_date ?? 'infinity', t: last.submitted_key, i: last.id } : { s: sort, t: last.submitted_key, i: last.id })
      : null;
  return {
    rows: page.map(({ submitted_key: _key, ...row }) => ({
      ...row,
      status: row.status as DossierStatus,
      submitted_at: new Date(row.submitted_at),
      received_at: row.received_at === null ? null : new Date(row.received_at),
    })),
    nextCursor,
  };
}

/** How many dossiers `viewer` sees in each status (every status present, 0 when none). */
export async function countByStatus(db: Kysely<Database>, viewer: QueueViewer): Promise<Record<DossierStatus, number>> {
  const scope = scopeCondition(viewer);
  let query = db
    .selectFrom('dossiers')
    .select((eb) => ['dossiers.status', eb.fn.countAll<number>().as('n')])
    .groupBy('dossiers.status');
  if (scope) query = query.where(scope);
  const counts = Object.fromEntries(allStatuses.map((s) => [s, 0])) as Record<DossierStatus, number>;
  for (const row of await query.execute()) {
    if (row.status in counts) counts[row.status as DossierStatus] = Number(row.n);
  }
  return counts;
}
