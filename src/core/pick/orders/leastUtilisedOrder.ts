import type { AgentSnapshot } from '../../types.js';
import { servingTotal } from '../agentStats.js';
import type { RankedOrder } from './rankedOrder.js';

/**
 * Added to the key of an agent without a capacity, so every capacity-bound
 * candidate (utilisation below 2^32) comes first.
 */
export const UNBOUNDED_OFFSET = 2 ** 32;

/**
 * The capacity `leastUtilised` divides by: a positive finite `capacity`, else null.
 *
 * @param agent - the snapshot
 * @returns the capacity, or null for an agent without one
 * @example
 * ```ts
 * capacityOf({ id: 'a', capacity: 40 }); // 40
 * capacityOf({ id: 'a' }); // null
 * ```
 */
export function capacityOf(agent: AgentSnapshot): number | null {
  const capacity = agent.capacity;
  return typeof capacity === 'number' && capacity > 0 && capacity - capacity === 0 ? capacity : null;
}

function utilisationKey(count: number, agent: AgentSnapshot, weight: number): number {
  const capacity = capacityOf(agent);
  // No capacity: after every capacity-bound candidate, by subjects in care.
  return capacity === null ? UNBOUNDED_OFFSET + count / weight : count / capacity / weight;
}

/**
 * `{ by: 'leastUtilised' }` (most available, as Zendesk's capacity
 * percentage): the smallest `serving.total / capacity`, divided by the weight
 * when the rule is proportional. Agents without a capacity (or a capacity of
 * 0) rank after every agent with one, among themselves by subjects in care.
 *
 * @example
 * ```ts
 * const { count, key } = leastUtilisedOrder;
 * key!(count({ id: 'a', serving: 3, capacity: 10 }), { id: 'a', serving: 3, capacity: 10 }, 1); // 0.3
 * ```
 */
export const leastUtilisedOrder: RankedOrder = { count: servingTotal, key: utilisationKey };
