import { AssignmentError } from '../errors.js';
import type { CompiledSchedule } from '../ruleset/compiledTypes.js';
import type { Schedule } from '../ruleset/types.js';
import { compiledScheduleOf } from '../time/compiledScheduleOf.js';
import { wallTimeToEpoch } from '../time/wallTimeToEpoch.js';
import type { LeaveRange } from '../types.js';
import { type AgentAvailability, AVAILABLE, OFF_SHIFT, ON_LEAVE } from './agentAvailability.js';
import { leaveBound } from './leaveBound.js';

interface Interval {
  readonly start: number;
  readonly end: number;
}

// Agents with equal shifts and leave share one compiled availability (shift templates: many agents, few shifts),
// so its memo answers for all of them at one instant. Bounded: cleared when it grows past this many entries.
const shared = new Map<string, AgentAvailability | null>();
const SHARED_LIMIT = 50_000;

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
