/**
 * Staff accounts, as administrators keep them: list, create, disable, reset a password, change a role (who may do
 * which: access.ts). Every change is audited in its transaction, never with a password hash.
 */
import type { Kysely, Transaction } from 'kysely';
import { agencyByCode } from '../agencies.ts';
import { recordAudit } from '../audit.ts';
import { checkPasswordStrength, hashPassword } from '../auth/password.ts';
import { invalidateUserSessions } from '../auth/session.ts';
import { createStaffUser, StaffInputError, staffRoles, type NewStaff, type StaffRole } from '../auth/staff.ts';
import type { Database } from '../schema.ts';
import { AdminError, auditActor, managedAgencies, requireAdmin, requireManages, type AdminActor } from './access.ts';

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
    if (isUniqueViolation(err)) throw new StaffInputError('email_taken');
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
    if (agencyCode !== null && !(await agencyByCode(trx, agencyCode))) {
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
