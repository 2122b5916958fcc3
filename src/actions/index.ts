import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { procedureByCode } from '../server/catalog/index.ts';
import type { Procedure } from '../server/catalog/types.ts';
import { agenciesOutOfScope } from '../server/dossiers/counter-scope.ts';
import { config } from '../server/config.ts';
import { getDb, mailWorker } from '../server/boot.ts';
import { processApplication } from '../server/dossiers/application.ts';
import { getDraft, isDraftId } from '../server/dossiers/drafts.ts';
import { DraftNotReadyError, submitDraft } from '../server/dossiers/submit.ts';
import { lookUpDossier } from '../server/dossiers/pin-lockout.ts';
import { checkLookupInput, sendSupplement, trackedDossier, withdrawDossier } from '../server/dossiers/tracking.ts';
import { normaliseDossierCode } from '../server/dossiers/code.ts';
import { TransitionError } from '../server/dossiers/transition.ts';
import { secondComplaintOfCookie, setTrackingCookie, trackedDossierId } from './tracking-cookie.ts';
import { localeOfPath } from '../server/routes.ts';
import { counterDraftCookie, draftCookie, setDraftCookie } from './draft-cookie.ts';
import { rateLimit, readUpload, text } from './guards.ts';
import { staffAccountActions } from './admin/staff-accounts.ts';
import { agencyContactActions } from './admin/agency-contacts.ts';
import { calendarDayActions } from './admin/calendar-days.ts';
import { registryActions } from './registry.ts';
import { receptionActions } from './reception.ts';
import { enforcementResultActions } from './enforcement-results.ts';
import { requireStaff, staffActions } from './staff.ts';
import { surveyActions } from './survey.ts';

/**
 * Which flow a form belongs to: a citizen's own application, or reception entering a paper dossier at the counter
 * (only a signed-in reception officer; the dossier is marked 'counter' and the officer recorded as its submitter).
 */
function channelOf(form: FormData, ctx: ActionAPIContext) {
  if (text(form, 'channel') !== 'counter') return { channel: 'online' as const, cookie: draftCookie, staffId: undefined, agencyCode: null };
  const staff = requireStaff(ctx);
  if (staff.user.role !== 'reception') throw new ActionError({ code: 'FORBIDDEN', message: 'role' });
  return { channel: 'counter' as const, cookie: counterDraftCookie, staffId: staff.user.id, agencyCode: staff.user.agency_code };
}

/**
 * A counter enters dossiers for its own agency (and a provincial agency's regional offices) only: a form or draft
 * naming another agency is refused as a whole, before anything is written.
 */
async function holdCounterToScope(db: Awaited<ReturnType<typeof getDb>>, flow: ReturnType<typeof channelOf>, procedure: Procedure, valueOf: (field: string) => unknown) {
  if (flow.channel !== 'counter') return;
  if ((await agenciesOutOfScope(db, flow.agencyCode, procedure, valueOf)).length > 0) throw new ActionError({ code: 'FORBIDDEN', message: 'agency' });
}

/** Any procedure of the catalog is filed through the same flow: one-stop procedures, complaints and denunciations. */
function formProcedure(form: FormData) {
  const procedure = procedureByCode(text(form, 'procedure'));
  if (!procedure) throw new ActionError({ code: 'BAD_REQUEST', message: 'procedure' });
  return procedure;
}

/**
 * The dossier the browser's tracking cookie holds, if it is the one the form names (a form left open on another
 * dossier's page acts on nothing).
 */
async function dossierOfCookie(db: Awaited<ReturnType<typeof getDb>>, form: FormData, ctx: ActionAPIContext) {
  const id = trackedDossierId(ctx.cookies);
  const dossier = id === null ? null : await trackedDossier(db, id);
  return dossier && dossier.code === normaliseDossierCode(text(form, 'code')) ? dossier : null;
}

