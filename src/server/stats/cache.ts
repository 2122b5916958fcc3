/**
 * A short-lived in-process cache of the statistics, keyed by the filters. The public figures are the same for
 * everyone and change slowly (a dossier returned now shows a minute later), while one computation reads every
 * dossier of the period. Concurrent requests for the same key share one computation; failures are not kept.
 * Per process: several instances each keep their own copy, which is fine for a minute-old figure.
 */
export const STATS_TTL_MS = 60_000;
const MAX_ENTRIES = 500;

const entries = new Map<string, { at: number; value: Promise<unknown> }>();

/** The cached value of `key`, or `compute()`'s, kept for STATS_TTL_MS. */
export function cachedStats<T>(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
  const hit = entries.get(key);
  if (hit && now - hit.at < STATS_TTL_MS) return hit.value as Promise<T>;
  if (entries.size >= MAX_ENTRIES) for (const [k, e] of entries) if (now - e.at >= STATS_TTL_MS || entries.size >= MAX_ENTRIES) entries.delete(k);
  const value = compute();
  entries.set(key, { at: now, value });
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key);
  });
  return value;
}
