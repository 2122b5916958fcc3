import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateHOTP } from '@oslojs/otp';
import { loadSecretKey, SecretKeyError } from '../../src/server/auth/secret-key.ts';
import {
  beginTotpSetup,
  decryptKey,
  DecryptionError,
  encryptKey,
  generateRecoveryCode,
  generateTotpCode,
  looksLikeRecoveryCode,
  matchTotpStep,
  normaliseRecoveryCode,
  totpStep,
} from '../../src/server/auth/totp.ts';

const secret = new Uint8Array(randomBytes(32));
const otherSecret = new Uint8Array(randomBytes(32));
const plain = new Uint8Array(randomBytes(20));

/** `encrypted` with one byte of part `index` (0 = IV, 1 = ciphertext, 2 = tag) flipped. */
function flip(encrypted: string, index: number): string {
  const parts = encrypted.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64');
  bytes[0]! ^= 0x01;
  parts[index] = bytes.toString('base64');
  return parts.join('.');
}

describe('encryptKey / decryptKey (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV every time', () => {
    const a = encryptKey(plain, { secret });
    const b = encryptKey(plain, { secret });
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    const [iv, ciphertext, tag] = a.split('.').map((p) => Buffer.from(p, 'base64'));
    assert.equal(iv!.byteLength, 12);
    assert.equal(ciphertext!.byteLength, plain.byteLength);
    assert.equal(tag!.byteLength, 16);
    assert.deepEqual(decryptKey(a, { secret }), plain);
    assert.deepEqual(decryptKey(b, { secret }), plain);
  });

  it('round-trips with additional data, and only with the same additional data', () => {
    const encrypted = encryptKey(plain, { secret, aad: 'totp:staff:7' });
    assert.deepEqual(decryptKey(encrypted, { secret, aad: 'totp:staff:7' }), plain);
    assert.throws(() => decryptKey(encrypted, { secret, aad: 'totp:staff:8' }), DecryptionError);
    assert.throws(() => decryptKey(encrypted, { secret }), DecryptionError);
  });

  it('refuses a changed IV, ciphertext or tag (the GCM tag)', () => {
    const encrypted = encryptKey(plain, { secret });
    for (const index of [0, 1, 2]) assert.throws(() => decryptKey(flip(encrypted, index), { secret }), DecryptionError, `part ${index}`);
  });

  it('refuses another key', () => {
    assert.throws(() => decryptKey(encryptKey(plain, { secret }), { secret: otherSecret }), DecryptionError);
  });

  it('refuses malformed values', () => {
    const [iv, ciphertext, tag] = encryptKey(plain, { secret }).split('.');
    for (const bad of ['', 'abc', `${iv}.${ciphertext}`, `${iv}.${ciphertext}.${tag}.x`, `${iv}.${ciphertext}.${tag!.slice(0, 8)}`, `!!.${ciphertext}.${tag}`]) {
      assert.throws(() => decryptKey(bad, { secret }), DecryptionError, JSON.stringify(bad));
    }
  });
});

