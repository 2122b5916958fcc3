import type { AstroCookies } from 'astro';
import { INACTIVITY_TIMEOUT_MS, SESSION_COOKIE } from '../server/auth/session.ts';
import { config } from '../server/config.ts';

/** Lucia's cookie: HttpOnly, SameSite=Lax, Secure in production, Path=/. The server-side inactivity timeout rules. */
export function setSessionCookie(cookies: AstroCookies, token: string): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config().publicUrl.startsWith('https:'),
    maxAge: Math.floor(INACTIVITY_TIMEOUT_MS / 1000),
  });
}

export function deleteSessionCookie(cookies: AstroCookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}
