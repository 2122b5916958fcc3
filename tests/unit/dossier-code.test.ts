import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkSymbol,
  DOSSIER_ALPHABET,
  generateDossierCode,
  isValidDossierCode,
  normaliseDossierCode,
} from '../../src/server/dossiers/code.ts';

/** A random source that replays `values` (then fails loudly). */
function replay(values: number[]): (max: number) => number {
  let i = 0;
  return (max) => {
    const value = values[i++];
    if (value === undefined) throw new Error('replay exhausted');
    assert.equal(max, 32);
    return value;
  };
}

const valueOf = (s: string) => DOSSIER_ALPHABET.indexOf(s);
// '7KQ4M' = 7, 19, 23, 4, 20
const SAMPLE = generateDossierCode(1, '2026-11-23', replay([7, 19, 23, 4, 20]));

describe('checkSymbol', () => {
  test('follows Luhn mod 32 (worked by hand)', () => {
    // body "10": from the right, 0 doubled = 0, then 1 = 1; sum 1, check = (32 − 1) mod 32 = 31 = 'Z'
    assert.equal(checkSymbol('10'), 'Z');
    // body "G" (16): doubled 32 → 1 + 0 = 1; check 'Z'. body "Z" (31): 62 → 1 + 30 = 31; check = 1
    assert.equal(checkSymbol('G'), 'Z');
    assert.equal(checkSymbol('Z'), '1');
    assert.equal(checkSymbol(''), '0');
  });

  test('refuses symbols outside the alphabet', () => {
    for (const bad of ['I', 'L', 'O', 'U', 'a', '-', ' ']) assert.throws(() => checkSymbol(`01${bad}`), RangeError, bad);
  });
});

describe('generateDossierCode', () => {
  test('builds PP-YYMMDD-RRRRRC from the agency, the date and the random symbols', () => {
    assert.match(SAMPLE, /^01-261123-7KQ4M[0-9A-Z]$/);
    assert.equal(SAMPLE.slice(-1), checkSymbol('012611237KQ4M'));
    assert.equal(generateDossierCode(99, '2031-01-05', replay([31, 30, 29, 28, 27])).slice(0, 15), '99-310105-ZYXWV');
  });

  test('10,000 codes are all valid and well formed, and their random parts repeat no more than chance allows', () => {
    const randomParts = new Set<string>();
    const seen = Array.from({ length: 5 }, () => new Set<string>());
    for (let i = 0; i < 10_000; i++) {
      const code = generateDossierCode(42, '2026-02-28');
      assert.match(code, /^42-260228-[0-9A-HJKMNP-TV-Z]{6}$/);
      assert.equal(isValidDossierCode(code), true, code);
      assert.equal(normaliseDossierCode(code), code);
      assert.doesNotMatch(code, /0Z|Z0/);
      const randomPart = code.slice(10, 15);
      randomParts.add(randomPart);
      for (let p = 0; p < 5; p++) seen[p]!.add(randomPart.charAt(p));
    }
    // Birthday bound: 10,000 draws from 32^5 ≈ 33.5 million values repeat ≈ n²/2N ≈ 1.5 times on average, so "all
    // distinct" would fail most runs. A Poisson(1.5) count exceeds 10 with probability ~1e-6; a weak source
    // (e.g. Math.random truncated to few values, or a constant) blows far past it.
    const repeats = 10_000 - randomParts.size;
    assert.ok(repeats <= 10, `${repeats} repeated random parts`);
    for (let p = 0; p < 5; p++) assert.equal(seen[p]!.size, 32, `every symbol appears at random position ${p}`);
  });

  test('redraws rather than issue a code with 0 next to Z', () => {
    // First draw "Z0000" (Z after the date's last digit 0) is refused; the second draw is used.
    const code = generateDossierCode(1, '2026-11-30', replay([31, 0, 0, 0, 0, 7, 19, 23, 4, 20]));
    assert.match(code, /^01-261130-7KQ4M.$/);
  });

  test('refuses bad agency numbers, dates and random sources', () => {
    for (const n of [0, 100, -1, 1.5, Number.NaN]) assert.throws(() => generateDossierCode(n, '2026-11-23'), RangeError);
    for (const d of ['2026-02-29', '26-11-23', '1999-12-31', '2100-01-01', '2026-1-23', ''])
      assert.throws(() => generateDossierCode(1, d), RangeError, d);
    assert.throws(() => generateDossierCode(1, '2026-11-23', () => 32), RangeError);
    assert.throws(() => generateDossierCode(1, '2026-11-23', () => 0.5), RangeError);
  });
});

