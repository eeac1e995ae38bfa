import type { Period } from '../../ruleset/types.js';
import { countReader } from '../agentStats.js';
import type { RankedOrder } from './rankedOrder.js';

/**
 * `{ by: 'fewestAssigned', period }`: fewest automatic assignments in the
 * current period (per weight when proportional).
 *
 * @param period - the counting period
 * @returns the ranked order
 * @example
 * ```ts
 * fewestAssignedOrder('day').count({ id: 'a', assigned: { day: 4 } }); // 4
 * ```
 */
export function fewestAssignedOrder(period: Period): RankedOrder {
  return { count: countReader({ by: 'fewestAssigned', period }), key: null };
}
