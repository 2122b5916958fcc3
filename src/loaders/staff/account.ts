/** Loader of the staff member's own account (/can-bo/tai-khoan): password, two-step verification, signing out everywhere. */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import QRCode from 'qrcode';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { SessionUser } from '../../server/auth/session.ts';
import { beginTotpSetup } from '../../server/auth/totp.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';
import { actionFeedback } from '../action-feedback.ts';
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
/** What the account's three actions answer: whether it was done, and why not. */
type Refusable = { ok: boolean; reason?: string | null };
const textOf = (texts: Record<string, string>, reason: string | null | undefined, otherwise: string) => texts[reason ?? ''] ?? otherwise;

export async function loadAccount(Astro: AstroGlobal): Promise<AccountProps | Response> {
  const staff = signedInStaff(Astro);
  const everywhere = Astro.getActionResult(actions.staffSignOutEverywhere);
  if (everywhere?.data?.ok) return Astro.redirect(staffPath('signIn', { 'da-dang-xuat': 1 }), 303);
  const password = Astro.getActionResult(actions.staffChangePassword);
  const enable = Astro.getActionResult(actions.staffEnableTotp);
  const disable = Astro.getActionResult(actions.staffDisableTotp);
  const failed = (href: string) => ({ href, text: staffText.common.actionFailed });
  // One form is posted at a time: at most one of these says anything.
  const feedback = [
    actionFeedback<Refusable>(Astro, password, {
      done: () => t.passwordChanged,
      refused: (d) => ({ href: d.reason === 'wrong_password' ? '#current' : '#next', text: textOf(t.passwordProblems, d.reason, t.passwordNotChanged) }),
      failed: failed('#current'),
    }),
    actionFeedback<Refusable>(Astro, enable, { done: () => t.enabled, refused: (d) => ({ href: '#totp-code', text: textOf(t.twoStepProblems, d.reason, t.notEnabled) }), failed: failed('#totp-code') }),
    actionFeedback<Refusable>(Astro, disable, { done: () => t.disabled, refused: () => ({ href: '#totp-password', text: t.wrongPassword }), failed: failed('#totp-password') }),
  ];
  const errors: ErrorLink[] = feedback.flatMap((f) => f.errors);
  const notice = feedback.find((f) => f.notice)?.notice;
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
