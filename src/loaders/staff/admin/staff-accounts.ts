/**
 * Loader of the staff accounts page (/can-bo/quan-tri/nguoi-dung): the accounts an administrator manages, the one
 * being managed (?tai-khoan=<id>, or the one the last action was about), and the answer to its four forms.
 */
import { formatVietnamDateTimeSeconds } from '../../../i18n/format.ts';
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { CENTRAL_AGENCY } from '../../../actions/admin/staff-accounts.ts';
import type { AdminOutcome } from '../../../actions/admin/outcome.ts';
import { staffText } from '../../../i18n/staff/index.ts';
import { agenciesInScope } from '../../../server/admin/access.ts';
import { listStaff, type StaffListItem } from '../../../server/admin/staff-accounts.ts';
import type { SessionUser } from '../../../server/auth/session.ts';
import { roleLabels, staffRoles } from '../../../server/auth/staff.ts';
import { isRowId, rowIdOf } from '../../../server/row-id.ts';
import { staffPath } from '../../../server/routes.ts';
import type { ActionFeedback } from '../../action-feedback.ts';
import { actionFeedback } from '../../action-feedback.ts';
import { adminPage, fieldErrors } from './context.ts';

export interface Option {
  value: string;
  label: string;
}

/** What the list and the management panel both show of an account. */
interface AccountSummary {
  id: number;
  fullName: string;
  email: string;
  roleLabel: string;
  agencyLabel: string;
  totpEnabled: boolean;
}

export interface StaffAccountRow extends AccountSummary {
  disabled: boolean;
  /** When the account was last active, or '—'. */
  lastActive: string;
  manageHref: string;
  current: boolean;
}

export interface ManagedAccount extends AccountSummary {
  /** Since when it is disabled, in words; undefined when active. */
  disabledSince: string | undefined;
  createdAt: string;
  passwordChangedAt: string;
  /** The administrator's own account: nothing to do here. */
  isSelf: boolean;
  /** The change-role form's choices: the values just refused, else the account's own. */
  roleValue: string;
  agencyValue: string;
}

export interface StaffAccountsProps extends ActionFeedback {
  user: SessionUser;
  central: boolean;
  scope: string;
  /** ?tai-khoan= names an account outside the administrator's scope. */
  notInScope: boolean;
  selected: ManagedAccount | undefined;
  accounts: StaffAccountRow[];
  roleOptions: Option[];
  agencyOptions: Option[];
  /** The create form's values just refused (never the password). */
  createValues: Record<string, string>;
  createAgency: string;
}

/** Where a refusal not about one field points: the form it came from. */
const formAnchor: Record<string, string> = {
  createStaff: '#tao-moi',
  setStaffDisabled: '#form-khoa',
  resetStaffPassword: '#form-mat-khau',
  changeStaffRole: '#form-vai-tro',
};

export async function loadStaffAccounts(Astro: AstroGlobal): Promise<StaffAccountsProps | Response> {
  const page = await adminPage(Astro);
  if (page instanceof Response) return page;
  const { me, actor, central, db } = page;
  const t = staffText.admin.staff;

  const result =
    Astro.getActionResult(actions.adminCreateStaff) ??
    Astro.getActionResult(actions.adminSetStaffDisabled) ??
    Astro.getActionResult(actions.adminResetStaffPassword) ??
    Astro.getActionResult(actions.adminChangeStaffRole);
  const outcome: AdminOutcome | undefined = result?.data;

  // The account being managed: from the address, or the one the last action was about (a new one after creating).
  let selectedId: number | null = rowIdOf(Astro.url.searchParams.get('tai-khoan') ?? '');
  if (selectedId === null && isRowId(outcome?.target) && (outcome.op !== 'createStaff' || outcome.ok)) {
    selectedId = Number(outcome.target);
  }
  const [list, agencies] = await Promise.all([listStaff(db, actor), agenciesInScope(db, me)]);
  const selected = selectedId === null ? undefined : list.find((a) => a.id === selectedId);
  const agencyName = new Map(agencies.map((a) => [a.code, a.name_vi]));
  const agencyLabel = (code: string | null) => (code === null ? staffText.common.central : (agencyName.get(code) ?? code));
  const summary = (a: StaffListItem): AccountSummary => ({
    id: a.id,
    fullName: a.full_name,
    email: a.email,
    roleLabel: roleLabels[a.role],
    agencyLabel: agencyLabel(a.agency_code),
    totpEnabled: a.totp_enabled,
  });

  const feedback = actionFeedback<AdminOutcome>(Astro, result, {
    done: (done) => {
      const who = list.find((a) => String(a.id) === done.target)?.email ?? '';
      if (done.op === 'createStaff') return t.created(done.detail.email ?? who);
      if (done.op === 'setStaffDisabled') return done.detail.disabled === '1' ? t.disabled(who) : t.enabled(who);
      if (done.op === 'resetStaffPassword') return t.passwordReset(who);
      return t.roleChanged(who);
    },
    refused: (refused) => {
      if (refused.problem === 'invalid' && Object.keys(refused.fields).length > 0) return fieldErrors(refused.fields);
      const href = selected || refused.op === 'createStaff' ? (formAnchor[refused.op] ?? '#danh-sach') : '#danh-sach';
      return { href, text: (refused.problem && t.problems[refused.problem]) || staffText.common.actionFailed };
    },
    failed: { href: '#danh-sach', text: staffText.common.actionFailed },
  });

  const roleValues = outcome?.op === 'changeStaffRole' && !outcome.ok ? outcome.values : {};
  const createValues = outcome?.op === 'createStaff' && !outcome.ok ? outcome.values : {};
  return {
    ...feedback,
    user: me,
    central,
    scope: central ? t.scopeCentral : t.scopeAgency(agencyLabel(me.agency_code)),
    notInScope: selectedId !== null && !selected,
    selected: selected && {
      ...summary(selected),
      disabledSince: selected.disabled_at ? t.disabledSince(formatVietnamDateTimeSeconds(selected.disabled_at)) : undefined,
      createdAt: formatVietnamDateTimeSeconds(selected.created_at),
      passwordChangedAt: formatVietnamDateTimeSeconds(selected.password_changed_at),
      isSelf: selected.id === me.id,
      roleValue: roleValues.newRole ?? selected.role,
      agencyValue: roleValues.newAgency ?? selected.agency_code ?? CENTRAL_AGENCY,
    },
    accounts: list.map((a) => ({
      ...summary(a),
      disabled: Boolean(a.disabled_at),
      lastActive: a.last_active_at ? formatVietnamDateTimeSeconds(a.last_active_at) : '—',
      manageHref: `${staffPath('adminStaff', { 'tai-khoan': a.id })}#quan-ly`,
      current: a.id === selected?.id,
    })),
    roleOptions: [{ value: '', label: t.chooseRole }, ...staffRoles.map((r) => ({ value: r, label: roleLabels[r] }))],
    agencyOptions: [
      { value: '', label: t.chooseAgency },
      ...(central ? [{ value: CENTRAL_AGENCY, label: t.centralOption }] : []),
      ...agencies.map((a) => ({ value: a.code, label: a.name_vi })),
    ],
    createValues,
    createAgency: createValues.agency ?? (central ? '' : (me.agency_code ?? '')),
  };
}
