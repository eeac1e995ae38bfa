import type { AgentAvailability } from './agentAvailability.js';

const MINUTE = 60_000;

/**
 * The hours an agent is on (on shift and not on leave) within `[fromMs, toMs)`.
 * Shifts and leave change only at whole minutes, so the time on is summed
 * minute by minute, jumping over the time off.
 *
 * @param availability - the agent's, from `agentAvailability`
 * @param fromMs - start (epoch ms)
 * @param toMs - end (epoch ms, exclusive)
 * @returns hours, fractional
 * @example
 * ```ts
 * onShiftHours(agentAvailability(agent, 'Asia/Shanghai'), Date.parse('2026-12-01T00:00:00+08:00'), Date.parse('2026-12-02T00:00:00+08:00'));
 * // 8 for a shift 09:00–17:00
 * ```
 */
export function onShiftHours(availability: AgentAvailability, fromMs: number, toMs: number): number {
  let onMs = 0;
  let at = fromMs;
  while (at < toMs) {
    const next = availability.nextOn(at, toMs);
    if (next === null || next >= toMs) break;
    at = next;
    while (at < toMs && availability.isOn(at)) {
      const step = Math.min((Math.floor(at / MINUTE) + 1) * MINUTE, toMs) - at;
      onMs += step;
      at += step;
    }
  }
  return onMs / 3_600_000;
}
