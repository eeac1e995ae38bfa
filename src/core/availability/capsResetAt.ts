import { PERIODS, type WeekStartsOn } from '../ruleset/types.js';
import { periodBounds } from '../time/periodBounds.js';
import type { AgentSnapshot } from '../types.js';
import { type Caps, reachedCap } from './reachedCap.js';

/**
 * When every cap an agent has reached at `nowMs` is lifted: the latest end,
 * in the rule set's zone and week, of the periods whose cap (the lower of the
 * rule's and the agent's) its automatic assignments reached — the next day
 * start for a daily cap, the next week start when the weekly one is reached
 * too. Null when no cap is reached.
 *
 * @param ruleCaps - the rule's `eligibility.maxAssigned`, or null
 * @param agent - the snapshot (its `maxAssigned` and its `assigned` counts in the periods of `nowMs`)
 * @param nowMs - the instant the counts are for
 * @param timeZone - the rule set's zone
 * @param weekStartsOn - the rule set's first weekday
 * @returns epoch ms, or null
 * @example
 * ```ts
 * capsResetAt(null, { id: 'a', maxAssigned: { day: 20 }, assigned: { day: 20 } }, Date.parse('2026-12-01T15:00:00+08:00'), 'Asia/Shanghai', 1);
 * // Date.parse('2026-12-02T00:00:00+08:00')
 * ```
 */
export function capsResetAt(ruleCaps: Caps | null, agent: AgentSnapshot, nowMs: number, timeZone: string, weekStartsOn: WeekStartsOn): number | null {
  let lifted: number | null = null;
  for (const period of PERIODS) {
    // One period at a time, with exactly the engine's reading of limits and counts.
    const rulePart = ruleCaps?.[period] === undefined ? null : { [period]: ruleCaps[period] };
    const ownLimit = agent.maxAssigned?.[period];
    const own = ownLimit === undefined ? {} : { maxAssigned: { [period]: ownLimit } };
    if (rulePart === null && ownLimit === undefined) continue;
    if (reachedCap(rulePart, { id: agent.id, assigned: agent.assigned, ...own }) === null) continue;
    const end = periodBounds(period, nowMs, timeZone, weekStartsOn).end;
    if (lifted === null || end > lifted) lifted = end;
  }
  return lifted;
}
