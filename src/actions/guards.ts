import { ActionError, type ActionAPIContext } from 'astro:actions';
import { FILE_LIMITS } from '../server/dossiers/files.ts';
import { clientAddress, createRateLimiter } from '../server/ratelimit.ts';

// Per-process limits (see src/server/ratelimit.ts): generous for people, tight for scripts.
const limiters = {
  /** Form saves and submissions. */
  submission: createRateLimiter({ limit: 120, windowMs: 10 * 60_000 }),
  /** Dossier look-ups by code and PIN: each is a guess at a PIN. */
  lookup: createRateLimiter({ limit: 20, windowMs: 10 * 60_000 }),
  /** Anonymous general feedback: nothing else stands between the form and the table. */
  feedback: createRateLimiter({ limit: 5, windowMs: 60 * 60_000 }),
};

/** Refuses the action with 429 when this client has used up its allowance. */
export function rateLimit(kind: keyof typeof limiters, ctx: ActionAPIContext): void {
  const result = limiters[kind].hit(clientAddress(ctx.request, ctx.clientAddress));
  if (!result.allowed) {
    throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: String(result.retryAfterSeconds) });
  }
}

/** A text form value, or '' when missing (or a file where text was expected). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * An uploaded file's name and bytes. A file over the limit is not read: it stands as limit + 1 empty bytes, which
 * the byte check (src/server/dossiers/files.ts) refuses as too large.
 */
export async function readUpload(file: File): Promise<{ name: string; bytes: Uint8Array }> {
  const bytes = file.size > FILE_LIMITS.maxBytes ? new Uint8Array(FILE_LIMITS.maxBytes + 1) : new Uint8Array(await file.arrayBuffer());
  return { name: file.name, bytes };
}
