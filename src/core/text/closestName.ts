/**
 * The candidate a misspelt name most likely meant ("did you mean"): the same
 * letters ignoring case, or at most two edits away (fewer for short names).
 * Shared by every place that suggests a name: unknown keys in rule sets and
 * options, time zones, functions, declared fields.
 *
 * @internal
 * @param name - what was written
 * @param candidates - the names that exist
 * @returns the closest candidate, or `undefined` when none is close enough
 * @example
 * ```ts
 * closestName('regoin', ['region', 'level']); // 'region'
 * closestName('Asia/Shangai', ['Asia/Shanghai', 'Europe/Paris']); // 'Asia/Shanghai'
 * ```
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  // Long junk cannot be a typo of a short name; skip the quadratic distance.
  if (name.length > 64) return undefined;
  const limit = Math.min(2, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(name, candidate);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