describe('error detection', () => {
  test('every single-symbol substitution of a code is detected', () => {
    const symbols = SAMPLE.replaceAll('-', '');
    let tried = 0;
    for (let i = 0; i < symbols.length; i++) {
      for (const replacement of DOSSIER_ALPHABET) {
        if (replacement === symbols[i]) continue;
        const typo = symbols.slice(0, i) + replacement + symbols.slice(i + 1);
        const shaped = normaliseDossierCode(typo);
        // Some substitutions break the shape (a letter in the date) and are caught even earlier.
        if (shaped !== null) {
          tried++;
          assert.equal(isValidDossierCode(typo), false, `${typo} (position ${i})`);
        }
      }
    }
    assert.ok(tried > 6 * 31, `${tried} substitutions were shape-valid`);
  });

  test('every adjacent transposition of distinct symbols in the random part (and with the check symbol) is detected', () => {
    for (let n = 0; n < 300; n++) {
      const symbols = generateDossierCode(7, '2026-06-30').replaceAll('-', '');
      for (let i = 7; i < 13; i++) {
        // i = 7: last date digit ↔ first random symbol; i = 12: last random symbol ↔ check symbol
        if (symbols[i] === symbols[i + 1]) continue;
        const swapped = symbols.slice(0, i) + symbols[i + 1] + symbols[i] + symbols.slice(i + 2);
        assert.equal(isValidDossierCode(swapped), false, `${symbols} → ${swapped}`);
      }
    }
  });

  test('Luhn mod 32 misses exactly one transposition, 0Z ↔ Z0, which generated codes never contain', () => {
    const missed: string[] = [];
    for (const a of DOSSIER_ALPHABET) {
      for (const b of DOSSIER_ALPHABET) {
        if (a >= b) continue;
        const body = `01261123${a}${b}XYZ`;
        const swapped = `01261123${b}${a}XYZ`;
        if (checkSymbol(body) === checkSymbol(swapped)) missed.push(a + b);
      }
    }
    assert.deepEqual(missed, ['0Z']);
    assert.equal(valueOf('Z'), 31);
  });
});

describe('normaliseDossierCode', () => {
  test('accepts the ways people type a code', () => {
    const canonical = '01-261123-7KQ4MX';
    for (const input of [
      canonical,
      '  01-261123-7KQ4MX\n',
      '012611237KQ4MX',
      '01 261123 7kq4mx',
      '01.261123.7KQ4MX',
      'o1-261123-7kq4mx',
      'O1–26ll23—7KQ4MX', // en dash, em dash, lowercase L for 1
      '0I-261123-7KQ4MX',
      '01 - 2611 23 - 7KQ 4MX',
    ]) {
      assert.equal(normaliseDossierCode(input), canonical, input);
    }
  });

  test('maps look-alikes in the random part too', () => {
    assert.equal(normaliseDossierCode('01-261123-OIL4MX'), '01-261123-0114MX');
  });

  test('refuses wrong lengths, characters and shapes', () => {
    for (const bad of [
      '',
      '01-261123-7KQ4M', // 13 symbols
      '01-261123-7KQ4MXX', // 15 symbols
      '01-261123-7KQ4MU', // U is not in the alphabet
      '01-261123-7KQ4M*',
      '01_261123_7KQ4MX',
      '01-261123-7KQ4Mı', // dotless i: not ASCII, even though it uppercases to I
      '０１-261123-7KQ4MX', // full-width digits
      'A1-261123-7KQ4MX', // letter in the agency number
      '01-26112B-7KQ4MX', // letter in the date
      '00-261123-7KQ4MX', // agency 00 does not exist
    ]) {
      assert.equal(normaliseDossierCode(bad), null, bad);
      assert.equal(isValidDossierCode(bad), false, bad);
    }
  });
});

describe('isValidDossierCode', () => {
  test('accepts a code typed loosely and refuses an impossible date even with a matching check symbol', () => {
    assert.equal(isValidDossierCode(SAMPLE.toLowerCase().replaceAll('-', ' ')), true);
    const body = '012602307KQ4M'; // 30 February
    assert.equal(isValidDossierCode(body + checkSymbol(body)), false);
  });
});
