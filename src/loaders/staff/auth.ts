/** Loaders of signing in and out (/can-bo/dang-nhap, /can-bo/dang-xuat) and of the second step (/can-bo/xac-thuc-2-buoc). */
import type { APIContext, AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { deleteSessionCookie } from '../../actions/staff-cookie.ts';
import { signOut } from '../../server/auth/signin.ts';
import { getDb } from '../../server/boot.ts';
import { formatVietnamClock } from '../../server/format.ts';
import { clientAddress } from '../../server/ratelimit.ts';
import { staffPath } from '../../server/routes.ts';
import { staffText } from '../../i18n/staff/index.ts';
import type { ErrorLink } from '../error-link.ts';

const t = staffText.auth;

export interface SignInProps {
  errors: ErrorLink[];
  /** Arrived here from signing out. */
  signedOut: boolean;
  /** The form's action, carrying the page to go on to. */
  action: string;
}

/** A refusal that may be a throttle: the page's status (429 with Retry-After, else 401) and the minutes to wait. */
function refusalStatus(Astro: Pick<AstroGlobal, 'response'>, reason: string, retryAfterSeconds: number | null): number {
  Astro.response.status = reason === 'throttled' ? 429 : 401;
  const wait = retryAfterSeconds ?? 60;
  if (reason === 'throttled') Astro.response.headers.set('Retry-After', String(wait));
  return wait;
}

export function loadSignIn(Astro: AstroGlobal): SignInProps | Response {
  // Only back-office paths: an open redirect through ?tiep= would let a link send staff anywhere.
  const next = Astro.url.searchParams.get('tiep') ?? '';
  const safeNext = /^\/can-bo(\/[\w\-/]*)?(\?[\w\-=&%.]*)?$/.test(next) ? next : staffPath('queue');
  const result = Astro.getActionResult(actions.staffSignIn);
  if (result?.data?.ok) return Astro.redirect(result.data.needsTwoFactor ? staffPath('twoStep') : safeNext, 303);
  const signedIn = Astro.locals.staff;
  if (!result && signedIn && (signedIn.session.twoFactorVerified || !signedIn.user.totpEnabled)) return Astro.redirect(safeNext, 303);
  const errors: ErrorLink[] = [];
  if (result?.data && !result.data.ok) {
    const r = result.data;
    const wait = refusalStatus(Astro, r.reason, r.retryAfterSeconds);
    // The time (Vietnam) after which the next attempt is allowed, e.g. "14:07".
    const retryTime = () => formatVietnamClock(new Date(Date.now() + wait * 1000 + 59_000));
    errors.push({ href: '#f-email-input', text: r.reason === 'throttled' ? t.signIn.throttled(Math.ceil(wait / 60), retryTime()) : t.signIn.problems[r.reason] });
  } else if (result?.error) {
    Astro.response.status = 400;
    errors.push({ href: '#f-email-input', text: t.signIn.failed });
  }
  return { errors, signedOut: Astro.url.searchParams.has('da-dang-xuat'), action: `${actions.staffSignIn}&tiep=${encodeURIComponent(safeNext)}` };
}

export interface TwoStepProps {
  errors: ErrorLink[];
}

export function loadTwoStep(Astro: AstroGlobal): TwoStepProps | Response {
  const staff = Astro.locals.staff;
  if (!staff) return Astro.redirect(staffPath('signIn'), 303);
  if (staff.session.twoFactorVerified || !staff.user.totpEnabled) return Astro.redirect(staffPath('queue'), 303);
  const result = Astro.getActionResult(actions.staffVerifyTwoFactor);
  if (result?.data?.ok) return Astro.redirect(staffPath('queue'), 303);
  const errors: ErrorLink[] = [];
  if (result?.data && !result.data.ok) {
    const wait = refusalStatus(Astro, result.data.reason, result.data.retryAfterSeconds);
    errors.push({ href: '#f-code-input', text: result.data.reason === 'throttled' ? t.twoStep.throttled(Math.ceil(wait / 60)) : t.twoStep.invalid });
  }
  return { errors };
}

/** Sign out: a POST (Astro's origin check applies), never a GET a link or an image could trigger. */
export async function signOutResponse(ctx: APIContext): Promise<Response> {
  const staff = ctx.locals.staff;
  if (staff) {
    await signOut(await getDb(), staff.session, staff.user, clientAddress(ctx.request, ctx.clientAddress));
  }
  deleteSessionCookie(ctx.cookies);
  return ctx.redirect(staffPath('signIn', { 'da-dang-xuat': 1 }), 303);
}
