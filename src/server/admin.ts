/**
 * Administration: staff accounts, agency contact details, the national calendar of days off. Only administrators;
 * every change is audited in the transaction that makes it, with the values before and after (never a password
 * hash, never a TOTP key).
 *
 * Who may do what:
 * - a central administrator (role 'admin', no agency) may do everything;
 * - an agency administrator (role 'admin' with an agency) manages the staff and the contact details of their agency
 *   and of its regional offices (agencies whose parent is their agency), never a central administrator's account,
 *   and never makes one;
 * - the calendar is national: central administrators only;
 * - nobody disables, demotes or resets the password of their own account here (that is the password-change page),
 *   so there is always at least one administrator able to undo a mistake.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit, type AuditActor } from './audit.ts';
import { checkPasswordStrength, hashPassword } from './auth/password.ts';
import { invalidateUserSessions } from './auth/session.ts';
import { createStaffUser, StaffInputError, staffRoles, type NewStaff, type StaffRole } from './auth/staff.ts';
import type { Agency, CalendarDayRow, Database } from './schema.ts';
import { isRealDate } from './validation/dates.ts';

/** The signed-in administrator (a `SessionUser` fits), and where the request came from. */
export interface AdminActor {
  id: number;
  email: string;
  role: StaffRole;
  agency_code: string | null;
  ip?: string | null;
}

export type AdminErrorReason = 'forbidden' | 'not_found' | 'self' | 'invalid';

export class AdminError extends Error {
  readonly reason: AdminErrorReason;
  /** For 'invalid': the problem with each field (e.g. { phone: 'format' }). */
  readonly fields: Record<string, string>;
  constructor(reason: AdminErrorReason, fields: Record<string, string> = {}) {
    super(`Administration refused: ${reason}${Object.keys(fields).length ? ' ' + JSON.stringify(fields) : ''}`);
    this.name = 'AdminError';
    this.reason = reason;
    this.fields = fields;
  }
}

type Db = Kysely<Database> | Transaction<Database>;

const auditActor = (admin: AdminActor): AuditActor => ({ id: admin.id, email: admin.email, ip: admin.ip ?? null });

function requireAdmin(admin: AdminActor): void {
  if (admin.role !== 'admin') throw new AdminError('forbidden');
}

function requireCentralAdmin(admin: AdminActor): void {
  if (admin.role !== 'admin' || admin.agency_code !== null) throw new AdminError('forbidden');
}

/** The agencies an administrator manages; null = all (central administrator). */
async function managedAgencies(db: Db, admin: AdminActor): Promise<string[] | null> {
  requireAdmin(admin);
  if (admin.agency_code === null) return null;
  const rows = await db
    .selectFrom('agencies')
    .select('code')
    .where((eb) => eb.or([eb('code', '=', admin.agency_code!), eb('parent_code', '=', admin.agency_code!)]))
    .execute();
  return rows.map((r) => r.code);
}

/** Throws 'forbidden' unless `admin` manages `agencyCode` (null = a central account: central administrators only). */
async function requireManages(db: Db, admin: AdminActor, agencyCode: string | null): Promise<void> {
  const scope = await managedAgencies(db, admin);
  if (scope === null) return;
  if (agencyCode === null || !scope.includes(agencyCode)) throw new AdminError('forbidden');
}

