import type { DateISO } from './types.ts';

/**
 * The dated set in force on `day`: the latest that took effect on or before it; a day before the oldest gets the
 * oldest (the catalog does not go further back). `sets` are oldest first and never empty. Imports nothing, so the
 * complaint form's island can use it too.
 */
export function inForceOn<T extends { effectiveFrom: DateISO }>(sets: readonly T[], day: DateISO): T {
  let current = sets[0];
  if (current === undefined) throw new Error('A dated rule list must have at least one set');
  for (const set of sets) if (set.effectiveFrom <= day) current = set;
  return current;
}
