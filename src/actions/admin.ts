/**
 * Administration actions: staff accounts, agency contact details, the calendar of announced days. Each handler
 * authorises itself (actions are also reachable at /_actions/<name>): a signed-in administrator or a 403. What an
 * administrator may do beyond that (their agency only, the calendar for central administrators only, never their own
 * account) is decided by the services in src/server/admin/; their refusals come back as data for the page to
 * explain, with the HTTP status the page should answer with.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { getDb } from '../server/boot.ts';
import { AdminError, type AdminActor } from '../server/admin/access.ts';
import { changeStaffRole, createStaffAccount, resetStaffPassword, setStaffDisabled } from '../server/admin/staff-accounts.ts';
import { updateAgencyContacts } from '../server/admin/agency-contacts.ts';
import { deleteCalendarDay, upsertCalendarDay } from '../server/admin/calendar-days.ts';
import { checkPasswordStrength } from '../server/auth/password.ts';
import { normaliseEmail, StaffInputError, staffRoles, type StaffRole } from '../server/auth/staff.ts';
import { reasonStatus, text } from './guards.ts';
import { ipOf, requireStaff } from './staff.ts';
import { rowIdOf } from '../server/row-id.ts';

/** The value of an agency select that means "no agency: a central account". */
export const CENTRAL_AGENCY = 'trung-uong';

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
  /** Field name → problem code (e.g. { password: 'tooShort' }). */
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

function outcome(op: AdminOp, parts: Partial<Omit<AdminOutcome, 'op'>>): AdminOutcome {
  return { ok: false, problem: null, fields: {}, status: 200, target: null, values: {}, detail: {}, ...parts, op };
}

/** The signed-in administrator as the services see them, or a 401/403 for anyone else. */
function requireAdmin(ctx: ActionAPIContext): AdminActor {
  const staff = requireStaff(ctx);
  if (staff.user.role !== 'admin') throw new ActionError({ code: 'FORBIDDEN', message: 'role' });
  const { id, email, role, agency_code } = staff.user;
  return { id, email, role, agency_code, ip: ipOf(ctx) };
}

const PASSWORD_PROBLEMS = new Set(['tooShort', 'tooLong', 'tooSimple', 'containsEmail']);

/** Which form field a StaffInputError is about. */
function staffInputField(problem: StaffInputError['problem'], passwordField: string): string {
  if (PASSWORD_PROBLEMS.has(problem)) return passwordField;
  if (problem === 'email' || problem === 'emailTaken') return 'email';
  if (problem === 'name') return 'fullName';
  return problem; // 'role' | 'agency'
}

/** Expected refusals as data; anything else is a real failure. */
function refusal(op: AdminOp, err: unknown, base: Partial<AdminOutcome>, passwordField = 'password'): AdminOutcome {
  if (err instanceof AdminError) {
    return outcome(op, { ...base, problem: err.reason, fields: err.fields, status: reasonStatus(err.reason) });
  }
  if (err instanceof StaffInputError) {
    return outcome(op, { ...base, problem: 'invalid', fields: { [staffInputField(err.problem, passwordField)]: err.problem }, status: 400 });
  }
  throw err;
}

function staffIdOf(form: FormData): number | null {
  return rowIdOf(text(form, 'staffId'));
}

function roleOf(form: FormData, name: string): StaffRole | undefined {
  return staffRoles.find((r) => r === text(form, name));
}

/** '' = nothing chosen, null = central. */
function agencyOf(form: FormData, name: string): string | null {
  const value = text(form, name).trim().slice(0, 40);
  return value === CENTRAL_AGENCY ? null : value;
}

// The service checks one thing after another; the form reports every problem it can see at once.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

