import { defineMiddleware } from 'astro:middleware';
import { log, requestContext } from './server/log.ts';

/**
 * Tells the request's log line which route answered (its pattern, not the path: paths carry dossier codes), and logs
 * an error a page or action threw with the request's id before Astro renders the 500 page.
 */
export const routeLogging = defineMiddleware(async (context, next) => {
  const current = requestContext().getStore();
  if (current) current.route = context.routePattern;
  try {
    return await next();
  } catch (err) {
    log().error({ err, route: context.routePattern }, 'request failed');
    throw err;
  }
});
