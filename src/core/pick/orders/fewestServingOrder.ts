import type { Period } from '../../ruleset/types.js';
import { countReader } from '../agentStats.js';
import type { RankedOrder } from './rankedOrder.js';

/**
 * `{ by: 'fewestServing', period? }`: fewest subjects in care, in total or
 * taken on in the current period (per weight when proportional).
 *
 * @param period - the period, or `'total'`
 * @returns the ranked order
 * @example
 * ```ts
 * fewestServingOrder('total').count({ id: 'a', serving: 7 }); // 7
 * ```
 */
export function fewestServingOrder(period: Period | 'total'): RankedOrder {
  return { count: countReader({ by: 'fewestServing', period }), key: null };
}
