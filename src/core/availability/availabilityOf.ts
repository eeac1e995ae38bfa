/**
 * "Is this agent available at t?" and "when next?": an agent's shift
 * (`schedule`) and `leave`, compiled once per snapshot and zone. The shift is
 * compiled by `core/time` (the same engine as rule schedules, DST-correct and
 * cached per schedule object); leave becomes sorted instant intervals.
 */
import { AssignmentError } from '../errors.js';
import type { CompiledSchedule } from '../ruleset/compiledTypes.js';
import type { Schedule } from '../ruleset/types.js';
import { compiledScheduleOf } from '../time/compiledScheduleOf.js';
import { wallTimeToEpoch } from '../time/wallTimeToEpoch.js';
import type { AgentSnapshot, LeaveRange } from '../types.js';
import { leaveBound } from './leaveBound.js';

/** The agent is on shift and not on leave. */
export const AVAILABLE = 0;
/** Outside the agent's shift. */
export const OFF_SHIFT = 1;
/** Inside one of the agent's leave ranges. */
export const ON_LEAVE = 2;

/** An agent's compiled shift and leave. */
export interface AgentAvailability {
  /**
   * @param epochMs - the instant
   * @returns `AVAILABLE`, `OFF_SHIFT` or `ON_LEAVE` (leave wins when both apply)
   */
  stateAt(epochMs: number): number;
  /**
   * @param epochMs - the instant to search from (returned itself when available)
   * @param horizonMs - how far ahead to look
   * @returns the earliest instant ≥ `epochMs` at which the agent is available, or null
   */
  nextAvailable(epochMs: number, horizonMs: number): number | null;
  /**
   * @param epochMs - an instant at which the agent is not available
   * @param horizonMs - how far ahead to look for a shift start
   * @returns when the current exclusion ends: the leave's end, or the next shift start (null: none within the horizon)
   */
  until(epochMs: number, horizonMs: number): number | null;
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

interface Cached {
  readonly schedule: unknown;
  readonly leave: unknown;
  readonly timeZone: string;
  readonly availability: AgentAvailability | null;
}

// Per snapshot object; the fields it was compiled from are compared on every read, so a replaced shift or leave is noticed.
const cache = new WeakMap<AgentSnapshot, Cached>();
// Agents with equal shifts and leave share one compiled availability (shift templates: many agents, few shifts),
// so its memo answers for all of them at one instant. Bounded: cleared when it grows past this many entries.
const shared = new Map<string, AgentAvailability | null>();
const SHARED_LIMIT = 50_000;

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

/**
 * The compiled availability of a shift and leave, shared by every agent with
 * equal ones (compared by content), so one memo answers for all of them.
 * `createAssigner` groups its rankings by shift with it.
 *
 * @param schedule - the shift, or undefined (always on)
 * @param leave - the leave ranges, or undefined
 * @param timeZone - the rule set's zone
 * @returns the availability, or null when always available
 * @throws AssignmentError `invalid_input` when the shift or the leave cannot be compiled
 * @example
 * ```ts
 * sharedAvailability({ hours: [{ from: '09:00', to: '13:00' }] }, undefined, 'Asia/Shanghai')
 *   === sharedAvailability({ hours: [{ from: '09:00', to: '13:00' }] }, undefined, 'Asia/Shanghai'); // true
 * ```
 */
export function sharedAvailability(schedule: Schedule | undefined, leave: readonly LeaveRange[] | undefined, timeZone: string): AgentAvailability | null {
  const key = `${timeZone}\u0000${JSON.stringify(schedule ?? null)}\u0000${JSON.stringify(leave ?? null)}`;
  let availability = shared.get(key);
  if (availability === undefined) {
    const shift = schedule === undefined ? null : compiledScheduleOf(schedule, timeZone);
    const agentZone = schedule?.timeZone ?? timeZone;
    const intervals = leave === undefined ? [] : leaveIntervals(leave, agentZone);
    availability = shift === null && intervals.length === 0 ? null : compile(shift, intervals);
    if (shared.size >= SHARED_LIMIT) shared.clear();
    shared.set(key, availability);
  }
  return availability;
}

function compile(shift: CompiledSchedule | null, leave: readonly Interval[]): AgentAvailability {
  /** The leave interval containing `ms`, if any. */
  function leaveAt(ms: number): Interval | null {
    for (let i = 0; i < leave.length; i++) {
      const interval = leave[i]!;
      if (ms < interval.start) return null;
      if (ms < interval.end) return interval;
    }
    return null;
  }
  // Many candidates are checked at one instant: remember the last answers.
  let lastMs = Number.NaN;
  let lastState = AVAILABLE;
  let nextFrom = Number.NaN;
  let nextHorizon = Number.NaN;
  let nextAt: number | null = null;
  return {
    stateAt(epochMs) {
      if (epochMs !== lastMs) {
        lastState = leaveAt(epochMs) !== null ? ON_LEAVE : shift !== null && !shift.isOpen(epochMs) ? OFF_SHIFT : AVAILABLE;
        lastMs = epochMs;
      }
      return lastState;
    },
    nextAvailable(epochMs, horizonMs) {
      if (epochMs !== nextFrom || horizonMs !== nextHorizon) {
        nextAt = searchAvailable(epochMs, horizonMs);
        nextFrom = epochMs;
        nextHorizon = horizonMs;
      }
      return nextAt;
    },
    until(epochMs, horizonMs) {
      const onLeave = leaveAt(epochMs);
      if (onLeave !== null) return onLeave.end;
      return shift === null ? epochMs : shift.nextOpening(epochMs, horizonMs);
    },
  };

  function searchAvailable(epochMs: number, horizonMs: number): number | null {
      const limit = epochMs + horizonMs;
      let t = epochMs;
      // Each round either returns or jumps past one leave interval, so it ends.
      while (t <= limit) {
        const onLeave = leaveAt(t);
        if (onLeave !== null) {
          t = onLeave.end;
          continue;
        }
        const opening = shift === null ? t : shift.nextOpening(t, limit - t);
        if (opening === null) return null;
        const leaveThen = leaveAt(opening);
        if (leaveThen === null) return opening <= limit ? opening : null;
        t = leaveThen.end;
      }
      return null;
  }
}

/** Leave ranges as sorted, merged instant intervals `[start, end)`. */
function leaveIntervals(leave: readonly LeaveRange[], timeZone: string): Interval[] {
  if (!Array.isArray(leave)) throw new AssignmentError('invalid_input', 'leave must be an array of { from, to }');
  const intervals = leave.map((range, index) => {
    const from = typeof range?.from === 'string' ? leaveBound(range.from) : null;
    const to = typeof range?.to === 'string' ? leaveBound(range.to) : null;
    if (from === null || to === null) {
      throw new AssignmentError('invalid_input', `leave[${index}] needs from and to as dates "YYYY-MM-DD" or instants with an offset`);
    }
    // Dates are whole local days: from its midnight to the midnight after `to`.
    const start = from.kind === 'date' ? wallTimeToEpoch(from.value, 0, timeZone) : from.value;
    const end = to.kind === 'date' ? wallTimeToEpoch(to.value + 1, 0, timeZone) : to.value;
    return { start, end };
  });
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    if (interval.end <= interval.start) continue;
    const previous = merged[merged.length - 1];
    if (previous !== undefined && interval.start <= previous.end) {
      merged[merged.length - 1] = { start: previous.start, end: Math.max(previous.end, interval.end) };
    } else merged.push(interval);
  }
  return merged;
}
