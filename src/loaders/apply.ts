/**
 * Page loaders for the application pages. They run in the page's frontmatter (a component cannot redirect or set
 * the status once the response is streaming) and hand the components plain props.
 */
import type { AstroGlobal } from 'astro';
import { actions, isActionError } from 'astro:actions';
import { submissionRefusal } from './action-refusal.ts';
import { counterDraftCookie, draftCookie } from '../actions/draft-cookie.ts';
import { dict, flowWords, otherLocale } from '../i18n/index.ts';
import { applyStepPath, staffPath, type ApplyStep } from '../server/routes.ts';
import { getDb } from '../server/boot.ts';
import { allAgencies } from '../server/agencies.ts';
import { errorText, fieldErrorText } from '../server/catalog/index.ts';
import type { Locale, Procedure } from '../server/catalog/types.ts';
import { fileFieldName, uploadableDocuments, type FieldError } from '../server/dossiers/application.ts';
import { confirmationFor, confirmationShownOnce, type Confirmation } from '../server/dossiers/confirmation.ts';
import { getDraft, type Draft } from '../server/dossiers/drafts.ts';
import { linkPrefill } from '../server/dossiers/link-prefill.ts';
import type { Agency } from '../server/schema.ts';
import { loadCalendar } from '../server/calendar-store.ts';
import { todayInVietnam } from '../server/calendar.ts';
import { competentAgency, type Routing, type RoutingReason } from '../server/dossiers/competent-agency.ts';
import { calendarWindow, lastDayToComplain, type CalendarWindow, type LastDay } from '../server/catalog/complaint-limits.ts';
import { receiptElsewhere } from './track.ts';
import { cacheForEveryone } from './cache-for-everyone.ts';
import { counterAgencies } from '../server/dossiers/counter-scope.ts';
import { secondComplaintOfCookie } from '../actions/tracking-cookie.ts';
import type { SecondComplaintOffer } from '../server/dossiers/second-complaint.ts';
import type { ErrorLink, TextLink } from './error-link.ts';

/** The path of a step of the application for a procedure (no step: the form). */
export function applyPath(procedure: Procedure, locale: Locale, step?: ApplyStep): string {
  return applyStepPath(locale, procedure.slug[locale], step);
}

/**
 * The same pages serve two flows: a citizen applying online, and reception entering a paper dossier at the counter
 * (Vietnamese only, in the back office, with its own draft cookie so it never mixes with the staff member's own).
 */
export interface ApplyFlow {
  counter: boolean;
  path(procedure: Procedure, locale: Locale, step?: ApplyStep): string;
  cookie(procedureCode: string): string;
}

export const citizenFlow: ApplyFlow = { counter: false, path: applyPath, cookie: draftCookie };

const counterSteps = { check: 'intakeCheck', confirmation: 'intakeConfirmation', receipt: 'intakeReceipt' } as const;

// Counter intake: reception enters a paper dossier through the same catalog form as citizens; each step's loader
// refuses anyone else.
export const counterFlow: ApplyFlow = {
  counter: true,
  path: (procedure, _locale, step) => staffPath(step ? counterSteps[step] : 'intakeForm', { slug: procedure.slug.vi }),
  cookie: counterDraftCookie,
};

/**
 * The message and status for an action that was refused as a whole (rate limit, body too large, bad form, and at the
 * counter a dossier for another agency).
 */
function refusal(Astro: AstroGlobal, error: unknown, locale: Locale): string {
  const refused = submissionRefusal(Astro, error, locale);
  if (refused) return refused.text;
  if (isActionError(error) && error.code === 'FORBIDDEN') {
    Astro.response.status = 403;
    return error.message === 'agency' ? dict(locale).counterIntake.otherAgency : dict(locale).apply.badRequest;
  }
  throw error;
}

async function draftOf(Astro: AstroGlobal, procedure: Procedure, flow: ApplyFlow): Promise<Draft | undefined> {
  const id = Astro.cookies.get(flow.cookie(procedure.code))?.value;
  const draft = id ? await getDraft(await getDb(), id) : undefined;
  return draft?.procedureCode === procedure.code ? draft : undefined;
}

