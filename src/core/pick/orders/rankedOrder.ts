import type { AgentSnapshot } from '../../types.js';

/**
 * An order that ranks candidates by a number, smallest first, ties to the
 * participant listed first: every order but round robin. One file per order
 * defines it; `rankedOrders` registers them.
 *
 * @example
 * ```ts
 * const order: RankedOrder = { count: servingTotal, key: null };
 * ```
 */
export interface RankedOrder {
  /** The agent's number the order compares (the trace's `count`). */
  readonly count: (agent: AgentSnapshot) => number;
  /**
   * The ordering key from that number; null: the number itself, divided by the
   * participant's weight when the rule is proportional (the count orders).
   */
  readonly key: ((count: number, agent: AgentSnapshot, weight: number) => number) | null;
}
