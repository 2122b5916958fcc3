/**
 * The server's encryption key (AES-256) for secrets kept in the database, such as staff TOTP keys.
 *
 * - `SECRET_KEY` in the environment: the base64 of exactly 32 random bytes (`openssl rand -base64 32`). Set it in
 *   production, and give every instance the SAME value: an instance with another key cannot read the TOTP keys the
 *   others stored, and its staff could no longer pass the second factor.
 * - Unset: a key is generated once and kept in `$DATA_DIR/secret.key` (base64, mode 0600). Fine for one instance on
 *   one machine; back the file up with the database (losing it means every staff member sets up TOTP again), and
 *   move its content into `SECRET_KEY` before adding a second instance.
 *
 * Keys derived from it (`purposeKey` in `../cipher.ts`) also seal denouncers' identities and key the stored tracking
 * PINs (`../dossiers/pin.ts`): with another key, those identities do not decrypt and no stored PIN verifies.
 *
 * The key is read once per process (`secretKey()`); `loadSecretKey()` reads it afresh (tests, tools).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config.ts';

export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE = 'secret.key';

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyError';
  }
}

/** The 32 bytes of a base64 text, or null when it is not exactly that. */
function decodeKey(text: string): Uint8Array | null {
  const trimmed = text.trim();
  // Node's decoder skips characters outside the alphabet; refuse them instead of guessing.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64'); // also reads the URL-safe alphabet
  return bytes.byteLength === SECRET_KEY_BYTES ? new Uint8Array(bytes) : null;
}

/**
 * Reads the key: from `env.SECRET_KEY` when set (non-empty), else from `<dataDir>/secret.key`, creating that file
 * with a new random key when it does not exist yet.
 * @throws SecretKeyError when SECRET_KEY or the file does not hold the base64 of 32 bytes
 */
export function loadSecretKey(opts: { env?: Record<string, string | undefined>; dataDir?: string } = {}): Uint8Array {
  const env = opts.env ?? process.env;
  const fromEnv = env.SECRET_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = decodeKey(fromEnv);
    if (!key) {
      throw new SecretKeyError(
        `SECRET_KEY must be the base64 of exactly ${SECRET_KEY_BYTES} random bytes (generate one with: openssl rand -base64 32)`,
      );
    }
    return key;
  }

  const dataDir = opts.dataDir ?? config().dataDir;
  const file = path.join(dataDir, SECRET_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': never overwrite a key that exists (another process may have written it a moment ago).
    fs.writeFileSync(file, Buffer.from(randomBytes(SECRET_KEY_BYTES)).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = decodeKey(fs.readFileSync(file, 'utf8'));
  if (!key) {
    throw new SecretKeyError(
      `${file} does not hold the base64 of ${SECRET_KEY_BYTES} bytes. Restore it from a backup, or set SECRET_KEY. ` +
        '(Deleting it makes a new key, and every staff member must then set up two-factor sign-in again.)',
    );
  }
  return key;
}

let cached: Uint8Array | undefined;

/** The process-wide key, read once (see the module comment). */
export function secretKey(): Uint8Array {
  cached ??= loadSecretKey();
  return cached;
}
