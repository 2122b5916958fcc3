/**
 * Staff sign-in, second factor, password change and sign-out. Every attempt is audited, success or failure.
 *
 * Throttling: per account and per address in PostgreSQL, shared by every instance (throttle.ts: progressive delays
 * per account that the right password from a known client passes, failures only per address); the second factor, 5
 * attempts in 15 minutes per account (abuse-limits.ts, in PostgreSQL too). `createSignIn()` takes another
 * second-factor limiter (tests, with their own clock); the functions exported at the bottom use the default one.
 *
 * An unknown e-mail and a wrong password look the same from outside: both say 'invalid', and both run one argon2
 * verification (against a decoy hash when the e-mail is unknown), so the time taken does not tell them apart. A
 * disabled account says 'disabled' only to someone who knew its password.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit.ts';
import { abuseLimits } from '../abuse-limits.ts';
import type { RateLimiter } from '../ratelimit.ts';
import type { Database } from '../schema.ts';
import { checkPasswordStrength, hashPassword, verifyPasswordHash, type PasswordProblem } from './password.ts';
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  rotateSessionAfterSecondFactor,
  validateSessionToken,
  type Session,
  type SessionUser,
} from './session.ts';
import { accountKey, addressKey, isKnownClient, rememberClient, reserveAttempt, settleAttempt, sweepFailures } from './throttle.ts';
import { findStaffByEmail, findStaffById, normaliseEmail } from './staff.ts';
import { looksLikeRecoveryCode, useRecoveryCode, verifyTotpCode } from './totp.ts';

export interface SignInInput {
  email: string;
  password: string;
  ip: string | null;
  userAgent?: string | null;
  /** The device cookie a previous sign-in of this browser left, if any (it may pass the account's delay). */
  deviceToken?: string | null;
  /** The session cookie the browser still holds, if any (a valid one of this account passes the delay too). */
  sessionToken?: string | null;
  now?: Date;
}

export type SignInResult =
  | { ok: true; token: string; deviceToken: string; session: Session; user: SessionUser; needsTwoFactor: boolean }
  | { ok: false; reason: 'invalid' | 'throttled' | 'disabled'; retryAfterSeconds?: number };

export type SecondFactorResult =
  | { ok: true; method: 'totp' | 'recovery_code'; token: string; session: Session }
  | { ok: false; reason: 'invalid' | 'throttled'; retryAfterSeconds?: number };

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; reason: 'wrong_password' | 'same_password' | 'throttled' | PasswordProblem; retryAfterSeconds?: number };

export interface SignInLimiters {
  /** Second-factor attempts per account; default 5 per 15 minutes. */
  secondFactorLimit: RateLimiter;
}

export interface SignInOptions extends Partial<SignInLimiters> {
  /**
   * The password check (`verifyPasswordHash` by default). Tests pass a wrapper that records which hash each attempt
   * was verified against: that, not a stopwatch, shows an unknown e-mail costs the same argon2 work as a known one.
   */
  verifyPassword?: (passwordHash: string, password: string) => Promise<boolean>;
}

export interface SignInService {
  signIn(db: Kysely<Database>, input: SignInInput): Promise<SignInResult>;
  /** `now` is for tests: the time the TOTP code is checked against. */
  verifySecondFactor(db: Kysely<Database>, session: Session, user: SessionUser, code: string, ip: string | null, now?: Date): Promise<SecondFactorResult>;
  changePassword(
    db: Kysely<Database>,
    user: SessionUser,
    sessionId: string,
    passwords: { current: string; next: string },
    ip?: string | null,
    now?: Date,
  ): Promise<ChangePasswordResult>;
  signOut(db: Kysely<Database>, session: Session, user: SessionUser, ip?: string | null): Promise<void>;
  signOutEverywhere(db: Kysely<Database>, user: SessionUser, ip?: string | null): Promise<void>;
  readonly limiters: SignInLimiters;
}

/** A hash of a random password nobody knows, verified against when the e-mail is unknown (made once, lazily). */
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(18).toString('base64'));
  return decoyHash;
}

/** What the audit log keeps of a typed e-mail: normalised and bounded (it could be anything). */
const typedEmail = (email: string) => normaliseEmail(email).slice(0, 254);

