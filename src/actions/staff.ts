/** Back-office actions. Each handler authorises itself: actions are also reachable at /_actions/<name>. */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { getDb, mailWorker } from '../server/boot.ts';
import { config } from '../server/config.ts';
import { normaliseDossierCode } from '../server/dossiers/code.ts';
import { ActionInputError, dossierIdByCode, staffActionNames, takeStaffAction, type StaffActionName } from '../server/dossiers/staff-actions.ts';
import { TransitionError } from '../server/dossiers/transition.ts';
import { changePassword, signIn, signOutEverywhere, verifySecondFactor } from '../server/auth/signin.ts';
import { beginTotpSetup, disableTotp, enableTotp, parseSetupKey } from '../server/auth/totp.ts';
import { verifyPasswordHash } from '../server/auth/password.ts';
import { findStaffById } from '../server/auth/staff.ts';
import type { SessionValidation } from '../server/auth/session.ts';
import { clientAddress } from '../server/ratelimit.ts';
import { deleteSessionCookie, deviceCookieValue, sessionCookieValue, setDeviceCookie, setSessionCookie } from './staff-cookie.ts';
import { readUpload, text } from './guards.ts';
import { rowIdOf } from '../server/row-id.ts';

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
  staffChangePassword: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = requireStaff(ctx);
      const next = text(form, 'next').slice(0, 500);
      if (next !== text(form, 'confirm').slice(0, 500)) return { ok: false as const, reason: 'mismatch' };
      const result = await changePassword(await getDb(), staff.user, staff.session.id, { current: text(form, 'current').slice(0, 500), next }, ipOf(ctx));
      return result.ok ? { ok: true as const, reason: null } : { ok: false as const, reason: result.reason as string };
    },
  }),

  staffSignOutEverywhere: defineAction({
    accept: 'form',
    handler: async (_form: FormData, ctx) => {
      const staff = requireStaff(ctx);
      await signOutEverywhere(await getDb(), staff.user, ipOf(ctx));
      deleteSessionCookie(ctx.cookies);
      return { ok: true as const };
    },
  }),

  /** Step 1 shows a new key (kept in the form, never stored until a code proves the app holds it); step 2 enables. */
  staffEnableTotp: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = requireStaff(ctx);
      const key = parseSetupKey(text(form, 'key').slice(0, 200));
      if (!key) return { ok: false as const, reason: 'invalid_key', recoveryCode: null, key: beginTotpSetup(staff.user.email).key };
      const result = await enableTotp(await getDb(), staff.user.id, key, text(form, 'code').replace(/\s/g, '').slice(0, 10), { ip: ipOf(ctx) });
      if (result.ok) return { ok: true as const, reason: null, recoveryCode: result.recoveryCode, key: null };
      return { ok: false as const, reason: result.reason as string, recoveryCode: null, key: result.reason === 'invalid_key' ? beginTotpSetup(staff.user.email).key : key };
    },
  }),

  staffDisableTotp: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = requireStaff(ctx);
      const db = await getDb();
      const user = await findStaffById(db, staff.user.id);
      // Turning a factor off asks for the password again: a session left open must not be enough.
      if (!user || !(await verifyPasswordHash(user.password_hash, text(form, 'password').slice(0, 500)))) return { ok: false as const, reason: 'wrong_password' };
      await disableTotp(db, staff.user.id, { ip: ipOf(ctx) });
      return { ok: true as const, reason: null };
    },
  }),

  /** Every back-office action on a dossier; the lifecycle decides whether this role may take it now. */
  staffDossierAction: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = requireStaff(ctx);
      const action = staffActionNames.find((a) => a === text(form, 'action')) as StaffActionName | undefined;
      const code = normaliseDossierCode(text(form, 'code'));
      if (!action || !code) throw new ActionError({ code: 'BAD_REQUEST', message: 'action' });
      const db = await getDb();
      const dossierId = await dossierIdByCode(db, code);
      if (dossierId === null) return { ok: false as const, action, problem: 'not_found', status: 404 };
      const upload = form.get('file');
      const file = upload instanceof File && upload.size > 0 ? await readUpload(upload) : null;
      const officer = text(form, 'officerId');
      try {
        await takeStaffAction(db, dossierId, action, actorOf(staff, ipOf(ctx)), {
          publicUrl: config().publicUrl,
          reason: text(form, 'reason'),
          internalNote: text(form, 'internalNote'),
          officerId: rowIdOf(officer),
          newDueDate: text(form, 'newDueDate'),
          note: text(form, 'note'),
          conclusion: text(form, 'conclusion'),
          number: text(form, 'number').slice(0, 100),
          findings: text(form, 'findings'),
          legalBasis: text(form, 'legalBasis'),
          remedy: text(form, 'remedy'),
          measures: text(form, 'measures'),
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
        deviceToken: deviceCookieValue(ctx.cookies),
        sessionToken: sessionCookieValue(ctx.cookies),
      });
      if (!result.ok) return { ok: false as const, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds ?? null };
      setSessionCookie(ctx.cookies, result.token);
      setDeviceCookie(ctx.cookies, result.deviceToken);
      return { ok: true as const, needsTwoFactor: result.needsTwoFactor };
    },
  }),

  staffVerifyTwoFactor: defineAction({
    accept: 'form',
    handler: async (form: FormData, ctx) => {
      const staff = ctx.locals.staff;
      if (!staff) throw new ActionError({ code: 'UNAUTHORIZED', message: 'signin' });
      const result = await verifySecondFactor(await getDb(), staff.session, staff.user, text(form, 'code').slice(0, 40), ipOf(ctx));
      if (!result.ok) return { ok: false as const, reason: result.reason, retryAfterSeconds: result.retryAfterSeconds ?? null };
      setSessionCookie(ctx.cookies, result.token);
      return { ok: true as const, reason: null, retryAfterSeconds: null };
    },
  }),
};
