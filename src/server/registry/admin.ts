/**
 * Keeping the public list of persons without conditions to enforce (Art. 44a): staff add, correct and remove
 * entries, list them, and export them as CSV. Every change is audited in the transaction that makes it, with the
 * values before and after.
 *
 * Who may do what: reception, officers, heads and administrators of an agency act on the entries of their agency
 * and of its regional offices; a central administrator (role 'admin', no agency) on all entries.
 *
 * Field names are the column names everywhere: in the forms, in the CSV files and in the field errors.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import { recordAudit, type AuditActor } from '../audit.ts';
import type { Database, RegistryEntriesTable, RegistryEntry } from '../schema.ts';
import { isRealDate, todayInVietnam } from '../validation/dates.ts';
import { publishedFields } from './search.ts';
import { rowIdOf } from '../row-id.ts';
import { agencyAndOffices, allAgencies } from '../agencies.ts';

/** The signed-in staff member (a `SessionUser` fits), and where the request came from. */
export interface RegistryActor {
  id: number;
  email: string;
  role: 'reception' | 'officer' | 'head' | 'admin';
  agency_code: string | null;
  ip?: string | null;
}

/** The roles that keep the list. */
export const registryRoles: ReadonlySet<string> = new Set(['reception', 'officer', 'head', 'admin']);

/**
 * The signed-in staff member as the registry services see them; undefined for one who does not keep the list (a role
 * outside `registryRoles`, or no agency without being a central administrator).
 */
export function registryActorOf(user: RegistryActor): RegistryActor | undefined {
  if (!registryRoles.has(user.role)) return undefined;
  if (user.agency_code === null && user.role !== 'admin') return undefined;
  return { id: user.id, email: user.email, role: user.role, agency_code: user.agency_code };
}

export const registryRefusals = ['forbidden', 'not_found', 'invalid', 'removed'] as const;
export type RegistryErrorReason = (typeof registryRefusals)[number];

/** A value's problems in an entry (the form, or a row of an import), each answered under its field or column. */
export const entryFieldProblems = ['required', 'too_long', 'too_short', 'encoding', 'date', 'future', 'before_judgment', 'before_decision', 'reason', 'unknown', 'scope', 'mismatch'] as const;

export class RegistryError extends Error {
  readonly reason: RegistryErrorReason;
  /** For 'invalid': field → problem code (e.g. { judgment_date: 'future' }). */
  readonly fields: Record<string, string>;
  constructor(reason: RegistryErrorReason, fields: Record<string, string> = {}) {
    super(`Registry change refused: ${reason}${Object.keys(fields).length ? ' ' + JSON.stringify(fields) : ''}`);
    this.name = 'RegistryError';
    this.reason = reason;
    this.fields = fields;
  }
}

export const entryReasons = ['no_means', 'item_gone', 'address_unknown'] as const satisfies readonly RegistryEntriesTable['reason'][];
export type EntryReason = (typeof entryReasons)[number];
export const removalReasons = ['conditions_appeared', 'enforced', 'revoked'] as const;
export type RemovalReason = (typeof removalReasons)[number];

/** The columns of a CSV file, in order; also the fields of the form. */
export const entryFields = publishedFields;
export type EntryField = (typeof entryFields)[number];

/** What a form or a CSV row supplies: text, as typed. */
export type EntryInput = Partial<Record<EntryField, string | null | undefined>>;

/** A validated entry, ready to insert: the published fields, typed as the table has them. */
export type EntryValues = Pick<RegistryEntry, EntryField>;

/** Limits of each text field: [min, max] characters after tidying. */
export const FIELD_LIMITS: Record<string, [number, number]> = {
  debtor_name: [2, 100],
  debtor_address: [3, 300],
  judgment_number: [1, 60],
  judgment_court: [2, 200],
  decision_number: [1, 60],
  obligation: [2, 500],
  reason_detail: [0, 500],
};

const EARLIEST = '1950-01-01';

type Db = Kysely<Database> | Transaction<Database>;

const auditActor = (a: RegistryActor): AuditActor => ({ id: a.id, email: a.email, ip: a.ip ?? null });