/** Whether this browser or address signed in to `userId` before, or still holds one of its sessions. */
async function isTrustedClient(db: Kysely<Database>, userId: number, input: SignInInput, now: Date): Promise<boolean> {
  if (input.sessionToken) {
    const current = await validateSessionToken(db, input.sessionToken, now);
    if (current?.user.id === userId) return true;
  }
  return isKnownClient(db, userId, { ip: input.ip, deviceToken: input.deviceToken ?? null }, now);
}

/** Creates the sign-in functions (the second-factor limiter and password check as given, else the defaults). */
export function createSignIn(options: SignInOptions = {}): SignInService {
  const verifyPassword = options.verifyPassword ?? verifyPasswordHash;
  const limiters: SignInLimiters = {
    secondFactorLimit: options.secondFactorLimit ?? abuseLimits.secondFactor,
  };
  // Start hashing the decoy now, so the first unknown e-mail does not take one hash longer than the others.
  decoy().catch(() => {});

  async function signIn(db: Kysely<Database>, input: SignInInput): Promise<SignInResult> {
    const email = typedEmail(input.email);
    const ip = input.ip;
    const now = input.now ?? new Date();
    const keys = { account: accountKey(email), address: addressKey(ip) };

    const user = email ? await findStaffByEmail(db, email) : undefined;
    const trusted = user ? await isTrustedClient(db, user.id, input, now) : false;
    const reservation = await reserveAttempt(db, keys, { now, trusted });
    if (!reservation.allowed) {
      await recordAudit(db, { id: user?.id ?? null, email, ip }, {
        action: 'auth.signin_throttled',
        entityType: user ? 'staff_user' : null,
        entityId: user?.id ?? null,
        agencyCode: user?.agency_code ?? null,
        after: { limit: reservation.limit },
      });
      return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
    }

    const passwordOk = await verifyPassword(user?.password_hash ?? (await decoy()), input.password);
    // A disabled account's right password counts as a failure too: nobody gets in with it.
    await settleAttempt(db, keys, user && passwordOk && !user.disabled_at ? 'success' : 'failure', now);
    if (!user || !passwordOk) {
      await recordAudit(db, { id: user?.id ?? null, email, ip }, {
        action: 'auth.signin_failed',
        entityType: user ? 'staff_user' : null,
        entityId: user?.id ?? null,
        agencyCode: user?.agency_code ?? null,
        after: { reason: user ? 'wrong_password' : 'unknown_email' },
      });
      await sweepFailures(db, now);
      return { ok: false, reason: 'invalid' };
    }
    if (user.disabled_at) {
      await recordAudit(db, { id: user.id, email: user.email, ip }, {
        action: 'auth.signin_failed',
        entityType: 'staff_user',
        entityId: user.id,
        agencyCode: user.agency_code,
        after: { reason: 'disabled' },
      });
      return { ok: false, reason: 'disabled' };
    }

    const deviceToken = await rememberClient(db, user.id, { ip, deviceToken: input.deviceToken ?? null }, now);
    const totpEnabled = user.totp_key_encrypted !== null;
    const token = generateSessionToken();
    const session = await db.transaction().execute(async (trx) => {
      const created = await createSession(trx, token, user.id, {
        ip,
        userAgent: input.userAgent ?? null,
        twoFactorVerified: !totpEnabled,
        now,
      });
      await recordAudit(trx, { id: user.id, email: user.email, ip }, {
        action: 'auth.signin',
        entityType: 'staff_user',
        entityId: user.id,
        agencyCode: user.agency_code,
        after: { twoFactorPending: totpEnabled },
      });
      return created;
    });
    return {
      ok: true,
      token,
      deviceToken,
      session,
      user: { id: user.id, email: user.email, full_name: user.full_name, role: user.role, agency_code: user.agency_code, totpEnabled },
      needsTwoFactor: totpEnabled,
    };
  }

  async function verifySecondFactor(
    db: Kysely<Database>,
    session: Session,
    user: SessionUser,
    code: string,
    ip: string | null,
    now: Date = new Date(),
  ): Promise<SecondFactorResult> {
    const actor = { id: user.id, email: user.email, ip };
    const audit = (action: string, after: unknown) =>
      recordAudit(db, actor, { action, entityType: 'staff_user', entityId: user.id, agencyCode: user.agency_code, after });
    if (session.userId !== user.id) throw new Error('The session does not belong to this user');

    const limit = await limiters.secondFactorLimit.hit(db, `user:${user.id}`);
    if (!limit.allowed) {
      await audit('auth.2fa_throttled', null);
      return { ok: false, reason: 'throttled', retryAfterSeconds: limit.retryAfterSeconds };
    }
    const method = looksLikeRecoveryCode(code) ? 'recovery_code' : 'totp';
    const ok = method === 'totp' ? await verifyTotpCode(db, user.id, code, now) : await useRecoveryCode(db, user.id, code, { ip });
    if (!ok) {
      await audit('auth.2fa_failed', { method });
      return { ok: false, reason: 'invalid' };
    }
    await limiters.secondFactorLimit.reset(db, `user:${user.id}`);
    // A new token once the second factor passes: whoever saw the pre-2FA one (it was usable only on this page) holds
    // nothing now.
    const token = generateSessionToken();
    const rotated = await db.transaction().execute(async (trx) => {
      const next = await rotateSessionAfterSecondFactor(trx, session, token);
      await recordAudit(trx, actor, { action: 'auth.2fa', entityType: 'staff_user', entityId: user.id, agencyCode: user.agency_code, after: { method } });
      return next;
    });
    return { ok: true, method, token, session: rotated };
  }

  async function changePassword(
    db: Kysely<Database>,
    user: SessionUser,
    sessionId: string,
    passwords: { current: string; next: string },
    ip: string | null = null,
    now: Date = new Date(),
  ): Promise<ChangePasswordResult> {
    const actor = { id: user.id, email: user.email, ip };
    const audit = { entityType: 'staff_user', entityId: user.id, agencyCode: user.agency_code };
    // Wrong current passwords count against the account like failed sign-ins, and the session never passes the
    // delay here: a stolen session cannot guess the password.
    const keys = { account: accountKey(normaliseEmail(user.email)) };
    const reservation = await reserveAttempt(db, keys, { now, trusted: false });
    if (!reservation.allowed) {
      await recordAudit(db, actor, { action: 'auth.password_change_failed', ...audit, after: { reason: 'throttled' } });
      return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
    }
    const row = await findStaffById(db, user.id);
    const currentOk = row !== undefined && (await verifyPassword(row.password_hash, passwords.current));
    await settleAttempt(db, keys, currentOk ? 'success' : 'failure', now);
    if (!currentOk) {
      await recordAudit(db, actor, { action: 'auth.password_change_failed', ...audit, after: { reason: 'wrong_password' } });
      return { ok: false, reason: 'wrong_password' };
    }
    const problem = checkPasswordStrength(passwords.next, row.email);
    if (problem) return { ok: false, reason: problem };
    if (passwords.next.normalize('NFC') === passwords.current.normalize('NFC')) return { ok: false, reason: 'same_password' };

    const passwordHash = await hashPassword(passwords.next);
    await db.transaction().execute(async (trx) => {
      const now = new Date();
      await trx.updateTable('staff_users').set({ password_hash: passwordHash, password_changed_at: now, updated_at: now }).where('id', '=', user.id).execute();
      await invalidateUserSessions(trx, user.id, sessionId);
      await recordAudit(trx, actor, { action: 'auth.password_changed', ...audit, after: { otherSessionsSignedOut: true } });
    });
    return { ok: true };
  }

  async function signOut(db: Kysely<Database>, session: Session, user: SessionUser, ip: string | null = null): Promise<void> {
    await db.transaction().execute(async (trx) => {
      await invalidateSession(trx, session.id);
      await recordAudit(trx, { id: user.id, email: user.email, ip }, {
        action: 'auth.signout',
        entityType: 'staff_user',
        entityId: user.id,
        agencyCode: user.agency_code,
      });
    });
  }

  async function signOutEverywhere(db: Kysely<Database>, user: SessionUser, ip: string | null = null): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const sessions = await trx.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).executeTakeFirstOrThrow();
      await invalidateUserSessions(trx, user.id);
      await recordAudit(trx, { id: user.id, email: user.email, ip }, {
        action: 'auth.signout_everywhere',
        entityType: 'staff_user',
        entityId: user.id,
        agencyCode: user.agency_code,
        after: { sessionsEnded: Number(sessions.n) },
      });
    });
  }

  return { signIn, verifySecondFactor, changePassword, signOut, signOutEverywhere, limiters };
}

/** The process-wide sign-in functions (one set of counters). */
export const defaultSignIn: SignInService = createSignIn();
export const { signIn, verifySecondFactor, changePassword, signOut, signOutEverywhere } = defaultSignIn;
