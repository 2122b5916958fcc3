/** Back-office actions. Each handler authorises itself: actions are also reachable at /_actions/<name>. */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { getDb, mailWorker } from '../server/boot.ts';
import { config } from '../server/config.ts';
import { normaliseDossierCode } from '../server/dossiers/code.ts';
import { ActionInputError, staffActionNames, takeStaffAction, type StaffActionName } from '../server/dossiers/staff-actions.ts';
import { TransitionError } from '../server/dossiers/transition.ts';
import { FILE_LIMITS } from '../server/dossiers/files.ts';
import { signIn, verifySecondFactor } from '../server/auth/signin.ts';
import type { SessionValidation } from '../server/auth/session.ts';
import { clientAddress } from '../server/ratelimit.ts';
import { setSessionCookie } from './staff-cookie.ts';
import { text } from './guards.ts';

/** The signed-in staff member (second factor passed), or a 401. */
export function requireStaff(ctx: ActionAPIContext): SessionValidation {
  const staff = ctx.locals.staff;
  if (!staff || (staff.user.totpEnabled && !staff.session.twoFactorVerified)) {
    throw new ActionError({ code: 'UNAUTHORIZED', message: 'signin' });
  }
  return staff;
}

export function ipOf(ctx: ActionAPIContext): string {
  return clientAddress(ctx.request, ctx.clientAddress);
}

/** The staff actor of the lifecycle, for `transition()` and the audit log. */
export function actorOf(staff: SessionValidation, ip: string) {
  return { role: staff.user.role, staffId: staff.user.id, agencyCode: staff.user.agency_code, email: staff.user.email, ip } as const;
}

export const staffActions = {
  /** Every back-office action on a dossier; the lifecycle decides whether this role may take it now. */
  staffDossierAction: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = requireStaff(ctx);
      const action = staffActionNames.find((a) => a === text(form, 'action')) as StaffActionName | undefined;
      const code = normaliseDossierCode(text(form, 'code'));
      if (!action || !code) throw new ActionError({ code: 'BAD_REQUEST', message: 'action' });
      const db = await getDb();
      const dossier = await db.selectFrom('dossiers').select('id').where('code', '=', code).executeTakeFirst();
      if (!dossier) return { ok: false as const, action, problem: 'not_found', status: 404 };
      const upload = form.get('file');
      const file =
        upload instanceof File && upload.size > 0
          ? { name: upload.name, bytes: upload.size > FILE_LIMITS.maxBytes ? new Uint8Array(FILE_LIMITS.maxBytes + 1) : new Uint8Array(await upload.arrayBuffer()) }
          : null;
      const officer = text(form, 'officerId');
      try {
        await takeStaffAction(db, dossier.id, action, actorOf(staff, ipOf(ctx)), {
          publicUrl: config().publicUrl,
          reason: text(form, 'reason'),
          internalNote: text(form, 'internalNote'),
          officerId: /^\d{1,15}$/.test(officer) ? Number(officer) : null,
          newDueDate: text(form, 'newDueDate'),
          file,
        });
      } catch (err) {
        if (err instanceof ActionInputError) return { ok: false as const, action, problem: err.problem as string, status: 400 };
        if (err instanceof TransitionError) return { ok: false as const, action, problem: err.reason as string, status: err.reason === 'not_found' ? 404 : 403 };
        throw err;
      }
      mailWorker()?.kick();
      return { ok: true as const, action, problem: null, status: 200 };
    },
  }),

  staffSignIn: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const result = await signIn(await getDb(), {
        email: text(form, 'email').slice(0, 254),
        password: text(form, 'password').slice(0, 500),
        ip: ipOf(ctx),
        userAgent: ctx.request.headers.get('user-agent'),
      });
      if (!result.ok) return { ok: false as const, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds ?? null };
      setSessionCookie(ctx.cookies, result.token);
      return { ok: true as const, needsTwoFactor: result.needsTwoFactor };
    },
  }),

  staffVerifyTwoFactor: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = ctx.locals.staff;
      if (!staff) throw new ActionError({ code: 'UNAUTHORIZED', message: 'signin' });
      const result = await verifySecondFactor(await getDb(), staff.session, staff.user, text(form, 'code').slice(0, 40), ipOf(ctx));
      return result;
    },
  }),
};
