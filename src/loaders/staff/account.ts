/** Loader of the staff member's own account (/can-bo/tai-khoan): password, two-step verification, signing out everywhere. */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import QRCode from 'qrcode';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { SessionUser } from '../../server/auth/session.ts';
import { beginTotpSetup } from '../../server/auth/totp.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';
import type { ErrorLink } from '../error-link.ts';
import { signedInStaff } from './signed-in.ts';

export interface AccountProps {
  user: SessionUser;
  errors: ErrorLink[];
  notice: string | undefined;
  totpOn: boolean;
  /** Shown once, right after two-step verification was turned on. */
  recoveryCode: string | null;
  /** While two-step verification is off: the new key, as text and as the QR code (SVG) an app scans. */
  keyText: string;
  qr: string;
}

const t = staffText.auth.account;
const textOf = (texts: Record<string, string>, reason: string | null | undefined, otherwise: string) => texts[reason ?? ''] ?? otherwise;

export async function loadAccount(Astro: AstroGlobal): Promise<AccountProps | Response> {
  const staff = signedInStaff(Astro);
  const everywhere = Astro.getActionResult(actions.staffSignOutEverywhere);
  if (everywhere?.data?.ok) return Astro.redirect(staffPath('signIn', { 'da-dang-xuat': 1 }), 303);
  const password = Astro.getActionResult(actions.staffChangePassword);
  const enable = Astro.getActionResult(actions.staffEnableTotp);
  const disable = Astro.getActionResult(actions.staffDisableTotp);
  const errors: ErrorLink[] = [];
  let notice: string | undefined;
  if (password?.data?.ok) notice = t.passwordChanged;
  else if (password?.data)
    errors.push({ href: password.data.reason === 'wrong_password' ? '#current' : '#next', text: textOf(t.passwordProblems, password.data.reason, t.passwordNotChanged) });
  if (enable?.data?.ok) notice = t.enabled;
  else if (enable?.data) errors.push({ href: '#totp-code', text: textOf(t.twoStepProblems, enable.data.reason, t.notEnabled) });
  if (disable?.data?.ok) notice = t.disabled;
  else if (disable?.data) errors.push({ href: '#totp-password', text: t.wrongPassword });
  if (errors.length) Astro.response.status = 400;
  const totpOn = staff.user.totpEnabled || !!enable?.data?.ok;
  // A setup key is generated per visit (or kept from a failed attempt); it is saved only once a code matches it.
  const setupKey = totpOn ? null : enable?.data && !enable.data.ok && enable.data.key ? enable.data.key : beginTotpSetup(staff.user.email).key;
  const keyText = setupKey ? encodeBase32UpperCaseNoPadding(setupKey) : '';
  const uri = setupKey ? `otpauth://totp/THADS:${encodeURIComponent(staff.user.email)}?secret=${keyText}&issuer=THADS&digits=6&period=30` : '';
  return {
    user: staff.user,
    errors,
    notice,
    totpOn,
    recoveryCode: enable?.data?.ok ? enable.data.recoveryCode : null,
    keyText,
    qr: uri ? await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : '',
  };
}
