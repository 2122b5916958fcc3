/**
 * A short-lived in-process cache of the statistics, keyed by the filters. The public figures are the same for
 * everyone and change slowly, while one computation reads every dossier of the period (hundreds of milliseconds at
 * national scale). A value is fresh for STATS_TTL_MS; after that, for up to STATS_STALE_MS, the old value is still
 * served while one new computation runs in the background (stale-while-revalidate), so a popular page never waits.
 * Concurrent requests for one key share one computation; failures are not kept. Per process: several instances each
 * keep their own copy, which is fine for figures a minute old.
 */
export const STATS_TTL_MS = 60_000;
export const STATS_STALE_MS = 10 * 60_000;
const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  value: Promise<unknown>;
  refreshing?: Promise<unknown>;
}
const entries = new Map<string, Entry>();

/** Whether `key` would be answered from the cache (fresh, or stale while it is refreshed) rather than computed. */
export function hasCachedStats(key: string, now = Date.now()): boolean {
  const hit = entries.get(key);
  return hit !== undefined && now - hit.at < STATS_STALE_MS;
}

/** The cached value of `key`, or `compute()`'s (see the module comment). */
export function cachedStats<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = entries.get(key);
  if (hit && now - hit.at < STATS_TTL_MS) return hit.value as Promise<T>;
  if (hit && now - hit.at < STATS_STALE_MS) {
    if (!hit.refreshing) {
      const next = compute();
      hit.refreshing = next;
      next.then(
        () => entries.set(key, { at: now, value: next }),
        () => (hit.refreshing = undefined),
      );
    }
    return hit.value as Promise<T>;
  }
  if (entries.size >= MAX_ENTRIES) for (const [k, e] of entries) if (now - e.at >= STATS_STALE_MS || entries.size >= MAX_ENTRIES) entries.delete(k);
  const value = compute();
  entries.set(key, { at: now, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}
