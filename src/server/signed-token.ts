/**
 * Short tokens that carry an id and an expiry under an HMAC, so the server needs to store nothing to recognise them:
 * `<id>.<expiry, ms since epoch>.<HMAC-SHA256, base64url>`. Each use (the tracking cookie, the survey link) derives
 * its own key from the server's secret key with a purpose label, so a token of one kind is never accepted as another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A signer for one purpose, e.g. `tokenSigner('thads tracking cookie v1')`. */
export function tokenSigner(purpose: string) {
  const macOf = (secret: Uint8Array, payload: string) => {
    const key = createHmac('sha256', secret).update(purpose).digest();
    return createHmac('sha256', key).update(payload).digest('base64url');
  };
  return {
    /** A token for `id`, valid until `expiresAt`. */
    sign(id: number, expiresAt: Date, secret: Uint8Array): string {
      const payload = `${id}.${expiresAt.getTime()}`;
      return `${payload}.${macOf(secret, payload)}`;
    },
    /**
     * What a token says: its id when the MAC is right and it has not expired; `expired` when the MAC is right but the
     * time has passed; `invalid` when it is malformed or forged.
     */
    read(token: string | undefined, secret: Uint8Array, now: Date): { ok: true; id: number } | { ok: false; reason: 'invalid' | 'expired' } {
      const match = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!match) return { ok: false, reason: 'invalid' };
      const [, id, expires, given] = match as unknown as [string, string, string, string];
      const expected = Buffer.from(macOf(secret, `${id}.${expires}`));
      if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'invalid' };
      if (Number(expires) <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, id: Number(id) };
    },
  };
}
