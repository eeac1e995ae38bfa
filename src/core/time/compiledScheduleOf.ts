import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { CompiledSchedule } from '../ruleset/compiledTypes.js';
import type { Schedule } from '../ruleset/types.js';
import { compileSchedule } from './compileSchedule.js';

/** Compiled forms per schedule object and default zone; schedules are treated as immutable once used. */
const compiled = new WeakMap<object, Map<string, CompiledSchedule>>();

/**
 * The compiled form of a raw schedule, compiled once per object and zone, for
 * the public schedule helpers.
 *
 * @param schedule - the raw schedule
 * @param timeZone - the default zone (`schedule.timeZone` overrides it)
 * @returns the compiled schedule
 * @throws AssignmentError `invalid_input` when the schedule or the zone is invalid
 * @example
 * ```ts
 * const office = { hours: [{ from: '09:00', to: '18:00' }] };
 * compiledScheduleOf(office, 'Asia/Shanghai') === compiledScheduleOf(office, 'Asia/Shanghai'); // true
 * ```
 */
export function compiledScheduleOf(schedule: Schedule, timeZone: string): CompiledSchedule {
  if (typeof schedule !== 'object' || schedule === null || Array.isArray(schedule)) {
    throw new InputError('schedule', 'a schedule object { weekdays?, hours?, dates?, exceptDates?, timeZone? }', describeValue(schedule));
  }
  let byZone = compiled.get(schedule);
  if (byZone === undefined) {
    byZone = new Map();
    compiled.set(schedule, byZone);
  }
  let result = byZone.get(timeZone);
  if (result === undefined) {
    result = compileSchedule(schedule, timeZone);
    byZone.set(timeZone, result);
  }
  return result;
}