/** The staff row the administrator acts on, locked for the transaction. */
async function loadStaff(trx: Transaction<Database>, admin: AdminActor, staffId: number) {
  const row = await trx
    .selectFrom('staff_users')
    .select(['id', 'email', 'full_name', 'role', 'agency_code', 'disabled_at'])
    .where('id', '=', staffId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AdminError('not_found');
  await requireManages(trx, admin, row.agency_code);
  return row;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === '23505';
}

// ---------------------------------------------------------------------------------------------------------------
// Staff accounts

export interface StaffListItem {
  id: number;
  email: string;
  full_name: string;
  role: StaffRole;
  agency_code: string | null;
  disabled_at: Date | null;
  created_at: Date;
  password_changed_at: Date;
  totp_enabled: boolean;
  /** The latest activity of any open session; null when signed out everywhere. */
  last_active_at: Date | null;
}

/** The accounts an administrator manages: central accounts first, then by agency and name. */
export async function listStaff(db: Kysely<Database>, admin: AdminActor): Promise<StaffListItem[]> {
  const scope = await managedAgencies(db, admin);
  let query = db
    .selectFrom('staff_users')
    .select((eb) => [
      'staff_users.id',
      'staff_users.email',
      'staff_users.full_name',
      'staff_users.role',
      'staff_users.agency_code',
      'staff_users.disabled_at',
      'staff_users.created_at',
      'staff_users.password_changed_at',
      eb('staff_users.totp_key_encrypted', 'is not', null).as('totp_enabled'),
      eb
        .selectFrom('sessions')
        .select((s) => s.fn.max('sessions.last_active_at').as('m'))
        .whereRef('sessions.user_id', '=', 'staff_users.id')
        .as('last_active_at'),
    ])
    .orderBy((eb) => eb('staff_users.agency_code', 'is', null), 'desc')
    .orderBy('staff_users.agency_code')
    .orderBy('staff_users.full_name')
    .orderBy('staff_users.id');
  if (scope !== null) query = query.where('staff_users.agency_code', 'in', scope);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    totp_enabled: Boolean(r.totp_enabled),
    last_active_at: r.last_active_at === null ? null : new Date(r.last_active_at as Date | string),
  }));
}

/**
 * Creates a staff account. @throws StaffInputError for a bad e-mail, name, role, agency, weak password or an e-mail
 * in use; AdminError('forbidden') outside the administrator's agencies.
 */
export async function createStaffAccount(db: Kysely<Database>, admin: AdminActor, input: NewStaff): Promise<number> {
  await requireManages(db, admin, input.agencyCode);
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await createStaffUser(trx, input);
      const row = await trx.selectFrom('staff_users').select(['email', 'full_name', 'role', 'agency_code']).where('id', '=', id).executeTakeFirstOrThrow();
      await recordAudit(trx, auditActor(admin), {
        action: 'admin.staff_created',
        entityType: 'staff_user',
        entityId: id,
        agencyCode: row.agency_code,
        after: row,
      });
      return id;
    });
  } catch (err) {
    // Two administrators creating the same e-mail at once: the unique index decides.
    if (isUniqueViolation(err)) throw new StaffInputError('emailTaken');
    throw err;
  }
}

/** Disables (signing the user out everywhere) or re-enables an account. */
export async function setStaffDisabled(db: Kysely<Database>, admin: AdminActor, staffId: number, disabled: boolean): Promise<void> {
  requireAdmin(admin);
  if (staffId === admin.id) throw new AdminError('self');
  await db.transaction().execute(async (trx) => {
    const row = await loadStaff(trx, admin, staffId);
    if ((row.disabled_at !== null) === disabled) return; // nothing to change, nothing to audit
    const disabledAt = disabled ? new Date() : null;
    await trx.updateTable('staff_users').set({ disabled_at: disabledAt, updated_at: new Date() }).where('id', '=', staffId).execute();
    if (disabled) await invalidateUserSessions(trx, staffId);
    await recordAudit(trx, auditActor(admin), {
      action: disabled ? 'admin.staff_disabled' : 'admin.staff_enabled',
      entityType: 'staff_user',
      entityId: staffId,
      agencyCode: row.agency_code,
      before: { email: row.email, disabled_at: row.disabled_at },
      after: { email: row.email, disabled_at: disabledAt },
    });
  });
}

