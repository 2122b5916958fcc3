/**
 * The names and attributes of the staff cookies. On https they carry the `__Host-` prefix: the browser then accepts
 * them only with Secure, Path=/ and no Domain, so neither a sibling subdomain nor a plain-http page can plant or
 * overwrite them. On http (local development) the prefix would make the browser drop them, so the plain name is used.
 */
import { ABSOLUTE_LIFETIME_MS } from './session.ts';
import { DEVICE_COOKIE_MAX_AGE_SECONDS } from './throttle.ts';

export interface CookieSpec {
  name: string;
  options: { path: '/'; httpOnly: true; sameSite: 'lax'; secure: boolean; maxAge: number };
}

function spec(baseName: string, publicUrl: string, maxAge: number): CookieSpec {
  const secure = publicUrl.startsWith('https:');
  return { name: secure ? `__Host-${baseName}` : baseName, options: { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge } };
}

/** The session cookie; it lives as long as a session can (the server's inactivity timeout ends it sooner). */
export function sessionCookieSpec(publicUrl: string): CookieSpec {
  return spec('thads_staff', publicUrl, Math.floor(ABSOLUTE_LIFETIME_MS / 1000));
}

/** The device cookie: this browser signed in to an account before (it may pass that account's sign-in delay). */
export function deviceCookieSpec(publicUrl: string): CookieSpec {
  return spec('thads_device', publicUrl, DEVICE_COOKIE_MAX_AGE_SECONDS);
}