export const adminActions = {
  /** A new staff account with an initial password the administrator hands over. */
  adminCreateStaff: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const values = {
        fullName: text(form, 'fullName').slice(0, 200),
        email: text(form, 'email').slice(0, 254),
        role: text(form, 'role').slice(0, 20),
        agency: text(form, 'agency').slice(0, 40),
      };
      const password = text(form, 'password').slice(0, 500);
      const role = roleOf(form, 'role');
      const agency = agencyOf(form, 'agency');
      const fields: Record<string, string> = {};
      const name = values.fullName.trim();
      if (!name) fields.fullName = 'required';
      else if (name.length < 2 || name.length > 100) fields.fullName = 'name';
      const email = normaliseEmail(values.email);
      if (!email) fields.email = 'required';
      else if (!EMAIL.test(email)) fields.email = 'email';
      if (!role) fields.role = 'role';
      if (agency === '') fields.agency = 'agencyRequired';
      else if (agency === null && role && role !== 'admin') fields.agency = 'agency';
      if (!password) fields.password = 'required';
      else {
        const weak = checkPasswordStrength(password, email);
        if (weak) fields.password = weak;
      }
      if (Object.keys(fields).length > 0) return outcome('createStaff', { problem: 'invalid', fields, status: 400, values });
      try {
        const id = await createStaffAccount(await getDb(), admin, { email, fullName: name, role: role!, agencyCode: agency, password });
        return outcome('createStaff', { ok: true, target: String(id), detail: { email } });
      } catch (err) {
        return refusal('createStaff', err, { values });
      }
    },
  }),

  /** Disables (signing the person out everywhere) or re-enables an account: `disabled` is '1' or '0'. */
  adminSetStaffDisabled: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const staffId = staffIdOf(form);
      const disabled = text(form, 'disabled') === '1';
      if (staffId === null) return outcome('setStaffDisabled', { problem: 'not_found', status: 404 });
      const base = { target: String(staffId), detail: { disabled: disabled ? '1' : '0' } };
      try {
        await setStaffDisabled(await getDb(), admin, staffId, disabled);
        return outcome('setStaffDisabled', { ...base, ok: true });
      } catch (err) {
        return refusal('setStaffDisabled', err, base);
      }
    },
  }),

  /** A new password for someone who forgot theirs; they are signed out everywhere. */
  adminResetStaffPassword: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const staffId = staffIdOf(form);
      if (staffId === null) return outcome('resetStaffPassword', { problem: 'not_found', status: 404 });
      const password = text(form, 'newPassword').slice(0, 500);
      const base = { target: String(staffId) };
      if (!password) return outcome('resetStaffPassword', { ...base, problem: 'invalid', fields: { newPassword: 'required' }, status: 400 });
      try {
        await resetStaffPassword(await getDb(), admin, staffId, password);
        return outcome('resetStaffPassword', { ...base, ok: true });
      } catch (err) {
        return refusal('resetStaffPassword', err, base, 'newPassword');
      }
    },
  }),

  /** Another role and/or agency (the 'central' agency only for administrators, set by a central administrator). */
  adminChangeStaffRole: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const staffId = staffIdOf(form);
      if (staffId === null) return outcome('changeStaffRole', { problem: 'not_found', status: 404 });
      const values = { newRole: text(form, 'newRole').slice(0, 20), newAgency: text(form, 'newAgency').slice(0, 40) };
      const base = { target: String(staffId), values };
      const role = roleOf(form, 'newRole');
      const agency = agencyOf(form, 'newAgency');
      const fields: Record<string, string> = {};
      if (!role) fields.newRole = 'role';
      if (agency === '') fields.newAgency = 'agencyRequired';
      else if (agency === null && role && role !== 'admin') fields.newAgency = 'agency';
      if (Object.keys(fields).length > 0) return outcome('changeStaffRole', { ...base, problem: 'invalid', fields, status: 400 });
      try {
        await changeStaffRole(await getDb(), admin, staffId, role!, agency);
        return outcome('changeStaffRole', { ...base, ok: true });
      } catch (err) {
        if (err instanceof StaffInputError) {
          const field = err.problem === 'role' ? 'newRole' : 'newAgency';
          return outcome('changeStaffRole', { ...base, problem: 'invalid', fields: { [field]: err.problem }, status: 400 });
        }
        return refusal('changeStaffRole', err, base);
      }
    },
  }),

  /** The contact details the public directory shows for one agency. */
  adminUpdateAgencyContacts: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const code = text(form, 'code').trim().slice(0, 40);
      const values = {
        address: text(form, 'address').slice(0, 1000),
        phone: text(form, 'phone').slice(0, 200),
        email: text(form, 'email').slice(0, 500),
        head_name: text(form, 'head_name').slice(0, 500),
      };
      const base = { target: code, values };
      if (!code) return outcome('updateAgencyContacts', { ...base, problem: 'not_found', status: 404 });
      try {
        await updateAgencyContacts(await getDb(), admin, code, values);
        return outcome('updateAgencyContacts', { ...base, ok: true, values: {} });
      } catch (err) {
        return refusal('updateAgencyContacts', err, base);
      }
    },
  }),

  /** Adds an announced day off or working day, or replaces the entry for that date (central administrators). */
  adminUpsertCalendarDay: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const values = {
        date: text(form, 'date').trim().slice(0, 20),
        kind: text(form, 'kind').slice(0, 20),
        name_vi: text(form, 'name_vi').slice(0, 1000),
        name_en: text(form, 'name_en').slice(0, 1000),
      };
      const base = { target: values.date, values };
      try {
        await upsertCalendarDay(await getDb(), admin, { ...values, kind: values.kind as 'off' | 'working' });
        return outcome('upsertCalendarDay', { ...base, ok: true, values: {} });
      } catch (err) {
        return refusal('upsertCalendarDay', err, base);
      }
    },
  }),

  /** Removes an announced day: the statutory rules apply to that date again (central administrators). */
  adminDeleteCalendarDay: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const admin = requireAdmin(ctx);
      const date = text(form, 'date').trim().slice(0, 20);
      try {
        const deleted = await deleteCalendarDay(await getDb(), admin, date);
        return outcome('deleteCalendarDay', { ok: true, target: date, detail: { deleted: deleted ? '1' : '0' } });
      } catch (err) {
        return refusal('deleteCalendarDay', err, { target: date });
      }
    },
  }),
};
