import { ActionError, type ActionAPIContext } from 'astro:actions';
import { FILE_LIMITS } from '../server/dossiers/files.ts';
import { abuseLimits } from '../server/abuse-limits.ts';
import { getDb } from '../server/boot.ts';
import { clientAddress } from '../server/ratelimit.ts';

type ActionLimit = 'submission' | 'lookup' | 'feedback';

/**
 * Refuses the action with 429 when this client has used up its allowance. The error's message is the Retry-After in
 * seconds: the page that shows the form reads it back with `retryAfterOf` (src/loaders/too-many.ts).
 */
export async function rateLimit(kind: ActionLimit, ctx: ActionAPIContext): Promise<void> {
  const result = await abuseLimits[kind].hit(await getDb(), clientAddress(ctx.request, ctx.clientAddress));
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

/**
 * The status a page answers a service's refusal with, by its reason, so that one reason answers alike from every
 * form. `conflict` is the reason, if the service has one, that means the record moved on since the form was drawn.
 */
export function reasonStatus(reason: string, conflict?: string): number {
  if (reason === 'forbidden') return 403;
  if (reason === 'not_found') return 404;
  if (conflict !== undefined && reason === conflict) return 409;
  return 400;
}
