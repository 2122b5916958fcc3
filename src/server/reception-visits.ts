/**
 * The citizen reception log (tiếp công dân): every in-person visit an agency receives — regular reception, or the
 * head's periodic or ad hoc reception — with the citizen, the group, the matter, the outcome and who received them.
 * A visit that produced a complaint or denunciation links to the dossier entered at the counter; a repeat visit on
 * the same matter links to the earlier one, so the whole history of a matter reads as one chain.
 *
 * Who may do what: reception and heads of an agency record and correct visits of their agency and its regional
 * offices; officers read them; administrators read them (a central administrator: every agency's). Every create and
 * edit is audited in its transaction — without the citizen's identity, which the audit-log viewer must never show
 * for a denouncer.
 *
 * A denouncer's identity is protected (Law on Denunciations 2018): on a visit about a denunciation, the citizen's
 * name, ID number, address, phone and representatives are shown only to the head, administrators and the staff
 * member who received or recorded the visit; anyone else sees a placeholder, and the search does not match it.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { recordAudit, type AuditActor } from './audit.ts';
import { normaliseDossierCode } from './dossiers/code.ts';
import { parseDate, tidy } from './registry/admin.ts';
import type { Database, ReceptionVisit, ReceptionVisitsTable } from './schema.ts';
import { todayInVietnam } from './validation/dates.ts';
import { isRowId } from './row-id.ts';
import { agencyAndOffices } from './agencies.ts';

export const visitKinds = ['regular', 'head_periodic', 'head_adhoc'] as const satisfies readonly ReceptionVisitsTable['kind'][];
export const visitCategories = ['complaint', 'denunciation', 'recommendation', 'guidance', 'other'] as const satisfies readonly ReceptionVisitsTable['category'][];
export const visitOutcomes = ['guided', 'petition_received', 'forwarded', 'refused'] as const satisfies readonly ReceptionVisitsTable['outcome'][];
export type VisitKind = (typeof visitKinds)[number];
export type VisitCategory = (typeof visitCategories)[number];
export type VisitOutcome = (typeof visitOutcomes)[number];

/** Procedures whose dossiers a visit's petition may link to: complaint and denunciation. */
export const PETITION_PROCEDURES = ['KN', 'TC'] as const;

/** The signed-in staff member (a `SessionUser` fits), and where the request came from. */
export interface ReceptionActor {
  id: number;
  email: string;
  role: 'reception' | 'officer' | 'head' | 'admin';
  agency_code: string | null;
  ip?: string | null;
}

export const visitRefusals = ['forbidden', 'not_found', 'invalid'] as const;
export type VisitErrorReason = (typeof visitRefusals)[number];

/** A value's problems in the reception log's form, each answered under its field. */
export const visitFieldProblems = ['required', 'choice', 'too_long', 'too_short', 'date', 'future', 'time', 'id_number', 'phone', 'headcount', 'representatives', 'dossier_required', 'dossier_code', 'dossier_unknown', 'dossier_kind', 'scope', 'visit_number', 'visit_unknown', 'visit_not_earlier', 'before_later'] as const;

export class VisitError extends Error {
  readonly reason: VisitErrorReason;
  /** For 'invalid': field → problem code. */
  readonly fields: Record<string, string>;
  constructor(reason: VisitErrorReason, fields: Record<string, string> = {}) {
    super(`Reception visit refused: ${reason}${Object.keys(fields).length ? ' ' + JSON.stringify(fields) : ''}`);
    this.name = 'VisitError';
    this.reason = reason;
    this.fields = fields;
  }
}

/** The form's fields, as typed; the names are the service's everywhere (form, errors). */
export const visitFields = [
  'agency_code',
  'visited_on',
  'visited_time',
  'kind',
  'citizen_name',
  'citizen_id_number',
  'citizen_address',
  'citizen_phone',
  'headcount',
  'representatives',
  'subject',
  'category',
  'outcome',
  'dossier_code',
  'forwarded_to',
  'refusal_reason',
  'received_by',
  'earlier_visit_id',
] as const;
export type VisitField = (typeof visitFields)[number];
export type VisitInput = Partial<Record<VisitField, string | null | undefined>>;

