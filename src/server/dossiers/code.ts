/**
 * Dossier codes a citizen can read over the phone: `PP-YYMMDD-RRRRRC`.
 *
 * - `PP`     the agency's two-digit number (01–99),
 * - `YYMMDD` the submission date in Vietnam,
 * - `RRRRR`  five random symbols (32⁵ ≈ 33.5 million per agency and day),
 * - `C`      a Luhn mod 32 check symbol over `PPYYMMDDRRRRR`.
 *
 * Symbols are Crockford base32 (no I, L, O, U), so a code survives handwriting and dictation; the check symbol lets
 * the portal reject a mistyped code before any database look-up. The code is a reference, not a secret: access to
 * a dossier is guarded by the PIN (see `pin.ts`).
 */
import { randomInt } from 'node:crypto';
import { isRealDate } from '../validation/dates.ts';

/** Crockford base32: the value of a symbol is its index. */
export const DOSSIER_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const N = DOSSIER_ALPHABET.length; // 32
const RANDOM_LENGTH = 5;
const CANONICAL_RE = /^(\d{2})(\d{6})([0-9A-HJKMNP-TV-Z]{6})$/;
/** Separators people type or paste: space-like characters, dots, hyphen and the Unicode dashes/minus. */
const SEPARATORS_RE = /[\s.\-\u2010-\u2015\u2212]/g;
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };

function valueOf(symbol: string): number {
  const value = DOSSIER_ALPHABET.indexOf(symbol);
  if (value < 0 || symbol.length !== 1) throw new RangeError(`not a dossier-code symbol: ${JSON.stringify(symbol)}`);
  return value;
}

/**
 * The Luhn mod 32 check symbol for `body` (the code without dashes and without its check symbol).
 *
 * Detects every single wrong symbol. Detects every adjacent transposition except `0Z` ↔ `Z0` (Luhn mod N's blind
 * spot: 0 and N−1 are the two values that doubling leaves at the same distance); `generateDossierCode` never issues
 * a code with 0 next to Z, so for issued codes every adjacent transposition is caught.
 * @throws RangeError when `body` contains a symbol outside the alphabet
 */
export function checkSymbol(body: string): string {
  let sum = 0;
  let double = true; // the right-most body symbol is doubled, because the check symbol will follow it
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = valueOf(body.charAt(i));
    if (double) {
      addend *= 2;
      addend = Math.floor(addend / N) + (addend % N); // "add the digits" in base 32
    }
    sum += addend;
    double = !double;
  }
  return DOSSIER_ALPHABET.charAt((N - (sum % N)) % N);
}

/** Whether 0 and Z (the Luhn mod 32 blind spot) stand next to each other anywhere in `symbols`. */
function hasUndetectableSwap(symbols: string): boolean {
  return /0Z|Z0/.test(symbols);
}

function withDashes(symbols: string): string {
  return `${symbols.slice(0, 2)}-${symbols.slice(2, 8)}-${symbols.slice(8)}`;
}

/**
 * A new dossier code, e.g. `01-261123-7KQ4MX`.
 *
 * Uniqueness is not guaranteed (it is random): the caller inserts under a unique constraint and retries on conflict.
 * @param agencyNumber the agency's number, an integer 1–99
 * @param date the submission date in Vietnam, 'yyyy-mm-dd' (`todayInVietnam()`), year 2000–2099
 * @param random returns a uniformly random integer in [0, max); defaults to `crypto.randomInt` (tests inject one)
 * @throws RangeError on a bad agency number or date, or when `random` misbehaves
 */
export function generateDossierCode(
  agencyNumber: number,
  date: string,
  random: (max: number) => number = randomInt,
): string {
  if (!Number.isInteger(agencyNumber) || agencyNumber < 1 || agencyNumber > 99) {
    throw new RangeError(`agency number must be an integer 1–99: ${agencyNumber}`);
  }
  if (!isRealDate(date) || !date.startsWith('20')) throw new RangeError(`invalid date (expected 20yy-mm-dd): ${date}`);
  const prefix = String(agencyNumber).padStart(2, '0') + date.slice(2).replaceAll('-', '');

  // Rejection sampling keeps 0 and Z apart (about 2.5% of draws are redrawn), so that no issued code has an adjacent
  // transposition the check symbol would miss. The bound only stops a broken injected `random` from looping forever.
  for (let attempt = 0; attempt < 100; attempt++) {
    let randomPart = '';
    for (let i = 0; i < RANDOM_LENGTH; i++) {
      const value = random(N);
      if (!Number.isInteger(value) || value < 0 || value >= N) throw new RangeError(`random(${N}) returned ${value}`);
      randomPart += DOSSIER_ALPHABET.charAt(value);
    }
    const body = prefix + randomPart;
    const symbols = body + checkSymbol(body);
    if (!hasUndetectableSwap(symbols)) return withDashes(symbols);
  }
  throw new RangeError('random source keeps producing codes with 0 next to Z');
}

/**
 * The canonical form `PP-YYMMDD-RRRRRC` of what a citizen typed, or null when it does not have the shape of a code.
 *
 * Trims and uppercases; removes spaces, dots and dashes wherever they are; reads the Crockford look-alikes O as 0 and
 * I/L as 1; then requires 14 symbols: two digits 01–99, six digits, six symbols of the alphabet. Does not check the
 * check symbol (see `isValidDossierCode`).
 */
export function normaliseDossierCode(input: string): string | null {
  const compact = input.trim().replace(SEPARATORS_RE, '');
  // ASCII only before uppercasing: Unicode case mapping would turn e.g. 'ı' into 'I' and 'ſ' into 'S'.
  if (!/^[0-9A-Za-z]{14}$/.test(compact)) return null;
  const symbols = compact.toUpperCase().replace(/[OIL]/g, (c) => LOOK_ALIKES[c] ?? c);
  const match = CANONICAL_RE.exec(symbols);
  if (!match || match[1] === '00') return null;
  return withDashes(symbols);
}

/**
 * Whether `input` is a well-formed dossier code whose check symbol matches and whose date exists, after the same
 * normalisation as `normaliseDossierCode`. Use it to reject a mistyped code before looking it up.
 */
export function isValidDossierCode(input: string): boolean {
  const code = normaliseDossierCode(input);
  if (code === null) return false;
  const symbols = code.replaceAll('-', '');
  const yymmdd = symbols.slice(2, 8);
  if (!isRealDate(`20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`)) return false;
  return checkSymbol(symbols.slice(0, 13)) === symbols.charAt(13);
}
