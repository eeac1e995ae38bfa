import type { Schedule } from '../ruleset/types.js';
import type { Instant } from '../types.js';
import { compiledScheduleOf } from './compiledScheduleOf.js';
import { readInstant } from '../input/readInstant.js';

/**
 * Whether a schedule is open at an instant: its local date, weekday and wall
 * time fall inside it (see `compileSchedule` for the defaults and the rules for
 * windows spanning midnight). The schedule is compiled once per object.
 *
 * @param schedule - the schedule (as in a rule)
 * @param now - the instant (`Date`, ISO string or epoch ms)
 * @param timeZone - the zone of the rule set; `schedule.timeZone` overrides it
 * @returns true when open
 * @throws AssignmentError `invalid_input` for an invalid schedule, zone or instant
 * @example
 * ```ts
 * const office = { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '09:00', to: '18:00' }] };
 * isScheduleOpen(office, '2026-10-12T09:00:00+08:00', 'Asia/Shanghai'); // true (Monday 09:00)
 * isScheduleOpen(office, '2026-10-12T18:00:00+08:00', 'Asia/Shanghai'); // false (`to` is exclusive)
 * ```
 */
export function isScheduleOpen(schedule: Schedule, now: Instant, timeZone: string): boolean {
  return compiledScheduleOf(schedule, timeZone).isOpen(readInstant(now, 'now'));
}
