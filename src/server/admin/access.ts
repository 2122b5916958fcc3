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
import type { AuditActor } from '../audit.ts';
import type { StaffRole } from '../auth/staff.ts';
import type { Database } from '../schema.ts';
import { agencyAndOffices } from '../agencies.ts';

/** The signed-in administrator (a `SessionUser` fits), and where the request came from. */
export interface AdminActor {
  id: number;
  email: string;
  role: StaffRole;
  agency_code: string | null;
  ip?: string | null;
}

/** Why an administration service refused; 'invalid' carries its fields' problems, each answered under its field. */
export const adminRefusals = ['forbidden', 'not_found', 'self', 'invalid'] as const;
export type AdminErrorReason = (typeof adminRefusals)[number];

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

export type Db = Kysely<Database> | Transaction<Database>;

export const auditActor = (admin: AdminActor): AuditActor => ({ id: admin.id, email: admin.email, ip: admin.ip ?? null });

export function requireAdmin(admin: AdminActor): void {
  if (admin.role !== 'admin') throw new AdminError('forbidden');
}

export function requireCentralAdmin(admin: AdminActor): void {
  if (admin.role !== 'admin' || admin.agency_code !== null) throw new AdminError('forbidden');
}

/** The agencies an administrator manages; null = all (central administrator). */
export async function managedAgencies(db: Db, admin: AdminActor): Promise<string[] | null> {
  requireAdmin(admin);
  if (admin.agency_code === null) return null;
  return (await agencyAndOffices(db, admin.agency_code)).map((r) => r.code);
}

/** An agency as the administration pages list it: its name, place in the tree and published contact details. */
export interface ManagedAgency {
  code: string;
  name_vi: string;
  parent_code: string | null;
  province_code: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  head_name: string | null;
}

/**
 * The agencies an administrator manages, in the official order: all of them for a central administrator; their own
 * agency and its regional offices for an agency administrator (the scope `managedAgencies` gives).
 */
export async function agenciesInScope(db: Db, admin: Pick<AdminActor, 'agency_code'>): Promise<ManagedAgency[]> {
  return (await agencyAndOffices(db, admin.agency_code)).map(({ code, name_vi, parent_code, province_code, address, phone, email, head_name }) => ({
    code,
    name_vi,
    parent_code,
    province_code,
    address,
    phone,
    email,
    head_name,
  }));
}

/** Throws 'forbidden' unless `admin` manages `agencyCode` (null = a central account: central administrators only). */
export async function requireManages(db: Db, admin: AdminActor, agencyCode: string | null): Promise<void> {
  const scope = await managedAgencies(db, admin);
  if (scope === null) return;
  if (agencyCode === null || !scope.includes(agencyCode)) throw new AdminError('forbidden');
}
