/**
 * AES-256-GCM for secrets kept in the database (staff TOTP keys, denouncers' identities), under the server's key
 * (`auth/secret-key.ts`) or a key derived from it for one purpose.
 *
 * Every ciphertext is bound to where it belongs by its additional data (the account, the dossier): a value copied
 * into another row does not decrypt. A purpose key (`purposeKey`) keeps one use's ciphertexts from being opened with
 * another use's key, and lets one purpose move to a new key version without touching the others.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { secretKey } from './auth/secret-key.ts';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor() {
    super('The encrypted value is malformed, was changed, or was encrypted under another key');
    this.name = 'DecryptionError';
  }
}

/** A 32-byte key for one purpose, derived from `secret` (the server's key by default) with HKDF-SHA-256. */
export function purposeKey(purpose: string, secret: Uint8Array = secretKey()): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), `thads:${purpose}`, 32));
}

export interface Sealed {
  nonce: Uint8Array;
  /** The ciphertext followed by the 16-byte authentication tag. */
  ciphertext: Uint8Array;
}

/** Encrypts with a fresh random 12-byte nonce. */
export function seal(plain: Uint8Array, key: Uint8Array, aad?: string): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { nonce: new Uint8Array(nonce), ciphertext: new Uint8Array(body) };
}

/** The bytes `seal` encrypted. @throws DecryptionError when anything does not match (key, nonce, tag, aad). */
export function open(sealed: Sealed, key: Uint8Array, aad?: string): Uint8Array {
  const { nonce, ciphertext } = sealed;
  if (nonce.byteLength !== NONCE_BYTES || ciphertext.byteLength < TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.byteLength - TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.byteLength - TAG_BYTES)), decipher.final()]));
  } catch {
    throw new DecryptionError();
  }
}

export interface CipherOptions {
  /** Additional authenticated data: the ciphertext decrypts only with the same value (e.g. the account it belongs to). */
  aad?: string;
  /** The 32-byte key; defaults to the server's (`secretKey()`). */
  secret?: Uint8Array;
}

/** `seal` as one text, `base64(nonce).base64(ciphertext).base64(tag)`, for a single text column. */
export function encryptToText(plain: Uint8Array, opts: CipherOptions = {}): string {
  const { nonce, ciphertext } = seal(plain, opts.secret ?? secretKey(), opts.aad);
  const cut = ciphertext.byteLength - TAG_BYTES;
  return [nonce, ciphertext.subarray(0, cut), ciphertext.subarray(cut)].map((part) => Buffer.from(part).toString('base64')).join('.');
}

/** The bytes `encryptToText` encrypted. @throws DecryptionError when anything does not match (format, key, tag, aad). */
export function decryptFromText(encrypted: string, opts: CipherOptions = {}): Uint8Array {
  const parts = encrypted.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9+/]*={0,2}$/.test(p))) throw new DecryptionError();
  const [nonce, body, tag] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  if (tag.byteLength !== TAG_BYTES) throw new DecryptionError();
  return open({ nonce: new Uint8Array(nonce), ciphertext: new Uint8Array(Buffer.concat([body, tag])) }, opts.secret ?? secretKey(), opts.aad);
}
