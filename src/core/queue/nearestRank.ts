/**
 * The p-th percentile by nearest rank: the value at rank ⌈p/100 · n⌉ (1-based)
 * of the values in ascending order — always one of the values, never an
 * interpolation, so "p95 waited 14 h" means a customer really waited 14 h.
 * p50 of [1, 2, 3, 4] is 2; p100 is the maximum; p0 is the minimum.
 *
 * @param sorted - the values in ascending order
 * @param p - the percentile, 0–100
 * @returns the value, or null when there is none
 * @example
 * ```ts
 * nearestRank([1, 2, 3, 4], 50); // 2
 * nearestRank([1, 2, 3, 4], 95); // 4
 * nearestRank([], 50); // null
 * ```
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  // p · n first: whole numbers stay exact (0.95 · 20 would not).
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[Math.min(n, rank) - 1]!;
}
