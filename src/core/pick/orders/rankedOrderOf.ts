import type { CompiledOrder } from '../../ruleset/compiledTypes.js';
import type { Order } from '../../ruleset/types.js';
import { fewestAssignedOrder } from './fewestAssignedOrder.js';
import { fewestServingOrder } from './fewestServingOrder.js';
import { leastUtilisedOrder } from './leastUtilisedOrder.js';
import { longestIdleOrder } from './longestIdleOrder.js';
import type { RankedOrder } from './rankedOrder.js';

// Keyed by every order name, so adding an order to `Order` fails to compile until it is registered here.
const ORDERS: { [K in Order['by']]: (order: Extract<CompiledOrder, { by: K }>) => RankedOrder | null } = {
  fewestAssigned: (order) => fewestAssignedOrder(order.period),
  fewestServing: (order) => fewestServingOrder(order.period),
  leastUtilised: () => leastUtilisedOrder,
  longestIdle: () => longestIdleOrder,
  // Round robin rotates; it ranks nobody.
  roundRobin: () => null,
};

/**
 * The ranking a compiled order uses, or null for round robin.
 *
 * @param order - the compiled order
 * @returns its ranked order, or null
 * @example
 * ```ts
 * rankedOrderOf({ by: 'leastUtilised' }) === leastUtilisedOrder; // true
 * rankedOrderOf({ by: 'roundRobin' }); // null
 * ```
 */
export function rankedOrderOf(order: CompiledOrder): RankedOrder | null {
  return (ORDERS[order.by] as (order: CompiledOrder) => RankedOrder | null)(order);
}
