/**
 * Page loaders of the tracking pages (see apply.ts for why loaders run in the page's frontmatter).
 *
 * The look-up form posts code and PIN; a correct pair sets the tracking cookie (src/actions/tracking-cookie.ts) and
 * redirects to the dossier's own GET page, `/tra-cuu-ho-so/<code>`, so a refresh shows the page again instead of
 * re-posting. That page, its files, notices and receipt are served only to the browser whose cookie holds that
 * dossier; any other visitor is sent to the form with the code filled in.
 */
import type { AstroGlobal } from 'astro';
import { actions } from 'astro:actions';
import { refuseTooMany, retryAfterOf } from './too-many.ts';
import { refusalStatus, submissionRefusal } from './action-refusal.ts';
import { cacheForEveryone } from './cache-for-everyone.ts';
import { dict, pathTo, trackedDossierPath } from '../i18n/index.ts';
import { errorText } from '../server/catalog/index.ts';
import { formatVietnamTime } from '../server/format.ts';
import type { Locale } from '../server/catalog/types.ts';
import { getDb } from '../server/boot.ts';
import { normaliseDossierCode } from '../server/dossiers/code.ts';
import { trackedDossier, trackingProblems, type TrackedDossier, type TrackingProblem } from '../server/dossiers/tracking.ts';
import { trackedDossierId } from '../actions/tracking-cookie.ts';
import { secondComplaintOffer, type SecondComplaintOffer } from '../server/dossiers/second-complaint.ts';
import { openInvitationToken } from '../server/survey/invitation.ts';
import type { ErrorLink } from './error-link.ts';

export interface TrackProps {
  code: string;
  errors: ErrorLink[];
  /** Field id → its message, shown by the field. */
  fieldErrors: Record<string, string>;
  notice: string | undefined;
}

/** Why the form is shown again: the query flag the other tracking pages redirect with. */
const reasons = { expired: 'het-han', receipt: 'bien-nhan' } as const;

/** The look-up form, and what a look-up answered. */
export function loadTrack(Astro: AstroGlobal, locale: Locale): Response | TrackProps {
  const tt = dict(locale).track;
  const lookup = Astro.getActionResult(actions.trackDossier);
  const params = Astro.url.searchParams;
  let code = params.get('code')?.slice(0, 40) ?? '';
  const errors: ErrorLink[] = [];
  const fieldErrors: Record<string, string> = {};
  const add = (field: 'code' | 'pin', text: string) => {
    errors.push({ href: `#f-${field}`, text });
    fieldErrors[field] = text;
  };
  let notice: string | undefined;
  if (params.get('lydo') === reasons.expired) notice = tt.expired;
  if (params.get('lydo') === reasons.receipt) notice = tt.receiptUnavailable;

  if (lookup?.error) {
    const status = refusalStatus(lookup.error);
    if (status === 429) errors.push({ href: '#f-code', text: refuseTooMany(Astro, locale, 'lookup', retryAfterOf(lookup.error)) });
    else {
      Astro.response.status = status;
      errors.push({ href: '#f-code', text: status === 400 ? tt.problems.not_found : dict(locale).apply.badRequest });
    }
  } else if (lookup?.data) {
    if (lookup.data.ok) return Astro.redirect(trackedDossierPath(locale, lookup.data.code), 303);
    code = lookup.data.code;
    notice = undefined;
    const lockedUntil = 'lockedUntil' in lookup.data ? lookup.data.lockedUntil : undefined;
    if (lockedUntil) {
      // The same answer for every well-formed code, whether a dossier has it or not (src/server/dossiers/pin-lockout.ts).
      const until = new Date(lockedUntil);
      add('code', dict(locale).pinSafety.locked(formatVietnamTime(until)));
      Astro.response.status = 429;
      Astro.response.headers.set('Retry-After', String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))));
      return { code, errors, fieldErrors, notice };
    }
    for (const p of lookup.data.problems) {
      const known = (trackingProblems as readonly string[]).includes(p) ? (p as TrackingProblem) : 'not_found';
      add(p.startsWith('pin_') ? 'pin' : 'code', tt.problems[known]);
    }
    Astro.response.status = lookup.data.problems.includes('not_found') ? 404 : 400;
  }
  // The form before a look-up is the same for everyone (with the code of a link filled in: the URL's).
  if (!lookup) cacheForEveryone(Astro);
  return { code, errors, fieldErrors, notice };
}

