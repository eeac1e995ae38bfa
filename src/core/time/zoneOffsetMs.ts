import { zoneClock } from './zoneClock.js';

/**
 * A time zone's offset from UTC at an instant, from a per-zone cache (`Intl` is
 * consulted once per UTC day, never per call).
 *
 * @param timeZone - an IANA zone name
 * @param epochMs - the instant
 * @returns milliseconds to add to UTC to get the local wall time (east positive)
 * @throws AssignmentError `invalid_input` when the zone is unknown
 * @example
 * ```ts
 * zoneOffsetMs('America/New_York', Date.UTC(2026, 6, 1)); // -14_400_000 (EDT)
 * zoneOffsetMs('Asia/Kolkata', Date.UTC(2026, 6, 1));     // 19_800_000 (+05:30)
 * ```
 */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  return zoneClock(timeZone).offsetAt(epochMs);
}