/** One line of text: NFC, no control characters, single spaces. */
export function tidy(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** yyyy-mm-dd or dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) → yyyy-mm-dd, or null when not a real date. */
export function parseDate(value: string | null | undefined): string | null {
  const v = tidy(value);
  let iso = v;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (vn) iso = `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** Agency code → province code, for the agencies the actor may act for. */
export type AgencyScope = Map<string, string>;

/** The agencies the actor acts for (a central administrator: all). @throws RegistryError('forbidden') */
export async function agencyScope(db: Db, actor: RegistryActor): Promise<AgencyScope> {
  if (!['reception', 'officer', 'head', 'admin'].includes(actor.role)) throw new RegistryError('forbidden');
  if (actor.agency_code === null && actor.role !== 'admin') throw new RegistryError('forbidden');
  return new Map((await agencyAndOffices(db, actor.agency_code)).map((r) => [r.code, r.province_code]));
}

/** Agencies the actor acts for, with names, for the forms. */
export async function agencyOptions(db: Kysely<Database>, actor: RegistryActor): Promise<{ code: string; name_vi: string; province_code: string }[]> {
  const scope = await agencyScope(db, actor);
  return (await allAgencies(db)).filter((r) => scope.has(r.code)).map(({ code, name_vi, province_code }) => ({ code, name_vi, province_code }));
}

/**
 * Checks one entry. `allAgencies` knows every agency (to tell an unknown agency from one outside the scope);
 * `scope` the ones the actor acts for. Returns the clean values, or field → problem code.
 */
export function validateEntry(
  input: EntryInput,
  scope: AgencyScope,
  allAgencies: AgencyScope,
  today = todayInVietnam(),
): { values: EntryValues; fields: null } | { values: null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const text = (name: keyof typeof FIELD_LIMITS, required = true): string => {
    const v = tidy(input[name as EntryField]);
    const [min, max] = FIELD_LIMITS[name]!;
    if (!v) {
      if (required) fields[name] = 'required';
    } else if (v.length > max) fields[name] = 'too_long';
    else if (v.length < min) fields[name] = 'too_short';
    else if (v.includes('\uFFFD')) fields[name] = 'encoding';
    return v;
  };
  const date = (name: EntryField, required = true): string => {
    const raw = tidy(input[name]);
    if (!raw) {
      if (required) fields[name] = 'required';
      return '';
    }
    const d = parseDate(raw);
    if (!d || d < EARLIEST) fields[name] = 'date';
    else if (d > today) fields[name] = 'future';
    return d ?? '';
  };
  const debtor_name = text('debtor_name');
  if (!fields.debtor_name && !/\p{L}.*\p{L}/u.test(debtor_name)) fields.debtor_name = 'too_short';
  const debtor_address = text('debtor_address');
  const province_code = tidy(input.province_code).toUpperCase();
  const agency_code = tidy(input.agency_code).toUpperCase();
  if (!agency_code) fields.agency_code = 'required';
  else if (!allAgencies.has(agency_code)) fields.agency_code = 'unknown';
  else if (!scope.has(agency_code)) fields.agency_code = 'scope';
  if (!province_code) fields.province_code = 'required';
  else if (![...allAgencies.values()].includes(province_code)) fields.province_code = 'unknown';
  else if (!fields.agency_code && allAgencies.get(agency_code) !== province_code) fields.province_code = 'mismatch';
  const judgment_number = text('judgment_number');
  const judgment_date = date('judgment_date');
  const judgment_court = text('judgment_court');
  const decision_number = text('decision_number');
  const decision_date = date('decision_date');
  if (judgment_date && decision_date && !fields.judgment_date && !fields.decision_date && decision_date < judgment_date) {
    fields.decision_date = 'before_judgment';
  }
  const obligation = text('obligation');
  const reasonRaw = tidy(input.reason);
  const reason = entryReasons.find((r) => r === reasonRaw);
  if (!reasonRaw) fields.reason = 'required';
  else if (!reason) fields.reason = 'reason';
  const reason_detail = text('reason_detail', false);
  const verified_on = date('verified_on');
  let published_on = date('published_on', false);
  if (!published_on && !fields.published_on) published_on = today;
  if (Object.keys(fields).length > 0) return { values: null, fields };
  return {
    values: {
      debtor_name,
      debtor_address,
      province_code,
      agency_code,
      judgment_number,
      judgment_date,
      judgment_court,
      decision_number,
      decision_date,
      obligation,
      reason: reason!,
      reason_detail: reason_detail || null,
      verified_on,
      published_on,
    },
    fields: null,
  };
}

/** Every agency → its province (agencies are few: about fifty). */
export async function allAgencyProvinces(db: Db): Promise<AgencyScope> {
  return new Map((await allAgencies(db)).map((r) => [r.code, r.province_code]));
}

async function checked(db: Db, actor: RegistryActor, input: EntryInput): Promise<EntryValues> {
  const scope = await agencyScope(db, actor);
  const result = validateEntry(input, scope, await allAgencyProvinces(db));
  if (result.fields) throw new RegistryError('invalid', result.fields);
  return result.values;
}

const auditedColumns = [...entryFields, 'removed_on', 'removal_reason'] as const;
type Audited = Pick<RegistryEntry, (typeof auditedColumns)[number]>;

function pickAudited(row: Audited): Audited {
  return Object.fromEntries(auditedColumns.map((c) => [c, row[c]])) as Audited;
}

/** Adds an entry to the list (published at once). @throws RegistryError('invalid' | 'forbidden') */
export async function createEntry(db: Kysely<Database>, actor: RegistryActor, input: EntryInput): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const values = await checked(trx, actor, input);
    const row = await trx.insertInto('registry_entries').values(values).returning(['id', ...auditedColumns]).executeTakeFirstOrThrow();
    const { id, ...after } = row;
    await recordAudit(trx, auditActor(actor), {
      action: 'registry.create',
      entityType: 'registry_entry',
      entityId: id,
      agencyCode: values.agency_code,
      after: pickAudited(after),
    });
    return Number(id);
  });
}

/** The entry, locked, if it exists and the actor acts for its agency. */
async function loadEntry(trx: Transaction<Database>, actor: RegistryActor, id: number): Promise<RegistryEntry> {
  const scope = await agencyScope(trx, actor);
  if (!Number.isSafeInteger(id) || id < 1) throw new RegistryError('not_found');
  const row = await trx.selectFrom('registry_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new RegistryError('not_found');
  if (!scope.has(row.agency_code)) throw new RegistryError('forbidden');
  return row;
}

/** The entry if the actor acts for its agency (removed ones included), else undefined. */
export async function getEntry(db: Kysely<Database>, actor: RegistryActor, id: number): Promise<RegistryEntry | undefined> {
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const scope = await agencyScope(db, actor);
  const row = await db.selectFrom('registry_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return row && scope.has(row.agency_code) ? row : undefined;
}

/**
 * Corrects a published entry (all fields supplied, as on the form). Audited with the changed fields before and
 * after; nothing changed, nothing audited. Returns whether anything changed.
 * @throws RegistryError('invalid' | 'forbidden' | 'not_found' | 'removed')
 */
export async function updateEntry(db: Kysely<Database>, actor: RegistryActor, id: number, input: EntryInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEntry(trx, actor, id);
    if (row.removed_on !== null) throw new RegistryError('removed');
    const values = await checked(trx, actor, { published_on: row.published_on, ...input });
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const f of entryFields) {
      if (row[f] !== values[f]) {
        before[f] = row[f];
        after[f] = values[f];
      }
    }
    if (Object.keys(after).length === 0) return false;
    await trx.updateTable('registry_entries').set({ ...values, updated_at: new Date() }).where('id', '=', row.id).execute();
    await recordAudit(trx, auditActor(actor), {
      action: 'registry.update',
      entityType: 'registry_entry',
      entityId: row.id,
      agencyCode: values.agency_code,
      before: { debtor_name: row.debtor_name, ...before },
      after: { debtor_name: values.debtor_name, ...after },
    });
    return true;
  });
}

/**
 * Takes an entry off the public list (it is kept, marked removed, for the record).
 * @throws RegistryError('invalid' (removedOn: date | future | beforePublished; reason: reason) | 'forbidden' | 'not_found' | 'removed')
 */
export async function removeEntry(
  db: Kysely<Database>,
  actor: RegistryActor,
  id: number,
  removal: { removedOn: string; reason: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadEntry(trx, actor, id);
    if (row.removed_on !== null) throw new RegistryError('removed');
    const fields: Record<string, string> = {};
    const removedOn = tidy(removal.removedOn) ? parseDate(removal.removedOn) : null;
    if (!tidy(removal.removedOn)) fields.removed_on = 'required';
    else if (!removedOn || removedOn < EARLIEST) fields.removed_on = 'date';
    else if (removedOn > todayInVietnam()) fields.removed_on = 'future';
    else if (removedOn < row.decision_date) fields.removed_on = 'before_decision';
    const reason = removalReasons.find((r) => r === removal.reason);
    if (!tidy(removal.reason)) fields.removal_reason = 'required';
    else if (!reason) fields.removal_reason = 'reason';
    if (Object.keys(fields).length > 0) throw new RegistryError('invalid', fields);
    await trx
      .updateTable('registry_entries')
      .set({ removed_on: removedOn, removal_reason: reason!, updated_at: new Date() })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, auditActor(actor), {
      action: 'registry.remove',
      entityType: 'registry_entry',
      entityId: row.id,
      agencyCode: row.agency_code,
      before: { debtor_name: row.debtor_name, removed_on: null, removal_reason: null },
      after: { debtor_name: row.debtor_name, removed_on: removedOn, removal_reason: reason },
    });
  });
}

export interface EntryListItem {
  id: number;
  debtor_name: string;
  debtor_address: string;
  province_code: string;
  agency_code: string;
  judgment_number: string;
  decision_number: string;
  reason: EntryReason;
  verified_on: string;
  published_on: string;
  removed_on: string | null;
  removal_reason: RemovalReason | null;
}

export const LIST_PAGE_SIZE = 50;

/**
 * The entries of the actor's agencies, newest first, a page at a time (keyset on id: as fast on page 1,000 as on
 * page 1). `q` matches part of the name or address (without diacritics), or a judgment/decision number exactly.
 * `cursor` is the `next` of the previous page.
 */
export async function listEntries(
  db: Kysely<Database>,
  actor: RegistryActor,
  options: { q?: string; includeRemoved?: boolean; cursor?: string | null; limit?: number } = {},
): Promise<{ entries: EntryListItem[]; next: string | null }> {
  const scope = await agencyScope(db, actor);
  const limit = Math.min(Math.max(Math.floor(options.limit ?? LIST_PAGE_SIZE), 1), 200);
  let q = db
    .selectFrom('registry_entries')
    .select([
      'id',
      'debtor_name',
      'debtor_address',
      'province_code',
      'agency_code',
      'judgment_number',
      'decision_number',
      'reason',
      'verified_on',
      'published_on',
      'removed_on',
      'removal_reason',
    ])
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (actor.agency_code !== null) q = q.where('agency_code', 'in', [...scope.keys()]);
  if (!options.includeRemoved) q = q.where('removed_on', 'is', null);
  const cursor = rowIdOf(options.cursor);
  if (cursor !== null) q = q.where('id', '<', cursor);
  const term = tidy(options.q).slice(0, 100);
  if (term) {
    const like = term.replace(/[%_\\]/g, (c) => '\\' + c);
    const upper = term.toUpperCase();
    q = q.where((eb) =>
      eb.or([
        eb(sql`search_name`, 'like', sql<string>`'%' || search_fold(${like}) || '%'`),
        eb(sql`search_address`, 'like', sql<string>`'%' || search_fold(${like}) || '%'`),
        eb(sql`upper(judgment_number)`, '=', upper),
        eb(sql`upper(decision_number)`, '=', upper),
      ]),
    );
  }
  const rows = await q.execute();
  const entries = rows.slice(0, limit).map((r) => ({ ...r, id: Number(r.id) }));
  return { entries, next: rows.length > limit ? String(entries[entries.length - 1]!.id) : null };
}

/** A cell Excel would run as a formula (=, +, -, @, tab, CR) is prefixed with ' ; the import takes it off again. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const EXPORT_BATCH = 1000;

/**
 * The published entries of the actor's agencies as CSV lines (the import's columns, so an export imports again):
 * a byte-order mark and a header first, so Excel opens the Vietnamese text as UTF-8. Read in keyset batches: a
 * million entries stream without being held in memory.
 */
export async function* exportCsv(db: Kysely<Database>, actor: RegistryActor): AsyncGenerator<string> {
  const scope = await agencyScope(db, actor);
  // A bulk copy of personal data leaves the system: who took it, and when, is on record.
  await recordAudit(db, auditActor(actor), { action: 'registry.export', entityType: 'registry_entry', agencyCode: actor.agency_code });
  const options = { record_delimiter: '\r\n' as const, eof: true };
  yield '\uFEFF' + stringify([[...entryFields]], options);
  let after = 0;
  for (;;) {
    let q = db
      .selectFrom('registry_entries')
      .select(['id', ...entryFields])
      .where('removed_on', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(EXPORT_BATCH);
    if (actor.agency_code !== null) q = q.where('agency_code', 'in', [...scope.keys()]);
    const rows = await q.execute();
    for (const row of rows) {
      yield stringify([entryFields.map((f) => neutraliseCell(row[f] ?? ''))], options);
    }
    if (rows.length < EXPORT_BATCH) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}
