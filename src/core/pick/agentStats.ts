/**
 * Reading an agent's numbers from a snapshot. Counts that are absent or not
 * numbers read as 0, so a half-filled snapshot never poisons an ordering with NaN.
 */
import type { Period } from '../ruleset/types.js';
import type { AgentSnapshot } from '../types.js';


function count(value: unknown): number {
  // `v - v === 0` holds exactly for finite numbers (NaN and ±Infinity give NaN).
  return typeof value === 'number' && value - value === 0 ? value : 0;
}

/**
 * Subjects in the agent's care now (`serving` as a number, or `serving.total`).
 *
 * @param agent - the snapshot
 * @returns the total, 0 when absent
 * @example
 * ```ts
 * servingTotal({ id: 'a', serving: { total: 3, day: 1 } }); // 3
 * ```
 */
export function servingTotal(agent: AgentSnapshot): number {
  const serving = agent.serving;
  if (typeof serving === 'number') return count(serving);
  return serving == null ? 0 : count(serving.total);
}

/**
 * Automatic assignments the agent received in the current `period`.
 *
 * @param agent - the snapshot
 * @param period - the counting period
 * @returns the count, 0 when absent
 * @example
 * ```ts
 * assignedIn({ id: 'a', assigned: { day: 4 } }, 'day'); // 4
 * ```
 */
export function assignedIn(agent: AgentSnapshot, period: Period): number {
  const assigned = agent.assigned;
  return assigned == null ? 0 : count(assigned[period]);
}

/**
 * Subjects in the agent's care now whose care began in the current `period`,
 * or all of them for `'total'`.
 *
 * @param agent - the snapshot
 * @param period - the counting period, or `'total'`
 * @returns the count, 0 when absent
 * @example
 * ```ts
 * servingIn({ id: 'a', serving: { total: 9, week: 2 } }, 'week'); // 2
 * servingIn({ id: 'a', serving: 9 }, 'total');                     // 9
 * ```
 */
export function servingIn(agent: AgentSnapshot, period: Period | 'total'): number {
  const serving = agent.serving;
  if (typeof serving === 'number') return period === 'total' ? count(serving) : 0;
  return serving == null ? 0 : count(serving[period]);
}
