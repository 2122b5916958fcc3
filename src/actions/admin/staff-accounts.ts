/** Staff accounts: create, disable or re-enable, reset a password, change the role and agency (src/server/admin/staff-accounts.ts). */
import { defineAction } from 'astro:actions';
import { getDb } from '../../server/boot.ts';
import { changeStaffRole, createStaffAccount, resetStaffPassword, setStaffDisabled } from '../../server/admin/staff-accounts.ts';
import { checkPasswordStrength } from '../../server/auth/password.ts';
import { normaliseEmail, StaffInputError, staffRoles, type StaffRole } from '../../server/auth/staff.ts';
import { rowIdOf } from '../../server/row-id.ts';
import { text } from '../guards.ts';
import { outcome, refusal, requireAdmin } from './outcome.ts';

/** The value of an agency select that means "no agency: a central account". */
export const CENTRAL_AGENCY = 'trung-uong';

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

export const staffAccountActions = {
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
      if (agency === '') fields.agency = 'agency_required';
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
      if (agency === '') fields.newAgency = 'agency_required';
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

};
