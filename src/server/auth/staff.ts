/** Staff accounts: creation, look-up, password changes. Every change is audited by the caller's service. */
import type { Kysely, Transaction } from 'kysely';
import type { Database, StaffUser } from '../schema.ts';
import { checkPasswordStrength, hashPassword, type PasswordProblem } from './password.ts';
import { agencyByCode } from '../agencies.ts';

export type StaffRole = StaffUser['role'];
export const staffRoles: StaffRole[] = ['reception', 'officer', 'head', 'admin'];

export const roleLabels: Record<StaffRole, string> = {
  reception: 'Cán bộ tiếp nhận',
  officer: 'Chấp hành viên',
  head: 'Thủ trưởng',
  admin: 'Quản trị viên',
};

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class StaffInputError extends Error {
  readonly problem: PasswordProblem | 'email' | 'email_taken' | 'name' | 'role' | 'agency';
  constructor(problem: StaffInputError['problem']) {
    super(`Invalid staff account: ${problem}`);
    this.name = 'StaffInputError';
    this.problem = problem;
  }
}

export interface NewStaff {
  email: string;
  fullName: string;
  role: StaffRole;
  /** Null only for a central administrator. */
  agencyCode: string | null;
  password: string;
}

/** Creates an account after checking every input; returns its id. */
export async function createStaffUser(db: Kysely<Database> | Transaction<Database>, input: NewStaff): Promise<number> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/.test(email)) throw new StaffInputError('email');
  const fullName = input.fullName.trim().normalize('NFC');
  if (fullName.length < 2 || fullName.length > 100) throw new StaffInputError('name');
  if (!staffRoles.includes(input.role)) throw new StaffInputError('role');
  if (input.agencyCode === null && input.role !== 'admin') throw new StaffInputError('agency');
  if (input.agencyCode !== null) {
    if (!(await agencyByCode(db, input.agencyCode))) throw new StaffInputError('agency');
  }
  const problem = checkPasswordStrength(input.password, email);
  if (problem) throw new StaffInputError(problem);
  const taken = await db.selectFrom('staff_users').select('id').where('email', '=', email).executeTakeFirst();
  if (taken) throw new StaffInputError('email_taken');
  const row = await db
    .insertInto('staff_users')
    .values({ email, full_name: fullName, role: input.role, agency_code: input.agencyCode, password_hash: await hashPassword(input.password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findStaffByEmail(db: Kysely<Database>, email: string): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findStaffById(db: Kysely<Database>, id: number): Promise<StaffUser | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}
