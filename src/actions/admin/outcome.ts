/**
 * What the administration actions share: who may call them and the outcome they answer with. Each handler authorises
 * itself (actions are also reachable at /_actions/<name>): a signed-in administrator or a 403. What an administrator
 * may do beyond that (their agency only, the calendar for central administrators only, never their own account) is
 * decided by the services in src/server/admin/; their refusals come back as data for the page to explain, with the
 * HTTP status the page should answer with.
 */
import { ActionError, type ActionAPIContext } from 'astro:actions';
import { AdminError, type AdminActor } from '../../server/admin/access.ts';
import { passwordProblems } from '../../server/auth/password.ts';
import { StaffInputError } from '../../server/auth/staff.ts';
import { reasonStatus } from '../guards.ts';
import { ipOf, requireStaff } from '../staff.ts';

export type AdminOp =
  | 'createStaff'
  | 'setStaffDisabled'
  | 'resetStaffPassword'
  | 'changeStaffRole'
  | 'updateAgencyContacts'
  | 'upsertCalendarDay'
  | 'deleteCalendarDay';

/** What every administration action returns: the page turns it into a notice or an error summary and a status. */
export interface AdminOutcome {
  ok: boolean;
  op: AdminOp;
  /** Why it failed: 'invalid' (see `fields`), 'forbidden', 'not_found', 'self'; null on success. */
  problem: string | null;
  /** Field name → problem code (e.g. { password: 'too_short' }). */
  fields: Record<string, string>;
  /** The HTTP status the page answers with. */
  status: number;
  /** What was acted on: a staff id, an agency code or a date. */
  target: string | null;
  /** The submitted values, to fill the form again (never a password). */
  values: Record<string, string>;
  /** Success details for the notice (e.g. { disabled: '1' }, { deleted: '0' }). */
  detail: Record<string, string>;
}

export function outcome(op: AdminOp, parts: Partial<Omit<AdminOutcome, 'op'>>): AdminOutcome {
  return { ok: false, problem: null, fields: {}, status: 200, target: null, values: {}, detail: {}, ...parts, op };
}

/** The signed-in administrator as the services see them, or a 401/403 for anyone else. */
export function requireAdmin(ctx: ActionAPIContext): AdminActor {
  const staff = requireStaff(ctx);
  if (staff.user.role !== 'admin') throw new ActionError({ code: 'FORBIDDEN', message: 'role' });
  const { id, email, role, agency_code } = staff.user;
  return { id, email, role, agency_code, ip: ipOf(ctx) };
}

const PASSWORD_PROBLEMS = new Set<string>(passwordProblems);

/** Which form field a StaffInputError is about. */
function staffInputField(problem: StaffInputError['problem'], passwordField: string): string {
  if (PASSWORD_PROBLEMS.has(problem)) return passwordField;
  if (problem === 'email' || problem === 'email_taken') return 'email';
  if (problem === 'name') return 'fullName';
  return problem; // 'role' | 'agency'
}

/** Expected refusals as data; anything else is a real failure. */
export function refusal(op: AdminOp, err: unknown, base: Partial<AdminOutcome>, passwordField = 'password'): AdminOutcome {
  if (err instanceof AdminError) {
    return outcome(op, { ...base, problem: err.reason, fields: err.fields, status: reasonStatus(err.reason) });
  }
  if (err instanceof StaffInputError) {
    return outcome(op, { ...base, problem: 'invalid', fields: { [staffInputField(err.problem, passwordField)]: err.problem }, status: 400 });
  }
  throw err;
}
