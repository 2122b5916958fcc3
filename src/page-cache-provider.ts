/**
 * The route cache (Astro's `cache` option): Astro's in-memory cache, for the pages that are the same for everyone
 * (src/loaders/cache-for-everyone.ts says which, and for how long), with two rules of ours around it:
 * - a request that carries one of the portal's cookies (a draft, a tracked dossier, a staff session) is never
 *   answered from the cache nor stored in it: what it sees may be its own;
 * - a change to the reference data a page was built from drops that page at once, on every instance: the
 *   notifications that keep the reference data's copies exact (src/server/reference-cache.ts) drop the pages too.
 */
import memoryCache from 'astro/cache/memory';
import type { CacheProvider, CacheProviderFactory } from 'astro';
import { onReferenceChange } from './server/reference-cache.ts';
import { EVERY_CACHED_PAGE } from './loaders/cache-for-everyone.ts';

const PORTAL_COOKIE = /(?:^|;)\s*(?:__Host-)?thads_/;

const pageCache: CacheProviderFactory = (config) => {
  const memory = memoryCache(config);
  onReferenceChange((table) => {
    memory.invalidate({ tags: table === 'all' ? EVERY_CACHED_PAGE : table }).catch(() => {});
  });
  const provider: CacheProvider = {
    name: 'thads-pages',
    onRequest(context, next) {
      if (PORTAL_COOKIE.test(context.request.headers.get('cookie') ?? '')) return next();
      return memory.onRequest!(context, next);
    },
    invalidate: (options) => memory.invalidate(options),
  };
  return provider;
};

export default pageCache;