describe('loadSecretKey', () => {
  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'thads-key-'));

  it('reads SECRET_KEY as the base64 of 32 bytes', () => {
    const key = randomBytes(32);
    assert.deepEqual(loadSecretKey({ env: { SECRET_KEY: key.toString('base64') } }), new Uint8Array(key));
    assert.deepEqual(loadSecretKey({ env: { SECRET_KEY: ` ${key.toString('base64url')}\n` } }), new Uint8Array(key));
  });

  it('refuses a SECRET_KEY of another length or not base64, with a clear message', () => {
    for (const bad of [randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), 'not base64 at all!', 'a'.repeat(44) + '*']) {
      assert.throws(
        () => loadSecretKey({ env: { SECRET_KEY: bad }, dataDir: '/nonexistent' }),
        (err: unknown) => err instanceof SecretKeyError && /base64 of exactly 32/.test(err.message),
      );
    }
  });

  it('without SECRET_KEY, generates $DATA_DIR/secret.key once (mode 0600) and reads it back afterwards', () => {
    const dir = tempDir();
    try {
      const first = loadSecretKey({ env: {}, dataDir: dir });
      assert.equal(first.byteLength, 32);
      const file = path.join(dir, 'secret.key');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(loadSecretKey({ env: { SECRET_KEY: '' }, dataDir: dir }), first, 'an empty SECRET_KEY counts as unset');
      assert.deepEqual(loadSecretKey({ env: {}, dataDir: dir }), first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'secret.key'), 'c2hvcnQ=\n');
      assert.throws(() => loadSecretKey({ env: {}, dataDir: dir }), SecretKeyError);
      assert.equal(fs.readFileSync(path.join(dir, 'secret.key'), 'utf8'), 'c2hvcnQ=\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TOTP codes', () => {
  const now = new Date('2026-11-23T03:00:10Z');

  it('beginTotpSetup gives a 20-byte key and an otpauth URI for THADS and the e-mail', () => {
    const { key, uri } = beginTotpSetup('can.bo@thads.gov.vn');
    assert.equal(key.byteLength, 20);
    const url = new URL(uri);
    assert.equal(url.protocol, 'otpauth:');
    assert.ok(uri.startsWith('otpauth://totp/THADS:'), uri);
    assert.equal(decodeURIComponent(uri.slice('otpauth://totp/'.length).split('?')[0]!), 'THADS:can.bo@thads.gov.vn');
    assert.equal(url.searchParams.get('issuer'), 'THADS');
    assert.equal(url.searchParams.get('digits'), '6');
    assert.equal(url.searchParams.get('period'), '30');
    assert.match(url.searchParams.get('secret')!, /^[A-Z2-7]{32}$/);
    assert.notDeepEqual(beginTotpSetup('x@y.vn').key, key);
  });

  it('accepts the current step and one either side, nothing further, and says which step matched', () => {
    const { key } = beginTotpSetup('a@b.vn');
    const step = totpStep(now);
    for (const offset of [-1n, 0n, 1n]) assert.equal(matchTotpStep(key, generateHOTP(key, step + offset, 6), now), step + offset);
    for (const offset of [-3n, -2n, 2n, 3n]) assert.equal(matchTotpStep(key, generateHOTP(key, step + offset, 6), now), null);
    assert.equal(generateTotpCode(key, now), generateHOTP(key, step, 6));
  });

  it('tolerates spaces, refuses non-digits and wrong lengths', () => {
    const { key } = beginTotpSetup('a@b.vn');
    const code = generateTotpCode(key, now);
    assert.equal(matchTotpStep(key, `${code.slice(0, 3)} ${code.slice(3)}`, now), totpStep(now));
    for (const bad of ['', '12345', '1234567', 'abcdef', code + '0']) assert.equal(matchTotpStep(key, bad, now), null);
  });

  it('refuses a step not later than the last one used (no replay)', () => {
    const { key } = beginTotpSetup('a@b.vn');
    const step = totpStep(now);
    assert.equal(matchTotpStep(key, generateHOTP(key, step, 6), now, step), null);
    assert.equal(matchTotpStep(key, generateHOTP(key, step - 1n, 6), now, step - 1n), null);
    assert.equal(matchTotpStep(key, generateHOTP(key, step + 1n, 6), now, step), step + 1n);
  });
});

describe('recovery codes', () => {
  it('are 16 base32 symbols grouped 4-4-4-4, different each time', () => {
    const code = generateRecoveryCode();
    assert.match(code, /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    assert.notEqual(generateRecoveryCode(), code);
  });

  it('are read in any case, with or without separators, with 0/1/8 taken for O/I/B', () => {
    assert.equal(normaliseRecoveryCode('abcd-efgh-ijkl-mnop'), 'ABCDEFGHIJKLMNOP');
    assert.equal(normaliseRecoveryCode(' ABCD EFGH IJKL MNOP '), 'ABCDEFGHIJKLMNOP');
    assert.equal(normaliseRecoveryCode('A8CD-EFGH-1JKL-MN0P'), 'ABCDEFGHIJKLMNOP');
    assert.equal(normaliseRecoveryCode('ABCD-EFGH-IJKL'), null);
    assert.equal(normaliseRecoveryCode('ABCD-EFGH-IJKL-MNO9'), null);
    assert.equal(looksLikeRecoveryCode('123456'), false);
    assert.equal(looksLikeRecoveryCode(generateRecoveryCode()), true);
  });
});
