import { zoneClock } from './zoneClock.js';

const MS_PER_DAY = 86_400_000;

/**
 * The instant at which the wall clock of a zone shows a local date and time.
 *
 * A wall time that does not exist (clocks set forward over it) gives the first
 * instant after the gap, when the clocks already show a later time; a wall time
 * that occurs twice (clocks set back) gives the earlier instant.
 *
 * @param dayNumber - the local date as days since 1970-01-01
 * @param minuteOfDay - minutes since local midnight (may be fractional; 1440 is the next midnight)
 * @param timeZone - an IANA zone name
 * @returns epoch milliseconds
 * @throws AssignmentError `invalid_input` when the zone is unknown
 * @example
 * ```ts
 * // 2026-03-08 02:30 does not exist in New York: 03:00 EDT = 07:00Z
 * wallTimeToEpoch(20520, 150, 'America/New_York'); // Date.UTC(2026, 2, 8, 7)
 * ```
 */
export function wallTimeToEpoch(dayNumber: number, minuteOfDay: number, timeZone: string): number {
  return zoneClock(timeZone).toEpoch(dayNumber * MS_PER_DAY + Math.round(minuteOfDay * 60_000));
}
