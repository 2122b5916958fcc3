import { defineMiddleware } from 'astro:middleware';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Astro's checkOrigin compares the Origin header; browsers also send Sec-Fetch-Site, which cannot be forged by a
 * page, so a cross-site form post is refused even if a proxy rewrote Origin. Requests without the header
 * (older clients, curl) fall back to the Origin check.
 */
export const onRequest = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  const site = context.request.headers.get('sec-fetch-site');
  if (!SAFE_METHODS.has(context.request.method) && site && site !== 'same-origin' && site !== 'none') {
    return new Response('Cross-site request refused / Yêu cầu từ trang khác bị từ chối', {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return next();
});