/** [min, max] characters of each text field after tidying. */
export const VISIT_TEXT_LIMITS: Record<string, [number, number]> = {
  citizen_name: [2, 100],
  citizen_address: [3, 300],
  representatives: [2, 500],
  subject: [3, 2000],
  forwarded_to: [2, 300],
  refusal_reason: [3, 1000],
};
/** From five people a group names representatives (Circular 13/2021/TT-BTP; the Law on Citizen Reception Art. 30). */
export const GROUP_SIZE = 5;
const MAX_HEADCOUNT = 1000;
const EARLIEST = '2000-01-01';

type Db = Kysely<Database> | Transaction<Database>;
const auditActor = (a: ReceptionActor): AuditActor => ({ id: a.id, email: a.email, ip: a.ip ?? null });

export const canRecordVisits = (role: ReceptionActor['role']) => role === 'reception' || role === 'head';
const canReadVisits = (actor: ReceptionActor) => (actor.agency_code === null ? actor.role === 'admin' : ['reception', 'officer', 'head', 'admin'].includes(actor.role));

/** Agencies whose visits the actor sees: their agency and its regional offices; null = all (central administrator). */
function scopeCondition(actor: ReceptionActor): Expression<SqlBool> {
  if (actor.agency_code === null) return actor.role === 'admin' ? sql<SqlBool>`true` : sql<SqlBool>`false`;
  return sql<SqlBool>`reception_visits.agency_code in (select code from agencies where code = ${actor.agency_code} or parent_code = ${actor.agency_code})`;
}

/** Agencies the actor may record visits for, with names, for the form. */
export async function visitAgencyOptions(db: Db, actor: ReceptionActor): Promise<{ code: string; name_vi: string }[]> {
  if (actor.agency_code === null) return [];
  return (await agencyAndOffices(db, actor.agency_code)).map(({ code, name_vi }) => ({ code, name_vi }));
}

/** The agencies whose figures the actor may read (/can-bo/so-lieu): every agency for central staff, else as for the form. */
export async function figuresAgencyOptions(db: Db, actor: ReceptionActor): Promise<{ code: string; name_vi: string }[]> {
  return (await agencyAndOffices(db, actor.agency_code)).map(({ code, name_vi }) => ({ code, name_vi }));
}

