import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceCookieSpec, sessionCookieSpec } from '../../src/server/auth/cookie.ts';

test('on https the staff cookies carry the __Host- prefix, with Secure, Path=/ and no Domain', () => {
  assert.deepEqual(sessionCookieSpec('https://thads.gov.vn'), {
    name: '__Host-thads_staff',
    options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 43_200 },
  });
  const device = deviceCookieSpec('https://thads.gov.vn');
  assert.equal(device.name, '__Host-thads_device');
  assert.equal(device.options.secure, true);
  assert.equal(device.options.path, '/');
  assert.equal('domain' in device.options, false);
  assert.equal(device.options.maxAge, 180 * 24 * 3600);
});

test('on http (local development) the plain names, without Secure, which the prefix would need', () => {
  assert.deepEqual(sessionCookieSpec('http://127.0.0.1:4321'), {
    name: 'thads_staff',
    options: { path: '/', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 43_200 },
  });
  assert.equal(deviceCookieSpec('http://127.0.0.1:4321').name, 'thads_device');
});
