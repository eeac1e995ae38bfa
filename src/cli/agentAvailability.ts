import { type AgentSnapshot, isScheduleOpen, nextScheduleOpening } from '../index.js';
import { parseIsoDate } from '../core/time/parseIsoDate.js';
import { wallTimeToEpoch } from '../core/time/wallTimeToEpoch.js';

/** When an agent is on: on shift (`schedule`) and not on leave. */
export interface AgentAvailability {
  /** On shift and not on leave at this instant (epoch ms)? */
  isOn(ms: number): boolean;
  /** The earliest instant in `[ms, untilMs]` at which the agent is on, or null when none. */
  nextOn(ms: number, untilMs: number): number | null;
  /** Whether leave covers every instant of `[ms, untilMs]`. */
  onLeaveThroughout(ms: number, untilMs: number): boolean;
}

/** A leave range as instants: `[startMs, endMs)`. */
interface LeaveInterval {
  startMs: number;
  endMs: number;
}

/** A leave end: a date is the local day in `zone` (a `to` date includes the whole day), an instant is itself (inclusive). */
function leaveEndMs(text: string, zone: string, end: 'from' | 'to'): number {
  const day = parseIsoDate(text);
  if (day !== null) return wallTimeToEpoch(end === 'from' ? day : day + 1, 0, zone);
  const ms = Date.parse(text);
  return end === 'from' ? ms : ms + 1;
}

/**
 * An agent's availability as the CLI reports it: `schedule` with the same
 * semantics as a rule's (zone defaulting to the rule set's), and `leave` as
 * inclusive local dates in that zone or instants. Absent schedule: always on
 * shift. For the reports and warnings of `validate` and `simulate`; the
 * decisions themselves are the engine's.
 *
 * @param agent - the agent (schedule and leave already checked by `loadAgents`)
 * @param ruleSetZone - the rule set's zone, for a schedule without its own
 * @returns the agent's on/off questions
 * @example
 * ```ts
 * const night = agentAvailability({ id: 'a', schedule: { hours: [{ from: '22:00', to: '06:00' }] } }, 'Asia/Shanghai');
 * night.isOn(Date.parse('2026-12-01T23:00:00+08:00')); // true (a Tuesday)
 * ```
 */
export function agentAvailability(agent: AgentSnapshot, ruleSetZone: string): AgentAvailability {
  const { schedule } = agent;
  const zone = schedule?.timeZone ?? ruleSetZone;
  const leave: LeaveInterval[] = (agent.leave ?? []).map((range) => ({
    startMs: leaveEndMs(range.from, zone, 'from'),
    endMs: leaveEndMs(range.to, zone, 'to'),
  }));
  // The end of the leave covering ms (following leave that starts where one ends), or ms when none does.
  const leaveEndAfter = (ms: number): number => {
    let at = ms;
    for (let moved = true; moved; ) {
      moved = false;
      for (const interval of leave) {
        if (interval.startMs <= at && at < interval.endMs) {
          at = interval.endMs;
          moved = true;
        }
      }
    }
    return at;
  };
  const onShift = (ms: number): boolean => schedule === undefined || isScheduleOpen(schedule, ms, ruleSetZone);
  return {
    isOn: (ms) => leaveEndAfter(ms) === ms && onShift(ms),
    nextOn(ms, untilMs) {
      let at = ms;
      while (at <= untilMs) {
        const afterLeave = leaveEndAfter(at);
        if (afterLeave !== at) {
          at = afterLeave;
          continue;
        }
        if (onShift(at)) return at;
        const opening = nextScheduleOpening(schedule!, at, ruleSetZone);
        if (opening === null) return null;
        at = opening.getTime();
      }
      return null;
    },
    onLeaveThroughout: (ms, untilMs) => leaveEndAfter(ms) > untilMs,
  };
}
