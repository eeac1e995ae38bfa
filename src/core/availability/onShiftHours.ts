import { type AgentAvailability, AVAILABLE } from './agentAvailability.js';

const MINUTE = 60_000;

/**
 * The hours an agent is available (on shift and not on leave) within
 * `[fromMs, toMs)`, as the engine decides availability. Shifts change only at
 * whole minutes and leave ends are instants, so the time on is summed minute
 * by minute (a partial first or last minute by its length), jumping over the
 * time off with `nextAvailable`.
 *
 * @param availability - the agent's (`availabilityOf`); null: always available
 * @param fromMs - start (epoch ms)
 * @param toMs - end (epoch ms, exclusive)
 * @returns hours, fractional
 * @example
 * ```ts
 * const day = availabilityOf({ id: 'a', schedule: { hours: [{ from: '09:00', to: '17:00' }] } }, 'Asia/Shanghai');
 * onShiftHours(day, Date.parse('2026-12-01T00:00:00+08:00'), Date.parse('2026-12-02T00:00:00+08:00')); // 8
 * ```
 */
export function onShiftHours(availability: AgentAvailability | null, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  if (availability === null) return (toMs - fromMs) / 3_600_000;
  let onMs = 0;
  let at = fromMs;
  while (at < toMs) {
    const next = availability.nextAvailable(at, toMs - at);
    if (next === null || next >= toMs) break;
    at = next;
    while (at < toMs && availability.stateAt(at) === AVAILABLE) {
      const step = Math.min((Math.floor(at / MINUTE) + 1) * MINUTE, toMs) - at;
      onMs += step;
      at += step;
    }
  }
  return onMs / 3_600_000;
}
