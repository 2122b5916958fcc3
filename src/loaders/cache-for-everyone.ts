/**
 * Pages that are the same for everyone (a blank form, the agency directory, the tracking form) are rendered once
 * and served from the route cache (src/page-cache-provider.ts) until what they were built from changes: a table
 * of reference data (tagged, dropped by its change notification), or the date in Vietnam (the cache ends at
 * midnight there, because forms offer dates and years relative to today).
 *
 * Only when the reference data's copies are exact (the listening connection is up) is anything cached; personal
 * requests (with a portal cookie) never reach the cache at all. Call it after the page's data has loaded, so a page
 * that failed is never kept.
 */
import type { AstroGlobal } from 'astro';
import { referenceCacheLive, type ReferenceTable } from '../server/reference-cache.ts';

/** The tag every cached page carries, so that "changes may have been missed" can drop them all. */
export const EVERY_CACHED_PAGE = 'page';
/** Longest a page is kept without a change: bounds the memory a rarely changed page holds. */
const MAX_AGE_S = 15 * 60;
const VIETNAM_OFFSET_MS = 7 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** Seconds until the next midnight in Vietnam (UTC+7, no daylight saving time). */
export function secondsToVietnamMidnight(now = Date.now()): number {
  const intoDay = (now + VIETNAM_OFFSET_MS) % DAY_MS;
  return Math.ceil((DAY_MS - intoDay) / 1000);
}

/** `maxAgeS`: shorter for a page built from data that is itself refreshed (the statistics, every minute). */
export function cacheForEveryone(Astro: AstroGlobal, builtFrom: ReferenceTable[] = [], opts: { maxAgeS?: number; now?: number } = {}): void {
  if (!Astro.cache.enabled || !referenceCacheLive()) return;
  const maxAge = Math.min(opts.maxAgeS ?? MAX_AGE_S, secondsToVietnamMidnight(opts.now));
  // Within the last second of the day nothing is kept: its page could outlive the date it shows.
  if (maxAge <= 1) return;
  Astro.cache.set({ maxAge, tags: [EVERY_CACHED_PAGE, ...builtFrom] });
}
