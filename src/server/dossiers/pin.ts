/**
 * The tracking PIN: six digits shown once to the citizen when a dossier is submitted, asked for with the dossier code
 * to follow it. Only a keyed hash is stored: `hmac-sha256$<salt>$<mac>`, the HMAC-SHA-256 of salt ‖ PIN under a key
 * derived from the server's key (`purposeKey('tracking-pin')`, `SECRET_KEY` or `$DATA_DIR/secret.key`).
 *
 * Why a key and not a slow hash: six digits are a million values, and a million argon2id computations take one
 * machine a few hours, so a slow hash never protected a stolen database's PINs — it only slowed every submission
 * (argon2id was the limit at ~50 per second). A key kept outside the database does protect them: without it, a dump
 * of `dossiers` says nothing about any PIN. Online, the PIN is protected by the limits on look-ups, per address
 * (`abuse-limits.ts`, shared by every instance) and per dossier code (`pin-lockout.ts`), which stay as they were.
 * The random salt of each row keeps two dossiers with the same PIN from having the same row.
 *
 * The price: the stored PINs are only as durable as the key. Losing or changing `SECRET_KEY` (or `secret.key`) makes
 * every stored PIN unverifiable — the citizens keep their dossier codes and staff still see the dossiers, but
 * tracking by code and PIN fails for all dossiers submitted before.
 *
 * Dossiers submitted before this form still hold an argon2id PHC string; `verifyPin` accepts both, and a successful
 * look-up rewrites an old hash in the new form (`findDossierByCodeAndPin` in `tracking.ts`, `isLegacyPinHash`).
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { purposeKey } from '../cipher.ts';

/** The scheme label that starts every stored PIN of the current form. */
const SCHEME = 'hmac-sha256';
const SALT_BYTES = 16;
/** base64url without padding: 16 bytes → 22 characters, 32 bytes → 43. */
const STORED_FORM = /^hmac-sha256\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;
/** The PHC prefix of the argon2id hashes stored before (memoryCost 19456, timeCost 2, parallelism 1). */
const LEGACY_PREFIX = '$argon2id$';

let serverPinKey: Uint8Array | undefined;

/** The key PINs are hashed under: derived from the server's key for this one purpose, read once per process. */
export function pinKey(): Uint8Array {
  serverPinKey ??= purposeKey('tracking-pin');
  return serverPinKey;
}

/** A new PIN: six decimal digits from the CSPRNG, leading zeros kept (e.g. '004217'). */
export function generatePin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The PIN a citizen typed, without spaces ('123 456' → '123456'), or null unless that leaves exactly six ASCII digits. */
export function normalisePin(input: string): string | null {
  const compact = input.replace(/\s/g, '');
  return /^[0-9]{6}$/.test(compact) ? compact : null;
}

/** HMAC-SHA-256 of salt ‖ PIN (the six ASCII digits) under `key`, base64url. */
function mac(key: Uint8Array, salt: Uint8Array, pin: string): string {
  return createHmac('sha256', key).update(salt).update(pin, 'ascii').digest('base64url');
}

export interface PinHashOptions {
  /** The HMAC key; defaults to the server's (`pinKey()`). */
  key?: Uint8Array;
  /** 16 bytes; defaults to fresh random ones. Only tests pass one. */
  salt?: Uint8Array;
}

/**
 * What to store for `pin`: `hmac-sha256$<base64url salt>$<base64url mac>` (see the module comment). Cheap: one HMAC.
 * @throws RangeError when `pin` is not six digits (a formatting slip must not store a PIN nobody can type), or a
 *   given salt is not 16 bytes
 */
export function hashPin(pin: string, opts: PinHashOptions = {}): string {
  const normalised = normalisePin(pin);
  if (normalised === null) throw new RangeError('a PIN is exactly six digits');
  const salt = opts.salt ?? randomBytes(SALT_BYTES);
  if (salt.byteLength !== SALT_BYTES) throw new RangeError(`a PIN salt is ${SALT_BYTES} bytes`);
  return `${SCHEME}$${Buffer.from(salt).toString('base64url')}$${mac(opts.key ?? pinKey(), salt, normalised)}`;
}

/** Whether `pinHash` is an argon2id hash of the form stored before, which a successful look-up should replace. */
export function isLegacyPinHash(pinHash: string): boolean {
  return pinHash.startsWith(LEGACY_PREFIX);
}

/**
 * Whether `pin` (as typed; spaces are ignored) matches `pinHash`, in either stored form: the HMAC form under `key`
 * (the server's by default), or an old argon2id hash (which needs no key). Never throws: a malformed or empty hash,
 * or a PIN that is not six digits, gives false.
 */
export async function verifyPin(pinHash: string, pin: string, key?: Uint8Array): Promise<boolean> {
  const normalised = normalisePin(pin);
  if (normalised === null) return false;
  if (isLegacyPinHash(pinHash)) {
    try {
      return await verify(pinHash, normalised);
    } catch {
      return false; // a corrupt row must read as "wrong PIN", not as a 500 that tells the caller something else
    }
  }
  const parts = STORED_FORM.exec(pinHash);
  if (!parts) return false;
  const salt = Buffer.from(parts[1]!, 'base64url');
  // 22 characters may carry 4 bits past the 16 bytes: only the canonical text of the salt is accepted.
  if (salt.toString('base64url') !== parts[1]) return false;
  return constantTimeEqual(mac(key ?? pinKey(), salt, normalised), parts[2]!);
}

/**
 * Whether `a` and `b` are the same string, comparing their UTF-8 bytes in time that depends only on the length.
 * Strings of different byte lengths return false at once: the length is not the secret here (tokens and hashes
 * have a fixed length).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const bytesA = Buffer.from(a, 'utf8');
  const bytesB = Buffer.from(b, 'utf8');
  if (bytesA.length !== bytesB.length) return false;
  return timingSafeEqual(bytesA, bytesB);
}
