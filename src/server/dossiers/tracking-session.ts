/**
 * After a correct code and PIN, the citizen's browser holds a short-lived token for that one dossier, so the
 * dossier page is a plain GET (a refresh never re-posts the look-up, and the PIN is never put back into the page).
 *
 * Token: a signed token (src/server/signed-token.ts) of the dossier id and its expiry. Nothing is stored; the token
 * simply stops working when it expires.
 */
import { tokenSigner } from '../signed-token.ts';

export const TRACKING_COOKIE = 'thads_track';
/** Long enough to read the page and send a supplement; short enough for a shared computer. */
export const TRACKING_TTL_MS = 30 * 60_000;

const signer = tokenSigner('thads tracking cookie v1');

/** A token for dossier `dossierId`, valid until `now` + TRACKING_TTL_MS. */
export function createTrackingToken(dossierId: number, secret: Uint8Array, now: Date = new Date()): string {
  return signer.sign(dossierId, new Date(now.getTime() + TRACKING_TTL_MS), secret);
}

/** The dossier id a token is for, or null when it is malformed, forged or expired. */
export function readTrackingToken(token: string | undefined, secret: Uint8Array, now: Date = new Date()): number | null {
  const read = signer.read(token, secret, now);
  return read.ok ? read.id : null;
}
