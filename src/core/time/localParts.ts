import { civilFromDays } from './civilFromDays.js';
import type { IsoWeekday } from '../ruleset/types.js';
import { zoneClock } from './zoneClock.js';

const MS_PER_DAY = 86_400_000;

/** The local calendar reading of an instant in a zone. */
export interface LocalParts {
  /** Days since 1970-01-01 of the local date. */
  dayNumber: number;
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** ISO: 1 = Monday … 7 = Sunday. */
  weekday: IsoWeekday;
  /** Whole minutes since local midnight, 0..1439. */
  minuteOfDay: number;
  /** Milliseconds since local midnight, 0..86_399_999 (for exact boundaries). */
  msOfDay: number;
}

/**
 * Reads the local date, weekday and time of an instant in a zone, with integer
 * arithmetic on the cached offset (no `Date` or `Intl` per call).
 *
 * @param epochMs - the instant
 * @param timeZone - an IANA zone name
 * @returns the local date parts
 * @throws AssignmentError `invalid_input` when the zone is unknown
 * @example
 * ```ts
 * localParts(Date.UTC(2026, 9, 1, 1, 30), 'Asia/Shanghai');
 * // { dayNumber: 20727, year: 2026, month: 10, day: 1, weekday: 4, minuteOfDay: 570, msOfDay: 34_200_000 }
 * ```
 */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const local = epochMs + zoneClock(timeZone).offsetAt(epochMs);
  const dayNumber = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - dayNumber * MS_PER_DAY;
  const { year, month, day } = civilFromDays(dayNumber);
  return {
    dayNumber,
    year,
    month,
    day,
    weekday: isoWeekdayOf(dayNumber),
    minuteOfDay: Math.floor(msOfDay / 60_000),
    msOfDay,
  };
}

/** 1970-01-01 was a Thursday (ISO 4). */
function isoWeekdayOf(dayNumber: number): IsoWeekday {
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}
