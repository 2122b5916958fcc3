import type { AstroCookies } from 'astro';
import { secretKey } from '../server/auth/secret-key.ts';
import { config } from '../server/config.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../server/schema.ts';
import { secondComplaintOffer, type SecondComplaintOffer } from '../server/dossiers/second-complaint.ts';
import { createTrackingToken, readTrackingToken, TRACKING_COOKIE, TRACKING_TTL_MS } from '../server/dossiers/tracking-session.ts';

/**
 * Holds the dossier a citizen has just opened with its code and PIN. Strict: it is never sent with a request that
 * starts on another site, so a link elsewhere cannot act on the dossier.
 */
export function setTrackingCookie(cookies: AstroCookies, dossierId: number): void {
  cookies.set(TRACKING_COOKIE, createTrackingToken(dossierId, secretKey()), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config().publicUrl.startsWith('https:'),
    maxAge: Math.floor(TRACKING_TTL_MS / 1000),
  });
}

/** The dossier id the browser's tracking cookie is for, or null (none, forged or expired). */
export function trackedDossierId(cookies: AstroCookies): number | null {
  return readTrackingToken(cookies.get(TRACKING_COOKIE)?.value, secretKey());
}

/** The second complaint the dossier in the browser's tracking cookie allows today, if any. */
export async function secondComplaintOfCookie(cookies: AstroCookies, db: Kysely<Database>): Promise<SecondComplaintOffer | null> {
  const id = trackedDossierId(cookies);
  return id === null ? null : secondComplaintOffer(db, id);
}
