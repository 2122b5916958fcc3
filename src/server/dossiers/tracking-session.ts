/**
 * After a correct code and PIN, the citizen's browser holds a short-lived token for that one dossier, so the
 * dossier page is a plain GET (a refresh never re-posts the look-up, and the PIN is never put back into the page).
 *
 * Token: `<dossier id>.<expiry, ms since epoch>.<HMAC-SHA256>`, the MAC under a key derived from the server's secret
 * key for this purpose only. Nothing is stored; the token simply stops working when it expires.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TRACKING_COOKIE = 'thads_track';
/** Long enough to read the page and send a supplement; short enough for a shared computer. */
export const TRACKING_TTL_MS = 30 * 60_000;

function macKey(secret: Uint8Array): Buffer {
  return createHmac('sha256', secret).update('thads tracking cookie v1').digest();
}

function mac(secret: Uint8Array, payload: string): string {
  return createHmac('sha256', macKey(secret)).update(payload).digest('base64url');
}

/** A token for dossier `dossierId`, valid until `now` + TRACKING_TTL_MS. */
export function createTrackingToken(dossierId: number, secret: Uint8Array, now: Date = new Date()): string {
  const payload = `${dossierId}.${now.getTime() + TRACKING_TTL_MS}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The dossier id a token is for, or null when it is malformed, forged or expired. */
export function readTrackingToken(token: string | undefined, secret: Uint8Array, now: Date = new Date()): number | null {
  const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return null;
  const [, id, expires, given] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(secret, `${id}.${expires}`));
  if (!timingSafeEqual(expected, Buffer.from(given))) return null;
  if (Number(expires) <= now.getTime()) return null;
  return Number(id);
}