export interface ApplyProps {
  draft: Draft | undefined;
  prefill: Record<string, string>;
  agencies: readonly Agency[];
  errors: FieldError[];
  summary: ErrorLink[];
  /** A second complaint against the decision on the complaint this browser tracks: the form is linked to it. */
  secondComplaint: SecondComplaintOffer | null;
  /** The calendar the time-to-complain island counts with (complaints only). */
  complaintCalendar: CalendarWindow | null;
}

/** The calendar the time-to-complain island counts with: the working days around today (it fetches nothing). */
async function complaintCalendarProps(now = new Date()): Promise<CalendarWindow> {
  return calendarWindow(await loadCalendar(await getDb()), todayInVietnam(now));
}

/** The form: after a successful post, on to the check page; after a failed one, the errors with status 400. */
export async function loadApply(Astro: AstroGlobal, procedure: Procedure, locale: Locale, flow: ApplyFlow = citizenFlow): Promise<Response | ApplyProps> {
  if (flow.counter && Astro.locals.staff?.user.role !== 'reception') return Astro.rewrite('/403');
  const result = Astro.getActionResult(actions.saveApplication);
  if (result?.data?.complete) return Astro.redirect(flow.path(procedure, locale, 'check'), 303);
  const found = await draftOf(Astro, procedure, flow);
  const draft = found?.dossierId === null ? found : undefined;
  // Only the fields a portal feature's own link carries (never the e-mail address the PIN is mailed to).
  const prefill = linkPrefill(procedure, Astro.url.searchParams);
  // A second complaint: from the tracking page's link (the flag only; the answers come from the tracked dossier), or
  // kept through the posts of the same form.
  const wantsSecond =
    procedure.code === 'KN' && !flow.counter && (Astro.url.searchParams.has('second') || !!result?.data?.parentDossierCode || !!draft?.values.parentDossierCode);
  const secondComplaint = wantsSecond ? await secondComplaintOfCookie(Astro.cookies, await getDb()) : null;
  if (secondComplaint && !(draft && Object.keys(draft.values).length > 0)) Object.assign(prefill, secondComplaint.prefill);
  // At the counter, only the agencies the officer's counter serves (the action refuses any other).
  const agencies = flow.counter
    ? await counterAgencies(await getDb(), Astro.locals.staff?.user.agency_code ?? null)
    : await allAgencies(await getDb());
  const errors = result?.data?.errors ?? [];
  const general = result?.error ? refusal(Astro, result.error, locale) : undefined;
  if (errors.length > 0) Astro.response.status = 400;
  // A field's message names the field, so the summary repeats it as it is (GOV.UK); an upload's is about the file,
  // so it is prefixed with the document's name. Each link goes to the field's group, so the label, hint and message
  // show above the input (a link to the input itself scrolls them out of view), and Tab then enters the input.
  const messageOf = (e: FieldError) => {
    const field = procedure.fields.find((f) => f.name === e.field);
    if (field) return fieldErrorText(field, e.key, locale);
    const doc = uploadableDocuments(procedure).find((d) => fileFieldName(d.id) === e.field);
    return doc ? `${doc.name[locale]}: ${errorText(e.key, locale)}` : errorText(e.key, locale);
  };
  const summary = [
    ...(general ? [{ href: '#main-form', text: general }] : []),
    ...errors.map((e: FieldError) => ({ href: `#f-${e.field}`, text: messageOf(e) })),
  ];
  const complaintCalendar = procedure.kind === 'complaint' ? await complaintCalendarProps() : null;
  // A blank form is the same for everyone (a draft, a post's answers or a second complaint make it someone's).
  if (!flow.counter && !result && !found && !secondComplaint) cacheForEveryone(Astro, ['agencies', 'calendar_days']);
  return { draft, agencies, errors, summary, prefill, secondComplaint, complaintCalendar };
}

