import type { AgentSnapshot } from '../../types.js';
import type { RankedOrder } from './rankedOrder.js';

/**
 * When the agent last received an automatic assignment, in epoch ms;
 * `-Infinity` when never (absent, null or unreadable).
 *
 * @param agent - the snapshot
 * @returns epoch ms or -Infinity
 * @example
 * ```ts
 * lastAssignedMs({ id: 'a', lastAssignedAt: '2026-12-01T09:00:00Z' }); // 1796115600000
 * lastAssignedMs({ id: 'a' }); // -Infinity
 * ```
 */
export function lastAssignedMs(agent: AgentSnapshot): number {
  const at = agent.lastAssignedAt;
  if (at == null) return Number.NEGATIVE_INFINITY;
  const ms = typeof at === 'number' ? at : at instanceof Date ? at.getTime() : Date.parse(at);
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

/**
 * `{ by: 'longestIdle' }` (TaskRouter's default): the candidate whose last
 * automatic assignment is the oldest; never-assigned agents first; ties by
 * participant order. Weights do not apply.
 *
 * @example
 * ```ts
 * longestIdleOrder.count({ id: 'a', lastAssignedAt: null }); // -Infinity
 * ```
 */
export const longestIdleOrder: RankedOrder = { count: lastAssignedMs, key: (count) => count };
