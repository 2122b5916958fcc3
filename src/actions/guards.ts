import { ActionError, type ActionAPIContext } from 'astro:actions';
import { clientAddress, createRateLimiter } from '../server/ratelimit.ts';

// Per-process limits (see src/server/ratelimit.ts): generous for people, tight for scripts.
const limiters = {
  /** Form saves and submissions. */
  submission: createRateLimiter({ limit: 120, windowMs: 10 * 60_000 }),
  /** Dossier look-ups by code and PIN: each is a guess at a PIN. */
  lookup: createRateLimiter({ limit: 20, windowMs: 10 * 60_000 }),
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
