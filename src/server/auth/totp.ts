/**
 * Two-factor sign-in with a time-based one-time password (RFC 6238: SHA-1, 6 digits, 30 seconds — what every
 * authenticator app reads from a QR code), after Lucia's current guidance:
 *
 * - the TOTP key is stored encrypted (AES-256-GCM under the server's key, `secret-key.ts`), bound to the account
 *   (the account id is the GCM additional data, so a key copied into another row does not decrypt);
 * - one recovery code, shown once, stored as an argon2 hash; using it turns TOTP off, so the user sets it up again
 *   (with a new recovery code);
 * - a code is accepted for the current 30-second step and one step either side (clock drift), and each step only
 *   once per account: a code seen over someone's shoulder cannot be replayed. The last used step is kept in the
 *   account's row (`totp_last_step`) and advanced by a conditional update, so it holds across instances and
 *   against two requests racing with one code.
 *
 * Setting up: `beginTotpSetup(email)` gives a key and the otpauth:// URI for the QR code; the page keeps the key
 * until the user types the first code (e.g. `encryptKey(key, { aad: 'setup:' + userId })` in a hidden field) and then
 * calls `enableTotp`.
 */
import { randomBytes } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Kysely } from 'kysely';
import { log } from '../log.ts';
import { recordAudit } from '../audit.ts';
import type { Database } from '../schema.ts';
import { hashPassword, verifyPasswordHash } from './password.ts';
import { decryptFromText, encryptToText } from '../cipher.ts';

export const TOTP_ISSUER = 'THADS';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
const DRIFT_STEPS = 1;
const KEY_BYTES = 20;

// ---------------------------------------------------------------------------------------------------------------
// Encryption of stored keys

export { DecryptionError, type CipherOptions } from '../cipher.ts';

/** AES-256-GCM with a random 12-byte IV; returns `base64(iv).base64(ciphertext).base64(tag)`. */
export const encryptKey = encryptToText;

/** The bytes `encryptKey` encrypted. @throws DecryptionError when anything does not match (format, key, tag, aad). */
export const decryptKey = decryptFromText;

/** The additional data binding a stored TOTP key to its account. */
const accountAad = (userId: number) => `totp:staff:${userId}`;

// ---------------------------------------------------------------------------------------------------------------
// Codes

/** A new TOTP key and its otpauth:// URI (for the QR code, issuer "THADS", account = the e-mail). */
export function beginTotpSetup(email: string): { key: Uint8Array; uri: string } {
  const key = new Uint8Array(randomBytes(KEY_BYTES));
  return { key, uri: createTOTPKeyURI(TOTP_ISSUER, email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS) };
}

/** The time step `now` falls in. */
export function totpStep(now: Date = new Date()): bigint {
  return BigInt(Math.floor(now.getTime() / (TOTP_PERIOD_SECONDS * 1000)));
}

/** The code for `key` at `now` (what the authenticator app shows; for tests and demos). */
export function generateTotpCode(key: Uint8Array, now: Date = new Date()): string {
  return generateHOTP(key, totpStep(now), TOTP_DIGITS);
}

/** Digits only: people type "123 456". */
function cleanCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * The time step whose code `code` is (the current one, or one step either side), or null.
 * @param after only steps later than this count (the last step used: one code, one use)
 */
export function matchTotpStep(key: Uint8Array, code: string, now: Date = new Date(), after?: bigint): bigint | null {
  const otp = cleanCode(code);
  if (!/^\d{6}$/.test(otp)) return null;
  const current = totpStep(now);
  let match: bigint | null = null;
  // Check every step (no early exit), so the time taken does not say which one matched.
  for (let step = current - BigInt(DRIFT_STEPS); step <= current + BigInt(DRIFT_STEPS); step++) {
    if (verifyHOTP(key, step, TOTP_DIGITS, otp) && (after === undefined || step > after) && match === null) match = step;
  }
  return match;
}

// ---------------------------------------------------------------------------------------------------------------
// Recovery codes

/** A recovery code: 16 base32 symbols (80 random bits) grouped 4-4-4-4, e.g. `K7QD-M2XA-4BTR-9...`. */
export function generateRecoveryCode(): string {
  const symbols = encodeBase32UpperCaseNoPadding(randomBytes(10));
  return symbols.match(/.{4}/g)!.join('-');
}

/** The 16 symbols of what was typed: case, spaces and dashes ignored; 0/1/8 read as O/I/B (not in the alphabet). */
export function normaliseRecoveryCode(input: string): string | null {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[018]/g, (c) => ({ '0': 'O', '1': 'I', '8': 'B' })[c] ?? c);
  return /^[A-Z2-7]{16}$/.test(symbols) ? symbols : null;
}

/** Whether what the user typed looks like a recovery code rather than a 6-digit TOTP code. */
export function looksLikeRecoveryCode(input: string): boolean {
  return normaliseRecoveryCode(input) !== null;
}

// ---------------------------------------------------------------------------------------------------------------
// Account operations

export interface TotpContext {
  ip?: string | null;
  now?: Date;
}

export const enableTotpProblems = ['invalid_key', 'invalid_code', 'already_enabled', 'not_found'] as const;
export type EnableTotpResult = { ok: true; recoveryCode: string } | { ok: false; reason: (typeof enableTotpProblems)[number] };

/** The key of a setup form, or null when it is not the base32 of a key `beginTotpSetup` could have made. */
export function parseSetupKey(text: string): Uint8Array | null {
  const symbols = text.trim().toUpperCase().replace(/=+$/, '');
  if (!/^[A-Z2-7]{32}$/.test(symbols)) return null;
  return decodeBase32IgnorePadding(symbols);
}