/** Active staff of the actor's agency and its regional offices who can receive citizens, for "received by". */
export async function receptionStaffOptions(db: Db, actor: ReceptionActor): Promise<{ id: number; full_name: string; role: string }[]> {
  if (actor.agency_code === null) return [];
  const agencies = (await agencyAndOffices(db, actor.agency_code)).map((a) => a.code);
  return db
    .selectFrom('staff_users')
    .select(['id', 'full_name', 'role'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', ['reception', 'officer', 'head'])
    .where('agency_code', 'in', agencies)
    .orderBy('full_name')
    .execute();
}

/** Whether `actor` may read the citizen's identity on this visit (see the module comment). */
export function seesIdentity(actor: ReceptionActor, visit: { category: string; received_by: number; created_by: number }): boolean {
  return visit.category !== 'denunciation' || actor.role === 'head' || actor.role === 'admin' || actor.id === visit.received_by || actor.id === visit.created_by;
}

/** The same rule in SQL, for the search. */
function identityVisible(actor: ReceptionActor): Expression<SqlBool> {
  if (actor.role === 'head' || actor.role === 'admin') return sql<SqlBool>`true`;
  return sql<SqlBool>`(reception_visits.category <> 'denunciation' or reception_visits.received_by = ${actor.id} or reception_visits.created_by = ${actor.id})`;
}

/** A checked visit: the table's columns, with the dossier by its code (looked up when stored). */
type CleanVisit = Omit<ReceptionVisit, 'id' | 'dossier_id' | 'created_by' | 'created_at' | 'updated_at' | 'search_text'> & { dossier_code: string | null };

/**
 * Checks what the form supplies, without the database: field → problem code, or the clean values (the dossier,
 * agency, staff member and earlier visit are looked up by `createVisit`/`updateVisit`).
 */
export function validateVisit(input: VisitInput, now = new Date()): { values: CleanVisit; fields: null } | { values: null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const text = (name: keyof typeof VISIT_TEXT_LIMITS & VisitField, required: boolean): string | null => {
    const v = tidy(input[name]);
    const [min, max] = VISIT_TEXT_LIMITS[name]!;
    if (!v) {
      if (required) fields[name] = 'required';
      return null;
    }
    if (v.length > max) fields[name] = 'too_long';
    else if (v.length < min) fields[name] = 'too_short';
    return v;
  };
  const oneOf = <T extends string>(name: VisitField, options: readonly T[]): T => {
    const raw = tidy(input[name]);
    const found = options.find((o) => o === raw);
    if (!raw) fields[name] = 'required';
    else if (!found) fields[name] = 'choice';
    return found as T;
  };

  const agency_code = tidy(input.agency_code).toUpperCase();
  if (!agency_code) fields.agency_code = 'required';

  const today = todayInVietnam(now);
  const day = tidy(input.visited_on);
  const visitedOn = day ? parseDate(day) : null;
  if (!day) fields.visited_on = 'required';
  else if (!visitedOn || visitedOn < EARLIEST) fields.visited_on = 'date';
  else if (visitedOn > today) fields.visited_on = 'future';
  const time = tidy(input.visited_time);
  const hm = /^([01]?\d|2[0-3])[:h.]([0-5]\d)$/.exec(time);
  if (!time) fields.visited_time = 'required';
  else if (!hm) fields.visited_time = 'time';
  let visited_at = new Date(NaN);
  if (visitedOn && hm) {
    visited_at = new Date(`${visitedOn}T${hm[1]!.padStart(2, '0')}:${hm[2]}:00+07:00`);
    if (!fields.visited_on && visited_at.getTime() > now.getTime()) fields.visited_time = 'future';
  }

  const kind = oneOf('kind', visitKinds);
  const citizen_name = text('citizen_name', true);
  if (citizen_name && !fields.citizen_name && !/\p{L}.*\p{L}/u.test(citizen_name)) fields.citizen_name = 'too_short';
  const idRaw = tidy(input.citizen_id_number).replace(/\s/g, '');
  // A 12-digit citizen ID (CCCD) or an old 9-digit identity card (CMND), which people still carry.
  if (idRaw && !/^(\d{9}|\d{12})$/.test(idRaw)) fields.citizen_id_number = 'id_number';
  const citizen_address = text('citizen_address', true);
  const phoneRaw = tidy(input.citizen_phone).replace(/[\s.\-()]/g, '').replace(/^\+84/, '0');
  // Mobile or landline: 10 or 11 digits from 0.
  if (phoneRaw && !/^0\d{9,10}$/.test(phoneRaw)) fields.citizen_phone = 'phone';

  const countRaw = tidy(input.headcount) || '1';
  const headcount = /^\d{1,4}$/.test(countRaw) ? Number(countRaw) : NaN;
  if (!Number.isInteger(headcount) || headcount < 1 || headcount > MAX_HEADCOUNT) fields.headcount = 'headcount';
  const representatives = text('representatives', headcount >= GROUP_SIZE);
  if (fields.representatives === 'required') fields.representatives = 'representatives';

  const subject = text('subject', true);
  const category = oneOf('category', visitCategories);
  const outcome = oneOf('outcome', visitOutcomes);

  let dossier_code: string | null = null;
  const codeRaw = tidy(input.dossier_code);
  if (outcome === 'petition_received') {
    if (!codeRaw) fields.dossier_code = 'dossier_required';
    else if (!(dossier_code = normaliseDossierCode(codeRaw))) fields.dossier_code = 'dossier_code';
  }
  const forwarded_to = outcome === 'forwarded' ? text('forwarded_to', true) : null;
  const refusal_reason = outcome === 'refused' ? text('refusal_reason', true) : null;

  const staffRaw = tidy(input.received_by);
  if (!staffRaw) fields.received_by = 'required';
  else if (!isRowId(staffRaw)) fields.received_by = 'choice';
  const earlierRaw = tidy(input.earlier_visit_id).replace(/^#/, '');
  if (earlierRaw && !isRowId(earlierRaw)) fields.earlier_visit_id = 'visit_number';

  if (Object.keys(fields).length > 0) return { values: null, fields };
  return {
    values: {
      agency_code,
      visited_at,
      kind,
      citizen_name: citizen_name!,
      citizen_id_number: idRaw || null,
      citizen_address: citizen_address!,
      citizen_phone: phoneRaw || null,
      headcount,
      representatives,
      subject: subject!,
      category,
      outcome,
      dossier_code,
      forwarded_to,
      refusal_reason,
      received_by: Number(staffRaw),
      earlier_visit_id: earlierRaw ? Number(earlierRaw) : null,
    },
    fields: null,
  };
}

/** The database checks of a clean visit; returns the dossier id. `selfId` when editing. */
async function checkReferences(db: Db, actor: ReceptionActor, v: CleanVisit, selfId: number | null): Promise<{ dossierId: number | null }> {
  const fields: Record<string, string> = {};
  const agencies = new Set((await visitAgencyOptions(db, actor)).map((a) => a.code));
  if (!agencies.has(v.agency_code)) fields.agency_code = 'scope';
  const staff = await receptionStaffOptions(db, actor);
  if (!staff.some((s) => s.id === v.received_by)) fields.received_by = 'choice';
  let dossierId: number | null = null;
  if (v.dossier_code) {
    const dossier = await db
      .selectFrom('dossiers')
      .select(['id', 'procedure_code', 'agency_code'])
      .where('code', '=', v.dossier_code)
      .executeTakeFirst();
    if (!dossier || !agencies.has(dossier.agency_code)) fields.dossier_code = 'dossier_unknown';
    else if (!(PETITION_PROCEDURES as readonly string[]).includes(dossier.procedure_code)) fields.dossier_code = 'dossier_kind';
    else dossierId = dossier.id;
  }
  if (v.earlier_visit_id !== null) {
    const earlier = await db
      .selectFrom('reception_visits')
      .select(['id', 'visited_at'])
      .where('id', '=', v.earlier_visit_id)
      .where(scopeCondition(actor))
      .executeTakeFirst();
    // Visits are ordered by (time, id), a strict order, so links that follow it never loop. A new visit's id is the
    // highest, so an earlier visit in the same minute is still before it.
    const t = new Date(earlier?.visited_at ?? 0).getTime();
    if (!earlier || earlier.id === selfId) fields.earlier_visit_id = 'visit_unknown';
    else if (t > v.visited_at.getTime() || (t === v.visited_at.getTime() && selfId !== null && earlier.id > selfId)) fields.earlier_visit_id = 'visit_not_earlier';
  }
  if (selfId !== null) {
    // Later visits linked to this one must stay later: the chain never loops back.
    const later = await db
      .selectFrom('reception_visits')
      .select('id')
      .where('earlier_visit_id', '=', selfId)
      .where((eb) => eb.or([eb('visited_at', '<', v.visited_at), eb.and([eb('visited_at', '=', v.visited_at), eb('id', '<', selfId)])]))
      .executeTakeFirst();
    if (later) fields.visited_on = 'before_later';
  }
  if (Object.keys(fields).length > 0) throw new VisitError('invalid', fields);
  return { dossierId };
}

/** What the audit log keeps of a visit: never the citizen's identity. */
function auditView(v: CleanVisit) {
  return {
    agency: v.agency_code,
    visitedAt: v.visited_at.toISOString(),
    kind: v.kind,
    headcount: v.headcount,
    category: v.category,
    outcome: v.outcome,
    dossierCode: v.dossier_code,
    earlierVisitId: v.earlier_visit_id,
    receivedBy: v.received_by,
  };
}

function rowOf(v: CleanVisit, dossierId: number | null) {
  const { dossier_code: _code, ...rest } = v;
  return { ...rest, dossier_id: dossierId };
}

function requireRecorder(actor: ReceptionActor): void {
  if (!canRecordVisits(actor.role) || actor.agency_code === null) throw new VisitError('forbidden');
}

/** Records a visit. @returns its id. @throws VisitError */
export async function createVisit(db: Kysely<Database>, actor: ReceptionActor, input: VisitInput, now = new Date()): Promise<number> {
  requireRecorder(actor);
  const checked = validateVisit(input, now);
  if (!checked.values) throw new VisitError('invalid', checked.fields);
  const v = checked.values;
  return db.transaction().execute(async (trx) => {
    const { dossierId } = await checkReferences(trx, actor, v, null);
    const { id } = await trx
      .insertInto('reception_visits')
      .values({ ...rowOf(v, dossierId), created_by: actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, auditActor(actor), { action: 'reception.visit_created', entityType: 'reception_visit', entityId: id, agencyCode: v.agency_code, after: auditView(v) });
    return id;
  });
}

/** Corrects a visit. @throws VisitError */
export async function updateVisit(db: Kysely<Database>, actor: ReceptionActor, id: number, input: VisitInput, now = new Date()): Promise<void> {
  requireRecorder(actor);
  const checked = validateVisit(input, now);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('reception_visits').selectAll().where('id', '=', id).where(scopeCondition(actor)).forUpdate().executeTakeFirst();
    if (!before) throw new VisitError('not_found');
    if (!seesIdentity(actor, before)) throw new VisitError('forbidden');
    if (!checked.values) throw new VisitError('invalid', checked.fields);
    const v = checked.values;
    const { dossierId } = await checkReferences(trx, actor, v, id);
    await trx.updateTable('reception_visits').set({ ...rowOf(v, dossierId), updated_at: now }).where('id', '=', id).execute();
    const old = { ...before, visited_at: new Date(before.visited_at), dossier_code: await dossierCodeOf(trx, before.dossier_id) } as unknown as CleanVisit;
    const changed = (Object.keys(v) as (keyof CleanVisit)[]).filter((f) => String(old[f] ?? '') !== String(v[f] ?? '') && !(f === 'visited_at' && old.visited_at.getTime() === v.visited_at.getTime()));
    await recordAudit(trx, auditActor(actor), {
      action: 'reception.visit_updated',
      entityType: 'reception_visit',
      entityId: id,
      agencyCode: v.agency_code,
      before: auditView(old),
      after: { ...auditView(v), changed },
    });
  });
}


async function dossierCodeOf(db: Db, dossierId: number | null): Promise<string | null> {
  if (dossierId === null) return null;
  const row = await db.selectFrom('dossiers').select('code').where('id', '=', dossierId).executeTakeFirst();
  return row?.code ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export interface VisitRow {
  id: number;
  agency_code: string;
  visited_at: Date;
  kind: VisitKind;
  /** Null when the viewer may not see the identity (a denouncer). */
  citizen_name: string | null;
  headcount: number;
  subject: string;
  category: VisitCategory;
  outcome: VisitOutcome;
  dossier_code: string | null;
  received_by_name: string;
  earlier_visit_id: number | null;
}

export interface VisitDetail extends VisitRow {
  identityHidden: boolean;
  citizen_id_number: string | null;
  citizen_address: string | null;
  citizen_phone: string | null;
  representatives: string | null;
  forwarded_to: string | null;
  refusal_reason: string | null;
  received_by: number;
  dossier_status: string | null;
  dossier_procedure: string | null;
  /** Every visit on the same matter (the chain through earlier visits), oldest first, this one included. */
  chain: VisitRow[];
  /** The form's values, for editing (identity fields empty when hidden). */
  values: Record<VisitField, string>;
}

export interface VisitFilter {
  /** Words of the name (with or without diacritics), the ID number or the matter. */
  q?: string;
  /** yyyy-mm-dd, inclusive, Vietnam's dates. */
  from?: string;
  to?: string;
  kind?: string;
  outcome?: string;
  category?: string;
  cursor?: string | null;
  /** 1–100, default 25. */
  pageSize?: number;
}

export class VisitCursorError extends Error {
  constructor() {
    super('Invalid visit cursor');
    this.name = 'VisitCursorError';
  }
}

const likeEscape = (word: string) => word.replace(/[\\%_]/g, (c) => '\\' + c);
const visitedKey = sql<string>`to_char(reception_visits.visited_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function encodeCursor(t: string, i: number): string {
  return Buffer.from(JSON.stringify({ t, i }), 'utf8').toString('base64url');
}
function decodeCursor(cursor: string): { t: string; i: number } {
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error();
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: unknown; i: unknown };
    if (typeof key.t !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(key.t) || !Number.isSafeInteger(key.i) || (key.i as number) < 1) throw new Error();
    return { t: key.t, i: key.i as number };
  } catch {
    throw new VisitCursorError();
  }
}

function baseQuery(db: Db) {
  return db
    .selectFrom('reception_visits')
    .innerJoin('staff_users as receiver', 'receiver.id', 'reception_visits.received_by')
    .leftJoin('dossiers', 'dossiers.id', 'reception_visits.dossier_id')
    .selectAll('reception_visits')
    .select(['receiver.full_name as received_by_name', 'dossiers.code as dossier_code', 'dossiers.status as dossier_status', 'dossiers.procedure_code as dossier_procedure', visitedKey.as('visited_key')]);
}
type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toRow(actor: ReceptionActor, r: BaseRow): VisitRow {
  return {
    id: r.id,
    agency_code: r.agency_code,
    visited_at: new Date(r.visited_at),
    kind: r.kind,
    citizen_name: seesIdentity(actor, r) ? r.citizen_name : null,
    headcount: r.headcount,
    subject: r.subject,
    category: r.category,
    outcome: r.outcome,
    dossier_code: r.dossier_code,
    received_by_name: r.received_by_name,
    earlier_visit_id: r.earlier_visit_id,
  };
}

/** One page of the visits `actor` sees, newest first, by keyset. @throws VisitError('forbidden'), VisitCursorError */
export async function listVisits(db: Kysely<Database>, actor: ReceptionActor, filter: VisitFilter = {}): Promise<{ rows: VisitRow[]; nextCursor: string | null }> {
  if (!canReadVisits(actor)) throw new VisitError('forbidden');
  const pageSize = Math.min(Math.max(Math.trunc(filter.pageSize ?? 25) || 25, 1), 100);
  const conditions: Expression<SqlBool>[] = [scopeCondition(actor)];
  const words = tidy(filter.q).slice(0, 200).split(' ').filter(Boolean).slice(0, 6);
  if (words.length > 0) {
    conditions.push(identityVisible(actor));
    for (const w of words) conditions.push(sql<SqlBool>`reception_visits.search_text like '%' || search_fold(${likeEscape(w)}) || '%'`);
  }
  const from = filter.from ? parseDate(filter.from) : null;
  const to = filter.to ? parseDate(filter.to) : null;
  if (from) conditions.push(sql<SqlBool>`reception_visits.visited_at >= ${`${from}T00:00:00+07:00`}::timestamptz`);
  if (to) conditions.push(sql<SqlBool>`reception_visits.visited_at < (${`${to}T00:00:00+07:00`}::timestamptz + interval '1 day')`);
  if (filter.kind && (visitKinds as readonly string[]).includes(filter.kind)) conditions.push(sql<SqlBool>`reception_visits.kind = ${filter.kind}`);
  if (filter.outcome && (visitOutcomes as readonly string[]).includes(filter.outcome)) conditions.push(sql<SqlBool>`reception_visits.outcome = ${filter.outcome}`);
  if (filter.category && (visitCategories as readonly string[]).includes(filter.category)) conditions.push(sql<SqlBool>`reception_visits.category = ${filter.category}`);
  if (filter.cursor) {
    const key = decodeCursor(filter.cursor);
    conditions.push(sql<SqlBool>`(reception_visits.visited_at, reception_visits.id) < (${key.t}::timestamptz, ${key.i}::bigint)`);
  }
  const found = await baseQuery(db)
    .where((eb) => eb.and(conditions))
    .orderBy('reception_visits.visited_at', 'desc')
    .orderBy('reception_visits.id', 'desc')
    .limit(pageSize + 1)
    .execute();
  const page = found.slice(0, pageSize);
  const last = page[page.length - 1];
  return { rows: page.map((r) => toRow(actor, r)), nextCursor: found.length > pageSize && last ? encodeCursor(last.visited_key, last.id) : null };
}

const vnParts = (d: Date) => {
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
};

/** One visit with its chain and dossier, or undefined when it is not in the actor's scope. */
export async function getVisit(db: Kysely<Database>, actor: ReceptionActor, id: number): Promise<VisitDetail | undefined> {
  if (!canReadVisits(actor)) throw new VisitError('forbidden');
  const r = await baseQuery(db).where('reception_visits.id', '=', id).where(scopeCondition(actor)).executeTakeFirst();
  if (!r) return undefined;
  // Up to the first visit on the matter, then every visit that follows from it (depth-bounded against bad data).
  const chainIds = await sql<{ id: number }>`
    with recursive up(id, earlier_visit_id, depth) as (
      select id, earlier_visit_id, 0 from reception_visits where id = ${id}
      union all
      select v.id, v.earlier_visit_id, up.depth + 1 from reception_visits v join up on v.id = up.earlier_visit_id where up.depth < 200
    ), root as (
      select id from up order by depth desc limit 1
    ), down(id, depth) as (
      select id, 0 from root
      union all
      select v.id, down.depth + 1 from reception_visits v join down on v.earlier_visit_id = down.id where down.depth < 200
    )
    select distinct id from down`.execute(db);
  const chain = await baseQuery(db)
    .where(
      'reception_visits.id',
      'in',
      chainIds.rows.map((c) => Number(c.id)),
    )
    .where(scopeCondition(actor))
    .orderBy('reception_visits.visited_at')
    .orderBy('reception_visits.id')
    .execute();
  const visible = seesIdentity(actor, r);
  const hide = (s: string | null) => (visible ? s : null);
  const { day, time } = vnParts(new Date(r.visited_at));
  return {
    ...toRow(actor, r),
    identityHidden: !visible,
    citizen_id_number: hide(r.citizen_id_number),
    citizen_address: hide(r.citizen_address),
    citizen_phone: hide(r.citizen_phone),
    representatives: hide(r.representatives),
    forwarded_to: r.forwarded_to,
    refusal_reason: r.refusal_reason,
    received_by: r.received_by,
    dossier_status: r.dossier_status,
    dossier_procedure: r.dossier_procedure,
    chain: chain.map((c) => toRow(actor, c)),
    values: {
      agency_code: r.agency_code,
      visited_on: day,
      visited_time: time,
      kind: r.kind,
      citizen_name: hide(r.citizen_name) ?? '',
      citizen_id_number: hide(r.citizen_id_number) ?? '',
      citizen_address: hide(r.citizen_address) ?? '',
      citizen_phone: hide(r.citizen_phone) ?? '',
      headcount: String(r.headcount),
      representatives: hide(r.representatives) ?? '',
      subject: r.subject,
      category: r.category,
      outcome: r.outcome,
      dossier_code: r.dossier_code ?? '',
      forwarded_to: r.forwarded_to ?? '',
      refusal_reason: r.refusal_reason ?? '',
      received_by: String(r.received_by),
      earlier_visit_id: r.earlier_visit_id === null ? '' : String(r.earlier_visit_id),
    },
  };
}

/** The visits that produced the dossier `code` (for its back-office page), oldest first; identities as `seesIdentity`. */
export async function visitsOfDossier(db: Kysely<Database>, actor: ReceptionActor, code: string): Promise<VisitRow[]> {
  if (!canReadVisits(actor)) return [];
  const rows = await baseQuery(db).where('dossiers.code', '=', code).where(scopeCondition(actor)).orderBy('reception_visits.visited_at').orderBy('reception_visits.id').execute();
  return rows.map((r) => toRow(actor, r));
}
