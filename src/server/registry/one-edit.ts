/**
 * Every string one edit away from a folded search key (lower-case a–z words separated by single spaces): one letter
 * deleted, replaced, inserted, or two neighbours swapped (Damerau–Levenshtein distance 1). Spaces count as letters,
 * so "nguyenvan hung" and "nguyen van hung" are one edit apart. Used to forgive one typo in a name without trigrams.
 */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';

/** Longer keys are not expanded: no Vietnamese name is that long, and the list grows with the length. */
export const MAX_KEY_LENGTH = 60;

export function oneEditVariants(key: string): string[] {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return [];
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) {
    out.add(key.slice(0, i) + key.slice(i + 1));
    for (const c of LETTERS) out.add(key.slice(0, i) + c + key.slice(i + 1));
    if (i + 1 < key.length) out.add(key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2));
  }
  for (let i = 0; i <= key.length; i++) for (const c of LETTERS) out.add(key.slice(0, i) + c + key.slice(i));
  out.delete(key);
  // Only canonical keys can equal a stored key: no leading, trailing or double spaces.
  return [...out].filter((v) => v.length > 0 && v.trim() === v && !v.includes('  '));
}
