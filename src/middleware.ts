import { defineMiddleware, sequence } from 'astro:middleware';
import { getDb } from './server/boot.ts';
import { validateSessionToken } from './server/auth/session.ts';
import { deleteSessionCookie, sessionCookieValue } from './actions/staff-cookie.ts';
import { routeLogging } from './route-logging.ts';
import { databaseFailureInScope, watchDatabase } from './server/database-unavailable.ts';
import { rpcRetryAfter } from './actions/rpc-retry-after.ts';
import { staffPath, staffRoutes } from './server/routes.ts';
import { dict } from './i18n/index.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const STAFF_PREFIX = staffRoutes.queue;
const PUBLIC_STAFF_PATHS = new Set<string>([staffRoutes.signIn]);
const ERROR_ROUTES = new Set(['/404', '/500']);

/**
 * The database out of reach answers 503 (src/pages/500.astro renders it from the error), wherever it surfaced: a
 * page or endpoint that threw, or an action, whose error Astro reduces to a 500 result the page may render or rethrow.
 * Only 500s are replaced: an answer a page chose (a 4xx, /healthz's own 503) stands. The 500 page passes through
 * here as well, and is answered with 503 when it rendered a database failure.
 */
const databaseUnavailable = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  return watchDatabase(async () => {
    let response: Response;
    try {
      response = await next();
    } catch (err) {
      throw databaseFailureInScope() ?? err;
    }
    const failure = databaseFailureInScope();
    if (failure && response.status === 500) throw failure;
    if (context.locals.serviceUnavailable && response.status === 500) {
      return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers: response.headers });
    }
    return response;
  });
});

/**
 * Astro's checkOrigin compares the Origin header; browsers also send Sec-Fetch-Site, which a page cannot forge, so a
 * cross-site form post is refused even if a proxy rewrote Origin. Requests without the header (older clients,
 * curl) fall back to the Origin check.
 */
const refuseCrossSite = defineMiddleware((context, next) => {
  if (context.isPrerendered) return next();
  const site = context.request.headers.get('sec-fetch-site');
  if (!SAFE_METHODS.has(context.request.method) && site && site !== 'same-origin' && site !== 'none') {
    return new Response(`${dict('en').security.crossSite} / ${dict('vi').security.crossSite}`, {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return next();
});

/**
 * Back office: every page under /can-bo needs a valid staff session (and the second factor when the account has
 * one), except the sign-in page. Pages and actions check roles themselves.
 */
const staffSession = defineMiddleware(async (context, next) => {
  // Error pages need no session, and must render with the database down.
  if (context.isPrerendered || ERROR_ROUTES.has(context.routePattern)) return next();
  const path = context.url.pathname;
  const isStaffPath = path === STAFF_PREFIX || path.startsWith(`${STAFF_PREFIX}/`);
  const token = sessionCookieValue(context.cookies);
  if (token) {
    const validation = await validateSessionToken(await getDb(), token);
    if (validation) {
      context.locals.staff = validation;
    } else {
      deleteSessionCookie(context.cookies);
    }
  }
  if (!isStaffPath) return next();
  const staff = context.locals.staff;
  if (!staff && !PUBLIC_STAFF_PATHS.has(path)) {
    return context.redirect(staffPath('signIn', { tiep: path + context.url.search }), 303);
  }
  if (staff && staff.user.totpEnabled && !staff.session.twoFactorVerified && path !== staffRoutes.twoStep && !PUBLIC_STAFF_PATHS.has(path)) {
    return context.redirect(staffRoutes.twoStep, 303);
  }
  const response = await next();
  // Back-office pages hold personal data: never cached, never indexed.
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('X-Robots-Tag', 'noindex');
  return response;
});

export const onRequest = sequence(routeLogging, databaseUnavailable, refuseCrossSite, staffSession, rpcRetryAfter);