/** Sets a new password for someone who forgot theirs, and signs them out everywhere. @throws StaffInputError (strength) */
export async function resetStaffPassword(db: Kysely<Database>, admin: AdminActor, staffId: number, newPassword: string): Promise<void> {
  requireAdmin(admin);
  if (staffId === admin.id) throw new AdminError('self');
  // Check access and strength before the slow hash, then hash outside the transaction.
  const target = await db.selectFrom('staff_users').select(['email', 'agency_code']).where('id', '=', staffId).executeTakeFirst();
  if (!target) throw new AdminError('not_found');
  await requireManages(db, admin, target.agency_code);
  const problem = checkPasswordStrength(newPassword, target.email);
  if (problem) throw new StaffInputError(problem);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    const row = await loadStaff(trx, admin, staffId);
    const now = new Date();
    await trx.updateTable('staff_users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', staffId).execute();
    await invalidateUserSessions(trx, staffId);
    await recordAudit(trx, auditActor(admin), {
      action: 'admin.staff_password_reset',
      entityType: 'staff_user',
      entityId: staffId,
      agencyCode: row.agency_code,
      after: { email: row.email, password_changed_at: now.toISOString(), sessionsEnded: true },
    });
  });
}

/**
 * Changes an account's role and agency. `agencyCode` null makes a central administrator (role 'admin' only, and only
 * by a central administrator). @throws StaffInputError('role' | 'agency'), AdminError
 */
