/**
 * Staff sessions, after Lucia's current guidance (lucia-auth.com): a token is `<id>.<secret>`; the database keeps
 * the id and the SHA-256 of the secret only, so a leaked sessions table opens nothing; the secret is compared in
 * constant time; a session dies after a period of inactivity and is renewed at most every few minutes, and in any
 * case a fixed time after sign-in (absolute lifetime), so a stolen token kept busy does not live for ever. The token
 * is replaced when the second factor passes.
 */
import { randomBytes } from 'node:crypto';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import type { Database, StaffUser } from '../schema.ts';
import { constantTimeEqualBytes } from './compare.ts';

/** A back office left untouched this long signs itself out. */
export const INACTIVITY_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** However active, a session ends this long after sign-in (a working day and a half: staff sign in each day). */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** `last_active_at` is written at most this often, not on every request. */
export const ACTIVITY_CHECK_INTERVAL_MS = 10 * 60 * 1000;

export interface Session {
  id: string;
  userId: number;
  twoFactorVerified: boolean;
  createdAt: Date;
  lastActiveAt: Date;
}

export type SessionUser = Pick<StaffUser, 'id' | 'email' | 'full_name' | 'role' | 'agency_code'> & { totpEnabled: boolean };

export interface SessionValidation {
  session: Session;
  user: SessionUser;
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** A new random token: 120-bit id and 120-bit secret, base32, joined by a dot. */
export function generateSessionToken(): string {
  return `${encodeBase32LowerCaseNoPadding(randomBytes(15))}.${encodeBase32LowerCaseNoPadding(randomBytes(15))}`;
}

/** Stores a session for `token` and returns it. */
export async function createSession(
  db: Kysely<Database>,
  token: string,
  userId: number,
  meta: { ip?: string | null; userAgent?: string | null; twoFactorVerified?: boolean; now?: Date; createdAt?: Date } = {},
): Promise<Session> {
  const [id, secret] = token.split('.') as [string, string];
  const now = meta.now ?? new Date();
  const createdAt = meta.createdAt ?? now;
  await db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      secret_hash: hashSecret(secret),
      two_factor_verified: meta.twoFactorVerified ?? false,
      created_at: createdAt,
      last_active_at: now,
      ip: meta.ip?.slice(0, 100) ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { id, userId, twoFactorVerified: meta.twoFactorVerified ?? false, createdAt, lastActiveAt: now };
}

/**
 * The session and its user for a token, or null: malformed, unknown, wrong secret, inactive too long, past its
 * absolute lifetime, or the account disabled. A valid session's activity time is renewed when older than the check interval.
 */
export async function validateSessionToken(db: Kysely<Database>, token: string, now = new Date()): Promise<SessionValidation | null> {
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]!) || !/^[a-z2-7]{24}$/.test(parts[1]!)) return null;
  const [id, secret] = parts as [string, string];
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff_users', 'staff_users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.secret_hash',
      'sessions.two_factor_verified',
      'sessions.created_at',
      'sessions.last_active_at',
      'staff_users.email',
      'staff_users.full_name',
      'staff_users.role',
      'staff_users.agency_code',
      'staff_users.disabled_at',
      'staff_users.totp_key_encrypted',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  if (!constantTimeEqualBytes(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;
  const lastActive = new Date(row.last_active_at);
  const created = new Date(row.created_at);
  if (
    row.disabled_at ||
    now.getTime() - lastActive.getTime() >= INACTIVITY_TIMEOUT_MS ||
    now.getTime() - created.getTime() >= ABSOLUTE_LIFETIME_MS
  ) {
    await invalidateSession(db, id);
    return null;
  }
  let lastActiveAt = lastActive;
  if (now.getTime() - lastActive.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
    lastActiveAt = now;
    await db.updateTable('sessions').set({ last_active_at: now }).where('id', '=', id).execute();
  }
  return {
    session: { id, userId: row.user_id, twoFactorVerified: row.two_factor_verified, createdAt: created, lastActiveAt },
    user: { id: row.user_id, email: row.email, full_name: row.full_name, role: row.role, agency_code: row.agency_code, totpEnabled: row.totp_key_encrypted !== null },
  };
}

/**
 * Replaces a session that has just passed the second factor by a new one under `token`, verified; the old token
 * stops working. Its times are kept (the request that got here just renewed the activity time), so the absolute
 * lifetime still counts from the password.
 */
export async function rotateSessionAfterSecondFactor(db: Kysely<Database>, old: Session, token: string): Promise<Session> {
  const row = await db.selectFrom('sessions').select(['ip', 'user_agent']).where('id', '=', old.id).executeTakeFirst();
  if (!row) throw new Error('The session ended before its second factor was recorded');
  await invalidateSession(db, old.id);
  return createSession(db, token, old.userId, { ip: row.ip, userAgent: row.user_agent, twoFactorVerified: true, now: old.lastActiveAt, createdAt: old.createdAt });
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a user out everywhere (and is called when the password changes or the account is disabled). */
export async function invalidateUserSessions(db: Kysely<Database>, userId: number, exceptSessionId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}
