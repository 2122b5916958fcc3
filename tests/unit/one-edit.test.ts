import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_KEY_LENGTH, oneEditVariants } from '../../src/server/registry/one-edit.ts';

/** Damerau–Levenshtein (optimal string alignment) distance, the reference the variants are checked against. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('one-edit variants of a search key', () => {
  const key = 'nguyen van hung';
  const variants = oneEditVariants(key);

  it('covers a missing, wrong, extra or swapped letter, and a missing or extra space', () => {
    for (const typo of ['nguyen van hng', 'nguyen van hang', 'nguyen van hungg', 'nguyen van hugn', 'nguyenvan hung', 'nguyen va n hung', 'ngyuen van hung']) {
      assert.ok(variants.includes(typo), typo);
    }
  });

  it('holds only canonical keys exactly one edit away', () => {
    assert.ok(!variants.includes(key));
    assert.ok(!variants.includes('nguyen van hungx y'), 'two edits');
    for (const v of variants) {
      assert.equal(distance(key, v), 1, v);
      assert.match(v, /^[a-z]+( [a-z]+)*$/, v);
    }
    assert.equal(new Set(variants).size, variants.length);
  });

  it('equals, over a small alphabet, the brute-force set of canonical strings one edit away', () => {
    const alphabet = ['l', 'e', 'a', 'x', ' '];
    const brute = new Set<string>();
    let layer = [''];
    for (let len = 1; len <= 5; len++) {
      layer = layer.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of layer) if (len >= 3 && s.trim() === s && !s.includes('  ') && distance('le a', s) === 1) brute.add(s);
    }
    const got = oneEditVariants('le a').filter((v) => [...v].every((c) => alphabet.includes(c)));
    assert.deepEqual([...got].sort(), [...brute].sort());
  });

  it('does not expand empty or overlong keys', () => {
    assert.deepEqual(oneEditVariants(''), []);
    assert.deepEqual(oneEditVariants('a'.repeat(MAX_KEY_LENGTH + 1)), []);
  });
});
