import { defineMiddleware } from 'astro:middleware';

/**
 * Actions are also reachable at /_actions/<name> (a script's way in). Astro answers a refused one there with 429
 * and the error as JSON, whose message is the wait in seconds (src/actions/guards.ts): this copies it into the
 * Retry-After header, as every other 429 of the portal has. Form posts to a page set it in their view instead.
 */
export const rpcRetryAfter = defineMiddleware(async (context, next) => {
  const response = await next();
  if (response.status !== 429 || !context.url.pathname.startsWith('/_actions/') || response.headers.has('Retry-After')) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  const error = body as { code?: unknown; message?: unknown } | null;
  const seconds = Number(error?.message);
  if (error?.code !== 'TOO_MANY_REQUESTS' || !Number.isInteger(seconds) || seconds < 1) return response;
  const headers = new Headers(response.headers);
  headers.set('Retry-After', String(seconds));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
});