/**
 * The dossier of the page's `code` parameter when the browser's tracking cookie holds it; otherwise the redirect to
 * the look-up form (with the code filled in). Responses are never cached.
 */
export async function trackedFromCookie(Astro: Pick<AstroGlobal, 'params' | 'cookies' | 'request' | 'redirect'>, locale: Locale): Promise<Response | TrackedDossier> {
  const code = normaliseDossierCode(Astro.params.code ?? '');
  const id = trackedDossierId(Astro.cookies);
  const dossier = id === null ? null : await trackedDossier(await getDb(), id);
  if (!dossier || dossier.code !== code) {
    const query = new URLSearchParams({ code: code ?? '' });
    if (id !== null || Astro.request.method === 'POST') query.set('lydo', reasons.expired);
    return Astro.redirect(`${pathTo('track', locale)}?${query}`, 303);
  }
  return dossier;
}

export interface TrackedDossierProps {
  dossier: TrackedDossier;
  errors: ErrorLink[];
  notice: string | undefined;
  /** A first complaint's decision that may still be complained about: the link to a second complaint. */
  secondComplaint: SecondComplaintOffer | null;
  /** The survey link's path while the closed dossier's survey is open (unanswered, within 30 days). */
  surveyPath: string | null;
}

/** Query flags of the dossier page after a supplement or a withdrawal (post/redirect/get). */
const done = { supplement: 'da-bo-sung', withdraw: 'da-rut' } as const;

/** One tracked dossier's page, and the outcome of its two forms (supplement, withdrawal). */
export async function loadTrackedDossier(Astro: AstroGlobal, locale: Locale): Promise<Response | TrackedDossierProps> {
  const tt = dict(locale).track;
  const supplement = Astro.getActionResult(actions.sendSupplement);
  const withdraw = Astro.getActionResult(actions.withdrawDossier);
  const dossier = await trackedFromCookie(Astro, locale);
  if (dossier instanceof Response) return dossier;
  Astro.response.headers.set('Cache-Control', 'no-store');
  const here = trackedDossierPath(locale, dossier.code);
  const errors: ErrorLink[] = [];
  const flag = Astro.url.searchParams.get('xong');
  let notice = flag === done.supplement ? tt.supplementSent : flag === done.withdraw ? tt.withdrawn : undefined;

  const refused = supplement?.error ?? withdraw?.error;
  if (refused) {
    const general = submissionRefusal(Astro, refused, locale);
    if (!general) throw refused;
    errors.push({ href: general.code === 'CONTENT_TOO_LARGE' ? '#f-files' : '#main', text: general.text });
    notice = undefined;
  } else if (supplement?.data) {
    if (supplement.data.ok) return Astro.redirect(`${here}?xong=${done.supplement}`, 303);
    if (supplement.data.problems.includes('expired')) return Astro.redirect(`${pathTo('track', locale)}?code=${dossier.code}&lydo=${reasons.expired}`, 303);
    Astro.response.status = 400;
    for (const p of supplement.data.problems) {
      errors.push(p === 'not_allowed' ? { href: '#main', text: tt.problems.not_allowed } : { href: '#f-files', text: `${tt.supplementFiles}: ${errorText(p, locale)}` });
    }
    notice = undefined;
  } else if (withdraw?.data) {
    if (withdraw.data.ok) return Astro.redirect(`${here}?xong=${done.withdraw}`, 303);
    if (withdraw.data.problem === 'expired') return Astro.redirect(`${pathTo('track', locale)}?code=${dossier.code}&lydo=${reasons.expired}`, 303);
    Astro.response.status = 400;
    errors.push(withdraw.data.problem === 'confirm' ? { href: '#f-confirm', text: tt.problems.confirm } : { href: '#main', text: tt.problems.not_allowed });
    notice = undefined;
  }
  const db = await getDb();
  const surveyToken = await openInvitationToken(db, dossier.id);
  return { dossier, errors, notice, secondComplaint: await secondComplaintOffer(db, dossier.id), surveyPath: surveyToken ? pathTo('survey', locale, surveyToken) : null };
}

/** Where the receipt page sends a browser that did not submit the dossier: the look-up, which leads to a reprint. */
export function receiptElsewhere(locale: Locale): string {
  return `${pathTo('track', locale)}?lydo=${reasons.receipt}`;
}
