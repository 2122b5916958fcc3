import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { procedureByCode } from '../server/catalog/index.ts';
import { config } from '../server/config.ts';
import { getDb, mailWorker } from '../server/boot.ts';
import { processApplication } from '../server/dossiers/application.ts';
import { getDraft, isDraftId } from '../server/dossiers/drafts.ts';
import { DraftNotReadyError, submitDraft } from '../server/dossiers/submit.ts';
import { findTrackedDossier, sendSupplement, withdrawDossier } from '../server/dossiers/tracking.ts';
import { localeOfPath } from '../server/routes.ts';
import { counterDraftCookie, draftCookie, setDraftCookie } from './draft-cookie.ts';
import { rateLimit, readUpload, text } from './guards.ts';
import { adminActions } from './admin.ts';
import { registryActions } from './registry.ts';
import { requireStaff, staffActions } from './staff.ts';

/**
 * Which flow a form belongs to: a citizen's own application, or reception entering a paper dossier at the counter
 * (only a signed-in reception officer; the dossier is marked 'counter' and the officer recorded as its submitter).
 */
function channelOf(form: FormData, ctx: ActionAPIContext) {
  if (text(form, 'channel') !== 'counter') return { channel: 'online' as const, cookie: draftCookie, staffId: undefined };
  const staff = requireStaff(ctx);
  if (staff.user.role !== 'reception') throw new ActionError({ code: 'FORBIDDEN', message: 'role' });
  return { channel: 'counter' as const, cookie: counterDraftCookie, staffId: staff.user.id };
}

function oneStopProcedure(form: FormData) {
  const procedure = procedureByCode(text(form, 'procedure'));
  if (!procedure || procedure.kind !== 'one-stop') throw new ActionError({ code: 'BAD_REQUEST', message: 'procedure' });
  return procedure;
}

export const server = {
  ...staffActions,
  ...adminActions,
  ...registryActions,

  /** The application form: keeps uploads and answers in the draft, reports problems per field. */
  saveApplication: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      rateLimit('submission', ctx);
      const procedure = oneStopProcedure(form);
      const flow = channelOf(form, ctx);
      const locale = localeOfPath(ctx.url.pathname);
      const db = await getDb();
      const result = await processApplication(db, { procedure, locale, draftId: ctx.cookies.get(flow.cookie(procedure.code))?.value, form });
      setDraftCookie(ctx.cookies, flow.cookie(procedure.code), result.draft.id);
      return { complete: result.complete, errors: result.errors };
    },
  }),

  /** Check your answers → submit. Idempotent: the draft is the idempotency key. */
  submitApplication: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      rateLimit('submission', ctx);
      const procedure = oneStopProcedure(form);
      const flow = channelOf(form, ctx);
      const draftId = ctx.cookies.get(flow.cookie(procedure.code))?.value;
      // The draft id in the form must be the one in this browser's cookie: a forged or stale form submits nothing.
      if (!isDraftId(draftId) || text(form, 'draft') !== draftId) throw new ActionError({ code: 'BAD_REQUEST', message: 'draft' });
      const db = await getDb();
      const draft = await getDraft(db, draftId);
      if (!draft || draft.procedureCode !== procedure.code) throw new ActionError({ code: 'BAD_REQUEST', message: 'draft' });
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

  /** Code + PIN → the dossier's public view, or one generic "not found". */
  trackDossier: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      rateLimit('lookup', ctx);
      const dossier = await findTrackedDossier(await getDb(), text(form, 'code'), text(form, 'pin'));
      // The PIN goes back to the page only to fill the hidden fields of the supplement and withdraw forms.
      return { dossier, code: text(form, 'code').slice(0, 40), pin: dossier ? text(form, 'pin') : '' };
    },
  }),

  /** Documents asked for by the agency; the dossier goes back to reception. */
  sendSupplement: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      rateLimit('lookup', ctx);
      const db = await getDb();
      const dossier = await findTrackedDossier(db, text(form, 'code'), text(form, 'pin'));
      const pin = text(form, 'pin');
      if (!dossier) return { ok: false, problems: ['notFound'] as string[], dossier: null, pin: '' };
      if (!dossier.canSupplement) return { ok: false, problems: ['notAllowed'] as string[], dossier, pin };
      const files = await Promise.all(
        form
          .getAll('files')
          .filter((f): f is File => typeof f !== 'string')
          .map(readUpload),
      );
      const problems = await sendSupplement(db, dossier, { files, note: text(form, 'note'), publicUrl: config().publicUrl });
      if (problems.length === 0) mailWorker()?.kick();
      return { ok: problems.length === 0, problems: problems as string[], dossier: await findTrackedDossier(db, text(form, 'code'), pin), pin };
    },
  }),

  /** Withdraw a dossier not yet received (the citizen confirms with a checkbox). */
  withdrawDossier: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      rateLimit('lookup', ctx);
      const db = await getDb();
      const dossier = await findTrackedDossier(db, text(form, 'code'), text(form, 'pin'));
      const pin = text(form, 'pin');
      if (!dossier) return { ok: false as const, problem: 'notFound', dossier: null, pin: '' };
      if (text(form, 'confirm') !== 'yes') return { ok: false as const, problem: 'confirm', dossier, pin };
      if (!dossier.canWithdraw) return { ok: false as const, problem: 'notAllowed', dossier, pin };
      await withdrawDossier(db, dossier, config().publicUrl);
      mailWorker()?.kick();
      return { ok: true as const, problem: null, dossier: await findTrackedDossier(db, text(form, 'code'), pin), pin };
    },
  }),
};
