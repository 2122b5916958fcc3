/**
 * The Wilson score interval of a proportion: `successes` of `n`, at 95% unless `z` says otherwise. Unlike the
 * normal approximation it stays within [0, 1] and is honest for small n and for shares near 0 or 1, which agency
 * figures often are. Null when there is nothing to estimate (n = 0).
 */
export function wilsonInterval(successes: number, n: number, z = 1.959964): [low: number, high: number] | null {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval needs 0 ≤ successes ≤ n, whole numbers: ${successes} of ${n}`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  return [Math.max(0, (centre - margin) / denominator), Math.min(1, (centre + margin) / denominator)];
}
