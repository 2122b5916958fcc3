import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hash as argon2Hash } from '@node-rs/argon2';
import { constantTimeEqual, generatePin, hashPin, isLegacyPinHash, normalisePin, verifyPin } from '../../src/server/dossiers/pin.ts';

// The server key of these tests (bytes 40 41 … 5f), read lazily on the first PIN hashed under the default key.
process.env.SECRET_KEY = 'QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=';

describe('generatePin', () => {
  test('gives six digits, keeps leading zeros and covers the whole range', () => {
    const firstDigits = new Set<string>();
    const pins = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const pin = generatePin();
      assert.match(pin, /^[0-9]{6}$/);
      firstDigits.add(pin.charAt(0));
      pins.add(pin);
    }
    // A PIN below 100000 has a leading zero; with 2,000 draws each first digit is missed with probability ~1e-92.
    assert.equal(firstDigits.size, 10);
    assert.ok(firstDigits.has('0'));
    assert.ok(pins.size > 1_950, `${pins.size} distinct PINs out of 2,000`); // ≈ 2 repeats expected
  });
});

describe('normalisePin', () => {
  test('removes spaces only', () => {
    assert.equal(normalisePin('123456'), '123456');
    assert.equal(normalisePin(' 012 345\t'), '012345');
    assert.equal(normalisePin('000000'), '000000');
  });

  test('refuses anything but exactly six ASCII digits', () => {
    for (const bad of ['', '12345', '1234567', '12345a', '123-456', '12.3456', '１２３４５６', '-12345', '1e5000']) {
      assert.equal(normalisePin(bad), null, bad);
    }
  });
});

