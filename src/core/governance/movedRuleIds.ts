/**
 * The rules that changed places: of the ids both lists hold, those outside
 * one longest run kept in the same relative order. Rules merely shifted by an
 * added or removed rule are not moved; of two rules swapped, one moved.
 *
 * @param before - the rule ids of the old rule set, in evaluation order (unique)
 * @param after - the rule ids of the new rule set, in evaluation order (unique)
 * @returns the ids of the moved rules
 * @example
 * ```ts
 * movedRuleIds(['a', 'b', 'c'], ['c', 'a', 'b']); // Set { 'c' }
 * ```
 */
export function movedRuleIds(before: readonly string[], after: readonly string[]): Set<string> {
  const oldIndex = new Map(before.map((id, index) => [id, index]));
  const common = after.filter((id) => oldIndex.has(id));
  // Ids are unique, so the longest common subsequence is the longest increasing run of old
  // positions taken in the new order: patience sorting, O(n log n) for rule sets of any size.
  const positions = common.map((id) => oldIndex.get(id)!);
  const tails: number[] = [];
  const previous = new Array<number>(positions.length).fill(-1);
  for (let k = 0; k < positions.length; k++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (positions[tails[middle]!]! < positions[k]!) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[k] = tails[low - 1]!;
    tails[low] = k;
  }
  const kept = new Set<string>();
  for (let k = tails.length === 0 ? -1 : tails[tails.length - 1]!; k >= 0; k = previous[k]!) kept.add(common[k]!);
  return new Set(common.filter((id) => !kept.has(id)));
}