export interface CheckProps {
  draft: Draft & { answers: Record<string, unknown> };
  agencies: readonly Pick<Agency, 'code' | 'name_vi' | 'name_en'>[];
  general: string | undefined;
  /** A complaint's last day to complain, and whether today is past it. */
  timeToComplain: (LastDay & { late: boolean }) | null;
  /** A petition the competent level above the agency named will handle. */
  routing: (Routing & { reason: RoutingReason }) | null;
}

/** Check your answers: only with a valid draft; after submission, on to the confirmation. */
export async function loadCheck(Astro: AstroGlobal, procedure: Procedure, locale: Locale, flow: ApplyFlow = citizenFlow): Promise<Response | CheckProps> {
  if (flow.counter && Astro.locals.staff?.user.role !== 'reception') return Astro.rewrite('/403');
  const result = Astro.getActionResult(actions.submitApplication);
  if (result?.data) return Astro.redirect(flow.path(procedure, locale, 'confirmation'), 303);
  const draft = await draftOf(Astro, procedure, flow);
  // Submitted already (back button, refresh): the confirmation, rather than a form that would submit nothing new.
  if (draft && draft.dossierId !== null) return Astro.redirect(flow.path(procedure, locale, 'confirmation'), 303);
  if (!draft || !draft.answers) return Astro.redirect(flow.path(procedure, locale), 303);
  const general = result?.error ? refusal(Astro, result.error, locale) : undefined;
  // Not kept by the back/forward cache, so "back" after sending asks the server and lands on the confirmation.
  Astro.response.headers.set('Cache-Control', 'no-store');
  const db = await getDb();
  const agencies = await allAgencies(db);
  const found = procedure.kind === 'complaint' ? lastDayToComplain(draft.answers, await loadCalendar(db)) : null;
  const timeToComplain = found && { ...found, late: todayInVietnam() > found.lastDay };
  const routed = procedure.kind === 'one-stop' ? null : await competentAgency(db, procedure.kind, String(draft.answers.agency), draft.answers);
  const routing = routed?.reason ? { ...routed, reason: routed.reason } : null;
  return { draft: draft as CheckProps['draft'], agencies, general, timeToComplain, routing };
}

/**
 * The printable receipt right after submitting (the draft cookie). Any other browser is sent to the tracking page,
 * from which the receipt is printed again with the code and PIN.
 */
export async function loadReceipt(
  Astro: AstroGlobal,
  procedure: Procedure,
  locale: Locale,
  flow: ApplyFlow = citizenFlow,
): Promise<Response | (Confirmation & { alternate: string; back: TextLink })> {
  if (flow.counter && Astro.locals.staff?.user.role !== 'reception') return Astro.rewrite('/403');
  const draft = await draftOf(Astro, procedure, flow);
  const confirmation = draft ? await confirmationFor(await getDb(), draft) : undefined;
  if (!confirmation) return Astro.redirect(flow.counter ? flow.path(procedure, locale) : receiptElsewhere(locale), 303);
  Astro.response.headers.set('Cache-Control', 'no-store');
  const other = otherLocale(locale);
  return {
    ...confirmation,
    alternate: flow.path(procedure, other, 'receipt'),
    back: { href: flow.path(procedure, locale, 'confirmation'), text: flowWords(locale, procedure.kind).confirmationTitle },
  };
}

/** The confirmation: only for the browser that submitted (its draft cookie), never cached; the PIN the first time only. */
export async function loadConfirmation(Astro: AstroGlobal, procedure: Procedure, locale: Locale, flow: ApplyFlow = citizenFlow): Promise<Response | Confirmation> {
  if (flow.counter && Astro.locals.staff?.user.role !== 'reception') return Astro.rewrite('/403');
  const draft = await draftOf(Astro, procedure, flow);
  const confirmation = draft ? await confirmationShownOnce(await getDb(), draft) : undefined;
  if (!confirmation) return Astro.redirect(flow.path(procedure, locale), 303);
  Astro.response.headers.set('Cache-Control', 'no-store');
  return confirmation;
}