/**
 * Turns TOTP on for `userId` once `code` proves the authenticator holds `key`. Stores the key encrypted and the
 * hash of a new recovery code, which is returned to be shown once. Audited (`auth.totp_enabled`).
 */
export async function enableTotp(
  db: Kysely<Database>,
  userId: number,
  key: Uint8Array,
  code: string,
  ctx: TotpContext = {},
): Promise<EnableTotpResult> {
  const user = await db.selectFrom('staff_users').select(['id', 'email', 'agency_code', 'totp_key_encrypted', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled_at) return { ok: false, reason: 'not_found' };
  if (user.totp_key_encrypted !== null) return { ok: false, reason: 'already_enabled' };
  // The key comes back from a form: anything but what beginTotpSetup made is bad input, not a server fault.
  if (key.byteLength !== KEY_BYTES) return { ok: false, reason: 'invalid_key' };
  const step = matchTotpStep(key, code, ctx.now);
  if (step === null) return { ok: false, reason: 'invalid_code' };

  const recoveryCode = generateRecoveryCode();
  const recoveryHash = await hashPassword(normaliseRecoveryCode(recoveryCode)!);
  const enabled = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('staff_users')
      .set({ totp_key_encrypted: encryptKey(key, { aad: accountAad(userId) }), totp_recovery_hash: recoveryHash, totp_last_step: Number(step), updated_at: ctx.now ?? new Date() })
      .where('id', '=', userId)
      .where('totp_key_encrypted', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { id: userId, email: user.email, ip: ctx.ip }, {
      action: 'auth.totp_enabled',
      entityType: 'staff_user',
      entityId: userId,
      agencyCode: user.agency_code,
      before: { totp: false },
      after: { totp: true },
    });
    return true;
  });
  if (!enabled) return { ok: false, reason: 'already_enabled' };
  return { ok: true, recoveryCode };
}

/** Whether `code` is a current TOTP code of `userId`, not used before. False when TOTP is off. */
export async function verifyTotpCode(db: Kysely<Database>, userId: number, code: string, now: Date = new Date()): Promise<boolean> {
  const user = await db.selectFrom('staff_users').select(['totp_key_encrypted', 'totp_last_step']).where('id', '=', userId).executeTakeFirst();
  if (!user?.totp_key_encrypted) return false;
  let key: Uint8Array;
  try {
    key = decryptKey(user.totp_key_encrypted, { aad: accountAad(userId) });
  } catch (err) {
    // The server's key changed (or the row was tampered with): nobody can pass; say why in the log.
    log().error({ staffUserId: userId, err }, 'TOTP key cannot be decrypted (SECRET_KEY changed?)');
    return false;
  }
  const step = matchTotpStep(key, code, now, user.totp_last_step === null ? undefined : BigInt(user.totp_last_step));
  if (step === null) return false;
  // Only the request that moves the step forward passes: the same code on two instances at once is accepted once.
  const advanced = await db
    .updateTable('staff_users')
    .set({ totp_last_step: Number(step) })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', Number(step))]))
    .executeTakeFirst();
  return Number(advanced.numUpdatedRows) === 1;
}

/**
 * Whether `code` is the recovery code of `userId`. On success TOTP is turned off (the code is single-use, and the
 * user must set TOTP up again). Audited (`auth.recovery_code_used`).
 */
export async function useRecoveryCode(db: Kysely<Database>, userId: number, code: string, ctx: TotpContext = {}): Promise<boolean> {
  const symbols = normaliseRecoveryCode(code);
  const user = await db.selectFrom('staff_users').select(['email', 'agency_code', 'totp_recovery_hash']).where('id', '=', userId).executeTakeFirst();
  if (!symbols || !user?.totp_recovery_hash) return false;
  if (!(await verifyPasswordHash(user.totp_recovery_hash, symbols))) return false;
  return db.transaction().execute(async (trx) => {
    // Only the request that clears this very hash wins: two concurrent uses of one code cannot both pass.
    const cleared = await trx
      .updateTable('staff_users')
      .set({ totp_key_encrypted: null, totp_recovery_hash: null, totp_last_step: null, updated_at: ctx.now ?? new Date() })
      .where('id', '=', userId)
      .where('totp_recovery_hash', '=', user.totp_recovery_hash!)
      .executeTakeFirst();
    if (Number(cleared.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, { id: userId, email: user.email, ip: ctx.ip }, {
      action: 'auth.recovery_code_used',
      entityType: 'staff_user',
      entityId: userId,
      agencyCode: user.agency_code,
      before: { totp: true },
      after: { totp: false },
    });
    return true;
  });
}

/**
 * Turns TOTP off for `userId` (the user themself, after re-entering their password, or an administrator).
 * Audited (`auth.totp_disabled`) under `actor`, the user themself by default. Returns whether it was on.
 */
export async function disableTotp(
  db: Kysely<Database>,
  userId: number,
  ctx: TotpContext & { actor?: { id: number | null; email: string | null } } = {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('staff_users').select(['email', 'agency_code', 'totp_key_encrypted']).where('id', '=', userId).forUpdate().executeTakeFirst();
    if (!user?.totp_key_encrypted) return false;
    await trx
      .updateTable('staff_users')
      .set({ totp_key_encrypted: null, totp_recovery_hash: null, totp_last_step: null, updated_at: ctx.now ?? new Date() })
      .where('id', '=', userId)
      .execute();
    const actor = ctx.actor ?? { id: userId, email: user.email };
    await recordAudit(trx, { ...actor, ip: ctx.ip }, {
      action: 'auth.totp_disabled',
      entityType: 'staff_user',
      entityId: userId,
      agencyCode: user.agency_code,
      before: { totp: true },
      after: { totp: false },
    });
    return true;
  });
}