describe('hashPin / verifyPin', () => {
  // Expected values computed apart from this code, with OpenSSL:
  //   { salt bytes; printf PIN; } | openssl dgst -sha256 -mac HMAC -macopt hexkey:KEY -binary | basenc --base64url
  //   openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexkey:SECRET -kdfopt info:thads:tracking-pin HKDF
  const KEY_A = Uint8Array.from({ length: 32 }, (_, i) => i); // 00 01 … 1f
  const KEY_B = Uint8Array.from({ length: 32 }, (_, i) => 0xff - i);
  const SALT = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i); // a0 a1 … af

  test('stores hmac-sha256$salt$mac: the HMAC-SHA-256 of salt ‖ PIN, both base64url', () => {
    assert.equal(hashPin('004217', { key: KEY_A, salt: SALT }), 'hmac-sha256$oKGio6SlpqeoqaqrrK2urw$vAz_TJcWtCmv8_gkgE0JcqKLC9o_tU-4btI4VgtV9qw');
    assert.equal(
      hashPin('000000', { key: KEY_A, salt: Uint8Array.from({ length: 16 }, (_, i) => i) }),
      'hmac-sha256$AAECAwQFBgcICQoLDA0ODw$QvQnj5yjrJv_opZAkUapYayGiIyxeAdN-LBpxVT_v14',
    );
    assert.equal(hashPin('004 217', { key: KEY_A, salt: SALT }), hashPin('004217', { key: KEY_A, salt: SALT }), 'spaces are not part of the PIN');
  });

  test('by default keys the HMAC with the server key’s purpose key "tracking-pin"', async () => {
    // SECRET_KEY = 40 41 … 5f (set above, before anything read the key); its HKDF key for thads:tracking-pin is
    // c8e5a23b8fd1334b9974aa2e2c01b6973db51b62691e6739799d81714d21e8ea.
    const stored = 'hmac-sha256$oKGio6SlpqeoqaqrrK2urw$0k8e9KHlie2a4ZgHuYUi6dp3G9muITca6l3YPqVfMh4';
    assert.equal(hashPin('246810', { salt: SALT }), stored);
    assert.equal(await verifyPin(stored, '246810'), true);
  });

  test('gives each hash a fresh salt, so equal PINs give different rows', () => {
    const a = hashPin('012345', { key: KEY_A });
    const b = hashPin('012345', { key: KEY_A });
    assert.match(a, /^hmac-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a, b);
    assert.doesNotMatch(a, /012345/);
  });

  test('accepts the right PIN (as typed, with spaces) and refuses others', async () => {
    const stored = hashPin('004217', { key: KEY_A });
    assert.equal(await verifyPin(stored, '004217', KEY_A), true);
    assert.equal(await verifyPin(stored, '004 217', KEY_A), true);
    assert.equal(await verifyPin(stored, '004218', KEY_A), false);
    assert.equal(await verifyPin(stored, '4217', KEY_A), false); // leading zeros matter
    assert.equal(await verifyPin(stored, '', KEY_A), false);
    assert.equal(await verifyPin('hmac-sha256$oKGio6SlpqeoqaqrrK2urw$vAz_TJcWtCmv8_gkgE0JcqKLC9o_tU-4btI4VgtV9qw', '004217', KEY_A), true);
  });

  test('a hash made under one key does not verify under another', async () => {
    const stored = 'hmac-sha256$oKGio6SlpqeoqaqrrK2urw$vAz_TJcWtCmv8_gkgE0JcqKLC9o_tU-4btI4VgtV9qw'; // KEY_A, 004217
    assert.equal(await verifyPin(stored, '004217', KEY_B), false);
    assert.equal(await verifyPin(stored, '004217'), false, 'nor under the server key');
    assert.equal(await verifyPin(hashPin('004217', { key: KEY_B }), '004217', KEY_A), false);
  });

  test('still accepts the argon2id hashes stored before (and says they are of the old form)', async () => {
    // Written by the previous hashPin (argon2id, memoryCost 19456, timeCost 2, parallelism 1) for 004217.
    const legacy = '$argon2id$v=19$m=19456,t=2,p=1$DyvQ1w0KtD5Qm0LJ+j6o4w$AagebZhKCBDIYzdDBhlnCbKhSPd3ygHf690Vb9Xp3Zs';
    assert.equal(await verifyPin(legacy, '004217'), true);
    assert.equal(await verifyPin(legacy, '004 217', KEY_B), true, 'an argon2id hash needs no key');
    assert.equal(await verifyPin(legacy, '004218'), false);
    assert.equal(isLegacyPinHash(legacy), true);
    assert.equal(isLegacyPinHash(hashPin('004217', { key: KEY_A })), false);
    // And one made here with the old options, with its own salt.
    const fresh = await argon2Hash('135790', { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    assert.equal(await verifyPin(fresh, '135790'), true);
    assert.equal(await verifyPin(fresh, '135791'), false);
  });

  test('returns false instead of throwing on a malformed hash', async () => {
    const stored = 'hmac-sha256$oKGio6SlpqeoqaqrrK2urw$vAz_TJcWtCmv8_gkgE0JcqKLC9o_tU-4btI4VgtV9qw';
    const legacy = '$argon2id$v=19$m=19456,t=2,p=1$DyvQ1w0KtD5Qm0LJ+j6o4w$AagebZhKCBDIYzdDBhlnCbKhSPd3ygHf690Vb9Xp3Zs';
    for (const broken of [
      '',
      'not-a-hash',
      '$argon2id$',
      legacy.slice(0, -5),
      legacy.replace('argon2id', 'argon2zz'),
      '$argon2i$v=19$m=19456,t=2,p=1$DyvQ1w0KtD5Qm0LJ+j6o4w$AagebZhKCBDIYzdDBhlnCbKhSPd3ygHf690Vb9Xp3Zs',
      'hmac-sha256$',
      'hmac-sha256$$',
      stored.slice(0, -1),
      stored + 'A',
      stored.replace('hmac-sha256', 'hmac-sha512'),
      stored.replace('hmac-sha256$', 'HMAC-SHA256$'),
      stored.replace('$vAz_', '$vAz/'), // the standard alphabet is not base64url
      stored.replace('$oKGio6SlpqeoqaqrrK2urw$', '$oKGio6SlpqeoqaqrrK2urx$'), // a non-canonical salt (same bytes)
      stored.replace('$oKGio6SlpqeoqaqrrK2urw$', '$oKGio6SlpqeoqaqrrK2urw==$'),
      `${stored}$extra`,
      ` ${stored}`,
      stored.replace('vAz_', 'vAz-'), // one character of the MAC changed
    ]) {
      assert.equal(await verifyPin(broken, '004217', KEY_A), false, broken);
    }
  });

  test('refuses to hash something that is not a PIN, or with a salt that is not 16 bytes', () => {
    assert.throws(() => hashPin('12345', { key: KEY_A }), RangeError);
    assert.throws(() => hashPin('abcdef', { key: KEY_A }), RangeError);
    assert.throws(() => hashPin('123456', { key: KEY_A, salt: new Uint8Array(15) }), RangeError);
  });
});

describe('constantTimeEqual', () => {
  test('compares both inputs', () => {
    assert.equal(constantTimeEqual('abc', 'abc'), true);
    assert.equal(constantTimeEqual('', ''), true);
    assert.equal(constantTimeEqual('abc', 'abd'), false);
    assert.equal(constantTimeEqual('abd', 'abc'), false);
    assert.equal(constantTimeEqual('abc', 'abcd'), false);
    assert.equal(constantTimeEqual('abcd', 'abc'), false);
    assert.equal(constantTimeEqual('', 'a'), false);
    // A comparison of `a` with itself (a known bug in a published example) would accept all of these.
    assert.equal(constantTimeEqual('secret', 'guess!'), false);
  });

  test('compares UTF-8 bytes, not UTF-16 code units or lengths', () => {
    assert.equal(constantTimeEqual('Nguyễn', 'Nguyễn'), true);
    assert.equal(constantTimeEqual('Nguyễn', 'Nguyễm'), false);
    // Same number of UTF-16 code units, different UTF-8 lengths.
    assert.equal(constantTimeEqual('é', 'e'), false);
    // NFC vs NFD: different bytes, so not equal (callers normalise first when they mean text equality).
    assert.equal(constantTimeEqual('ễ'.normalize('NFC'), 'ễ'.normalize('NFD')), false);
  });
});