export const server = {
  ...staffActions,
  ...staffAccountActions,
  ...agencyContactActions,
  ...calendarDayActions,
  ...registryActions,
  ...receptionActions,
  ...enforcementResultActions,
  ...surveyActions,

  /** The application form: keeps uploads and answers in the draft, reports problems per field. */
  saveApplication: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      await rateLimit('submission', ctx);
      const procedure = formProcedure(form);
      const flow = channelOf(form, ctx);
      const locale = localeOfPath(ctx.url.pathname);
      const db = await getDb();
      // A second complaint is linked to the first only when this browser tracks that first complaint and it still
      // allows one: the code in the form names it, the cookie proves it.
      await holdCounterToScope(db, flow, procedure, (field) => text(form, field));
      const parent = text(form, 'parentDossierCode');
      const offer = parent && procedure.code === 'KN' ? await secondComplaintOfCookie(ctx.cookies, db) : null;
      const link = offer && offer.parentDossierCode === normaliseDossierCode(parent) ? { parentDossierCode: offer.parentDossierCode } : undefined;
      const result = await processApplication(db, { procedure, locale, draftId: ctx.cookies.get(flow.cookie(procedure.code))?.value, form, link });
      setDraftCookie(ctx.cookies, flow.cookie(procedure.code), result.draft.id);
      return { complete: result.complete, errors: result.errors, parentDossierCode: link?.parentDossierCode ?? null };
    },
  }),

  /** Check your answers → submit. Idempotent: the draft is the idempotency key. */
  submitApplication: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      await rateLimit('submission', ctx);
      const procedure = formProcedure(form);
      const flow = channelOf(form, ctx);
      const draftId = ctx.cookies.get(flow.cookie(procedure.code))?.value;
      // The draft id in the form must be the one in this browser's cookie: a forged or stale form submits nothing.
      if (!isDraftId(draftId) || text(form, 'draft') !== draftId) throw new ActionError({ code: 'BAD_REQUEST', message: 'draft' });
      const db = await getDb();
      const draft = await getDraft(db, draftId);
      if (!draft || draft.procedureCode !== procedure.code) throw new ActionError({ code: 'BAD_REQUEST', message: 'draft' });
      // The cookie's draft could have been filled in by another flow: its answers are held to the counter's scope too.
      await holdCounterToScope(db, flow, procedure, (field) => draft.answers?.[field] ?? draft.values[field]);
      try {
        const result = await submitDraft(db, draftId, { channel: flow.channel, staffId: flow.staffId, publicUrl: config().publicUrl });
        if (result.mailed) mailWorker()?.kick();
        return { code: result.code };
      } catch (err) {
        if (err instanceof DraftNotReadyError) throw new ActionError({ code: 'BAD_REQUEST', message: 'draft' });
        throw err;
      }
    },
  }),

  /**
   * Code + PIN → the tracking cookie for that dossier (the page then redirects to the dossier's own GET page). Typos
   * are named without a look-up; only a well-formed code and PIN are looked up (and count against the rate limit).
   */
  trackDossier: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const code = text(form, 'code').slice(0, 40);
      const pin = text(form, 'pin').slice(0, 12);
      const problems: string[] = checkLookupInput(code, pin);
      if (problems.length > 0) return { ok: false as const, problems, code };
      await rateLimit('lookup', ctx);
      const found = await lookUpDossier(await getDb(), code, pin, { publicUrl: config().publicUrl });
      if (found.mailed) mailWorker()?.kick();
      if (found.outcome === 'locked') return { ok: false as const, problems: ['locked'], code, lockedUntil: found.until.toISOString() };
      if (found.outcome === 'not_found') return { ok: false as const, problems: ['not_found'], code };
      setTrackingCookie(ctx.cookies, found.dossierId);
      return { ok: true as const, problems: [] as string[], code: normaliseDossierCode(code)! };
    },
  }),

  /** Documents asked for by the agency; the dossier goes back to reception. */
  sendSupplement: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      await rateLimit('submission', ctx);
      const db = await getDb();
      const dossier = await dossierOfCookie(db, form, ctx);
      if (!dossier) return { ok: false as const, problems: ['expired'] as string[] };
      if (!dossier.canSupplement) return { ok: false as const, problems: ['not_allowed'] as string[] };
      const files = await Promise.all(
        form
          .getAll('files')
          .filter((f): f is File => typeof f !== 'string')
          .map(readUpload),
      );
      let problems: string[];
      try {
        problems = await sendSupplement(db, dossier, { files, note: text(form, 'note'), publicUrl: config().publicUrl });
      } catch (err) {
        // Staff moved the dossier on between the check above and the transition (found by tests/fuzz: a 500).
        if (err instanceof TransitionError && err.reason === 'not_allowed') return { ok: false as const, problems: ['not_allowed'] as string[] };
        throw err;
      }
      if (problems.length === 0) mailWorker()?.kick();
      return { ok: problems.length === 0, problems: problems as string[] };
    },
  }),

  /** Withdraw a dossier not yet received (the citizen confirms with a checkbox). */
  withdrawDossier: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      await rateLimit('submission', ctx);
      const db = await getDb();
      const dossier = await dossierOfCookie(db, form, ctx);
      if (!dossier) return { ok: false as const, problem: 'expired' };
      if (text(form, 'confirm') !== 'yes') return { ok: false as const, problem: 'confirm' };
      if (!dossier.canWithdraw) return { ok: false as const, problem: 'not_allowed' };
      try {
        await withdrawDossier(db, dossier, config().publicUrl);
      } catch (err) {
        if (err instanceof TransitionError && err.reason === 'not_allowed') return { ok: false as const, problem: 'not_allowed' };
        throw err;
      }
      mailWorker()?.kick();
      return { ok: true as const, problem: null };
    },
  }),
};
