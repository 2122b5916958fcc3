/**
 * The tracking PIN: six digits shown once to the citizen when a dossier is submitted, asked for with the dossier code
 * to follow it. Only an argon2id hash is stored.
 *
 * Six digits are a million values: the hash slows an offline guess but cannot stop it, so the real defence is the
 * limit on look-ups: per address (`abuse-limits.ts`, shared by every instance) and per dossier code (`pin-lockout.ts`).
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): the PIN is verified on every tracking look-up, so the cost
 * stays moderate. `algorithm` is omitted on purpose: the default is argon2id, and the package's `Algorithm` const
 * enum cannot be imported under isolated modules.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A new PIN: six decimal digits from the CSPRNG, leading zeros kept (e.g. '004217'). */
export function generatePin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The PIN a citizen typed, without spaces ('123 456' → '123456'), or null unless that leaves exactly six ASCII digits. */
export function normalisePin(input: string): string | null {
  const compact = input.replace(/\s/g, '');
  return /^[0-9]{6}$/.test(compact) ? compact : null;
}

/**
 * The argon2id hash (PHC string, salt included) to store for `pin`.
 * @throws RangeError when `pin` is not six digits, so a formatting slip cannot store a PIN nobody can type
 */
export async function hashPin(pin: string): Promise<string> {
  const normalised = normalisePin(pin);
  if (normalised === null) throw new RangeError('a PIN is exactly six digits');
  return hash(normalised, ARGON2_OPTIONS);
}

/**
 * Whether `pin` (as typed; spaces are ignored) matches `pinHash`. Never throws: a malformed or empty hash, or a PIN
 * that is not six digits, gives false.
 */
export async function verifyPin(pinHash: string, pin: string): Promise<boolean> {
  const normalised = normalisePin(pin);
  if (normalised === null) return false;
  try {
    return await verify(pinHash, normalised);
  } catch {
    return false; // a corrupt row must read as "wrong PIN", not as a 500 that tells the caller something else
  }
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
