import type { Period } from '../ruleset/types.js';
import type { AgentSnapshot } from '../types.js';

/** Caps per period, as a rule's `eligibility.maxAssigned` or an agent's `maxAssigned` hold them. */
export type Caps = Readonly<Partial<Record<Period, number>>>;

/** A cap an agent has reached: its period and the lower of the rule's and the agent's limits. */
export interface ReachedCap {
  readonly period: Period;
  readonly limit: number;
}

function assignedIn(agent: AgentSnapshot, period: Period): number {
  const value = agent.assigned?.[period];
  return typeof value === 'number' && value - value === 0 ? value : 0;
}

function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined || a <= b ? a : b;
}

/**
 * The first period, shortest first, in which the agent's automatic
 * assignments (`assigned`, counted in the rule set's periods) reached the
 * lower of the rule's and the agent's own cap.
 *
 * @param ruleCaps - the rule's `eligibility.maxAssigned`, or null
 * @param agent - the snapshot (its own `maxAssigned`, its `assigned` counts)
 * @returns the reached cap, or null when the agent may still receive subjects
 * @example
 * ```ts
 * reachedCap({ month: 300 }, { id: 'a', maxAssigned: { day: 20 }, assigned: { day: 20, month: 41 } });
 * // { period: 'day', limit: 20 }
 * ```
 */
export function reachedCap(ruleCaps: Caps | null, agent: AgentSnapshot): ReachedCap | null {
  const own = agent.maxAssigned;
  if (ruleCaps === null && own === undefined) return null;
  for (const period of ['day', 'week', 'month', 'quarter', 'year'] as const) {
    const limit = lower(ruleCaps?.[period], own?.[period]);
    if (limit !== undefined && assignedIn(agent, period) >= limit) return { period, limit };
  }
  return null;
}