export async function changeStaffRole(
  db: Kysely<Database>,
  admin: AdminActor,
  staffId: number,
  role: StaffRole,
  agencyCode: string | null,
): Promise<void> {
  requireAdmin(admin);
  if (staffId === admin.id) throw new AdminError('self');
  if (!staffRoles.includes(role)) throw new StaffInputError('role');
  if (agencyCode === null && role !== 'admin') throw new StaffInputError('agency');
  await db.transaction().execute(async (trx) => {
    const row = await loadStaff(trx, admin, staffId);
    await requireManages(trx, admin, agencyCode);
    if (agencyCode !== null && !(await trx.selectFrom('agencies').select('code').where('code', '=', agencyCode).executeTakeFirst())) {
      throw new StaffInputError('agency');
    }
    if (row.role === role && row.agency_code === agencyCode) return;
    await trx.updateTable('staff_users').set({ role, agency_code: agencyCode, updated_at: new Date() }).where('id', '=', staffId).execute();
    await recordAudit(trx, auditActor(admin), {
      action: 'admin.staff_role_changed',
      entityType: 'staff_user',
      entityId: staffId,
      agencyCode: agencyCode ?? row.agency_code,
      before: { email: row.email, role: row.role, agency_code: row.agency_code },
      after: { email: row.email, role, agency_code: agencyCode },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Agencies

export interface AgencyContacts {
  address: string | null | undefined;
  phone: string | null | undefined;
  email: string | null | undefined;
  head_name: string | null | undefined;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** Trimmed, NFC, single spaces; empty → null. */
function cleanText(value: string | null | undefined): string | null {
  const text = (value ?? '').normalize('NFC').replace(/[ \t]+/g, ' ').trim();
  return text === '' ? null : text;
}

/** The contacts as stored, or AdminError('invalid') naming each bad field. Exported for the form's own checks. */
export function validateAgencyContacts(input: AgencyContacts): Pick<Agency, 'address' | 'phone' | 'email' | 'head_name'> {
  const fields: Record<string, string> = {};
  const address = cleanText(input.address);
  const phone = cleanText(input.phone);
  const email = cleanText(input.email)?.toLowerCase() ?? null;
  const headName = cleanText(input.head_name);
  if (address !== null && (address.length > 300 || CONTROL_CHARS.test(address))) fields.address = address.length > 300 ? 'tooLong' : 'format';
  if (phone !== null) {
    const digits = phone.replace(/\D/g, '').length;
    if (!/^\+?[0-9][0-9 .]*$/.test(phone) || phone.length > 40) fields.phone = 'format';
    else if (digits < 8 || digits > 15) fields.phone = 'digits';
  }
  if (email !== null && (email.length > 254 || !/^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)*\.[a-z]{2,}$/.test(email))) fields.email = 'format';
  if (headName !== null && (headName.length < 2 || headName.length > 100 || CONTROL_CHARS.test(headName))) {
    fields.head_name = headName.length > 100 ? 'tooLong' : 'format';
  }
  if (Object.keys(fields).length) throw new AdminError('invalid', fields);
  return { address, phone, email, head_name: headName };
}

/** Updates the contact details the public directory shows. */
export async function updateAgencyContacts(db: Kysely<Database>, admin: AdminActor, code: string, contacts: AgencyContacts): Promise<Agency> {
  const values = validateAgencyContacts(contacts);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('agencies')
      .select(['code', 'address', 'phone', 'email', 'head_name'])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AdminError('not_found');
    await requireManages(trx, admin, code);
    const updated = await trx
      .updateTable('agencies')
      .set({ ...values, updated_at: new Date() })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { code: _code, ...beforeValues } = before;
    await recordAudit(trx, auditActor(admin), {
      action: 'admin.agency_contacts_updated',
      entityType: 'agency',
      entityId: code,
      agencyCode: code,
      before: beforeValues,
      after: values,
    });
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar (national: central administrators only)

export interface CalendarDayInput {
  date: string;
  kind: 'off' | 'working';
  name_vi: string;
  name_en: string;
}

function validateCalendarDay(input: CalendarDayInput): CalendarDayInput {
  const fields: Record<string, string> = {};
  const nameVi = cleanText(input.name_vi);
  const nameEn = cleanText(input.name_en);
  if (typeof input.date !== 'string' || !isRealDate(input.date) || input.date < '2000-01-01' || input.date > '2099-12-31') fields.date = 'format';
  if (input.kind !== 'off' && input.kind !== 'working') fields.kind = 'format';
  if (nameVi === null || nameVi.length > 200 || CONTROL_CHARS.test(nameVi)) fields.name_vi = nameVi === null ? 'required' : 'format';
  if (nameEn === null || nameEn.length > 200 || CONTROL_CHARS.test(nameEn)) fields.name_en = nameEn === null ? 'required' : 'format';
  if (Object.keys(fields).length) throw new AdminError('invalid', fields);
  return { date: input.date, kind: input.kind, name_vi: nameVi!, name_en: nameEn! };
}

const calendarAudit = (row: Pick<CalendarDayRow, 'date' | 'kind' | 'name_vi' | 'name_en'> | undefined) =>
  row ? { date: row.date, kind: row.kind, name_vi: row.name_vi, name_en: row.name_en } : undefined;

/** Adds or replaces an announced day off or working day. Affects due dates computed from now on, not those set. */
export async function upsertCalendarDay(db: Kysely<Database>, admin: AdminActor, input: CalendarDayInput): Promise<void> {
  requireCentralAdmin(admin);
  const day = validateCalendarDay(input);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_days').select(['date', 'kind', 'name_vi', 'name_en']).where('date', '=', day.date).forUpdate().executeTakeFirst();
    await trx
      .insertInto('calendar_days')
      .values({ ...day, updated_at: new Date() })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name_vi: day.name_vi, name_en: day.name_en, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, auditActor(admin), {
      action: before ? 'admin.calendar_day_updated' : 'admin.calendar_day_added',
      entityType: 'calendar_day',
      entityId: day.date,
      before: calendarAudit(before),
      after: calendarAudit(day),
    });
  });
}

/** Removes an announced day (the statutory rules apply to it again). Returns whether there was one. */
export async function deleteCalendarDay(db: Kysely<Database>, admin: AdminActor, date: string): Promise<boolean> {
  requireCentralAdmin(admin);
  if (typeof date !== 'string' || !isRealDate(date)) throw new AdminError('invalid', { date: 'format' });
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_days').select(['date', 'kind', 'name_vi', 'name_en']).where('date', '=', date).forUpdate().executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('calendar_days').where('date', '=', date).execute();
    await recordAudit(trx, auditActor(admin), {
      action: 'admin.calendar_day_deleted',
      entityType: 'calendar_day',
      entityId: date,
      before: calendarAudit(before),
    });
    return true;
  });
}
