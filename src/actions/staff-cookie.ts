import type { AstroCookies } from 'astro';
import { deviceCookieSpec, sessionCookieSpec } from '../server/auth/cookie.ts';
import { config } from '../server/config.ts';

/** Lucia's cookie: HttpOnly, SameSite=Lax, Secure and `__Host-` on https, Path=/, no Domain (see cookie.ts). */
export function setSessionCookie(cookies: AstroCookies, token: string): void {
  const { name, options } = sessionCookieSpec(config().publicUrl);
  cookies.set(name, token, options);
}

export function sessionCookieValue(cookies: AstroCookies): string | null {
  return cookies.get(sessionCookieSpec(config().publicUrl).name)?.value ?? null;
}

export function deleteSessionCookie(cookies: AstroCookies): void {
  const { name, options } = sessionCookieSpec(config().publicUrl);
  cookies.delete(name, { path: '/', secure: options.secure });
}

/** Kept across sign-outs: it says this browser signed in before, nothing more. */
export function setDeviceCookie(cookies: AstroCookies, token: string): void {
  const { name, options } = deviceCookieSpec(config().publicUrl);
  cookies.set(name, token, options);
}

export function deviceCookieValue(cookies: AstroCookies): string | null {
  return cookies.get(deviceCookieSpec(config().publicUrl).name)?.value ?? null;
}
