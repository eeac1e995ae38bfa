import { type AgentAvailability, ON_LEAVE } from './agentAvailability.js';

/**
 * Whether leave covers every instant of `[fromMs, untilMs]` (leave ranges that
 * meet or overlap count as one).
 *
 * @param availability - the agent's (`availabilityOf`); null: never on leave
 * @param fromMs - start (epoch ms)
 * @param untilMs - end (epoch ms, inclusive)
 * @returns true when the agent is on leave throughout
 * @example
 * ```ts
 * const away = availabilityOf({ id: 'a', leave: [{ from: '2026-12-01', to: '2026-12-14' }] }, 'Asia/Shanghai');
 * onLeaveThroughout(away, Date.parse('2026-12-01T00:00:00+08:00'), Date.parse('2026-12-07T00:00:00+08:00')); // true
 * ```
 */
export function onLeaveThroughout(availability: AgentAvailability | null, fromMs: number, untilMs: number): boolean {
  if (availability === null || availability.stateAt(fromMs) !== ON_LEAVE) return false;
  // On leave, `until` is the end of the (merged) leave interval: the first instant back.
  const back = availability.until(fromMs, 0);
  return back !== null && back > untilMs;
}
