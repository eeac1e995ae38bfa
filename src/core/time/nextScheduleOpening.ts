import type { Schedule } from '../ruleset/types.js';
import type { Instant } from '../types.js';
import { compiledScheduleOf } from './compiledScheduleOf.js';
import { readInstant } from '../input/readInstant.js';

/** How far ahead an opening is looked for, as for `retryAt`. */
const LOOKAHEAD_MS = 366 * 86_400_000;

/**
 * The earliest instant at or after `after` at which a schedule is open, looking
 * at most 366 days ahead. Exact across DST: a window starting inside the
 * spring-forward gap opens when the wall clock passes its start.
 *
 * @param schedule - the schedule (as in a rule)
 * @param after - the instant to search from (`Date`, ISO string or epoch ms); returned itself when open
 * @param timeZone - the zone of the rule set; `schedule.timeZone` overrides it
 * @returns the opening, or null when it stays closed for 366 days
 * @throws AssignmentError `invalid_input` for an invalid schedule, zone or instant
 * @example
 * ```ts
 * const office = { hours: [{ from: '08:00', to: '18:00' }] }; // Monday–Friday by default
 * nextScheduleOpening(office, '2026-10-09T19:00:00+08:00', 'Asia/Shanghai');
 * // 2026-10-12T00:00:00.000Z (Monday 08:00 in Shanghai)
 * ```
 */
export function nextScheduleOpening(schedule: Schedule, after: Instant, timeZone: string): Date | null {
  const opening = compiledScheduleOf(schedule, timeZone).nextOpening(readInstant(after, 'after'), LOOKAHEAD_MS);
  return opening === null ? null : new Date(opening);
}
