/**
 * "Is this agent available at t?" and "when next?": an agent's shift
 * (`schedule`) and `leave`, compiled once per snapshot and zone. The shift is
 * compiled by `core/time` (the same engine as rule schedules, DST-correct and
 * cached per schedule object); leave becomes sorted instant intervals.
 */
import type { AgentSnapshot } from '../types.js';
import type { AgentAvailability } from './agentAvailability.js';
import { sharedAvailability } from './sharedAvailability.js';

interface Cached {
  readonly schedule: unknown;
  readonly leave: unknown;
  readonly timeZone: string;
  readonly availability: AgentAvailability | null;
}

// Per snapshot object; the fields it was compiled from are compared on every read, so a replaced shift or leave is noticed.
const cache = new WeakMap<AgentSnapshot, Cached>();

/**
 * The compiled availability of an agent, or null when it has neither a shift
 * nor leave (always available: the caller skips every check).
 *
 * @param agent - the snapshot (its `schedule` and `leave` already checked, e.g. by `readAvailability`)
 * @param timeZone - the rule set's zone: the default of the shift's zone, in which leave dates are read
 * @returns the availability, or null
 * @throws AssignmentError `invalid_input` when the shift or the leave cannot be compiled
 * @example
 * ```ts
 * const nights = availabilityOf({ id: 'a', schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }] } }, 'Asia/Shanghai')!;
 * nights.stateAt(Date.parse('2026-12-01T12:00:00+08:00')); // OFF_SHIFT
 * new Date(nights.nextAvailable(Date.parse('2026-12-01T12:00:00+08:00'), 86_400_000)!); // 2026-12-01T14:00:00.000Z
 * ```
 */
export function availabilityOf(agent: AgentSnapshot, timeZone: string): AgentAvailability | null {
  const schedule = agent.schedule;
  const leave = agent.leave;
  if (schedule === undefined && leave === undefined) return null;
  const cached = cache.get(agent);
  if (cached !== undefined && cached.schedule === schedule && cached.leave === leave && cached.timeZone === timeZone) {
    return cached.availability;
  }
  const availability = sharedAvailability(schedule, leave, timeZone);
  cache.set(agent, { schedule, leave, timeZone, availability });
  return availability;
}
