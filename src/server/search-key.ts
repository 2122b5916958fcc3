/**
 * The JavaScript twin of the database's `search_key(search_fold(text))` (db/migrations/…1100 and …1600): lower-case,
 * accents and tone marks removed, đ → d, words of letters and digits joined by single spaces. Used where the key is
 * needed before any query (the one-typo variants of a name); tests check it against the database letter by letter.
 */
const NOT_DECOMPOSED: Record<string, string> = { đ: 'd', Đ: 'd', ð: 'd', Ð: 'd', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ß: 'ss' };

export function searchKey(text: string): string {
  return text
    // Letters without a decomposition, mapped as unaccent's rules map them (đ first of all).
    .replace(/[đĐðÐøØłŁæÆœŒß]/g, (c) => NOT_DECOMPOSED[c]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(' ');
}
