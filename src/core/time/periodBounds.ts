import type { Period, WeekStartsOn } from '../ruleset/types.js';
import { civilFromDays } from './civilFromDays.js';
import { daysFromCivil } from './daysFromCivil.js';
import { zoneClock } from './zoneClock.js';

const MS_PER_DAY = 86_400_000;

/**
 * The counting period around an instant, as epoch milliseconds: the fast form
 * of `periodRange` for the engine (no `Date` objects, no argument checks).
 *
 * Periods are half-open `[start, end)` and start at the first instant of a
 * local date: midnight, or the end of the gap where midnight does not exist.
 * So a day lasts 23 or 25 hours on DST days, and consecutive periods tile.
 *
 * @param period - `day`, `week`, `month`, `quarter` (Jan/Apr/Jul/Oct) or `year`
 * @param epochMs - the instant
 * @param timeZone - an IANA zone name
 * @param weekStartsOn - first day of a week, 0 = Sunday … 6 = Saturday
 * @returns the period's first instant and the next period's first instant
 * @throws AssignmentError `invalid_input` when the zone is unknown
 * @example
 * ```ts
 * periodBounds('day', Date.parse('2026-03-08T12:00:00-04:00'), 'America/New_York', 1);
 * // { start: Date.parse('2026-03-08T00:00:00-05:00'), end: Date.parse('2026-03-09T00:00:00-04:00') } (23 h)
 * ```
 */
export function periodBounds(period: Period, epochMs: number, timeZone: string, weekStartsOn: WeekStartsOn): { start: number; end: number } {
  const zone = zoneClock(timeZone);
  const localDay = Math.floor((epochMs + zone.offsetAt(epochMs)) / MS_PER_DAY);
  const firstDay = periodFirstDay(period, localDay, weekStartsOn);
  const nextFirstDay = periodFirstDay(period, firstDay, weekStartsOn, 1);
  const start = zone.toEpoch(firstDay * MS_PER_DAY);
  const end = zone.toEpoch(nextFirstDay * MS_PER_DAY);
  if (epochMs < end) return { start, end };
  // Clocks set back across midnight repeat the old date's last minutes after the
  // new date began; by instant, they belong to the period that already started.
  return { start: end, end: zone.toEpoch(periodFirstDay(period, nextFirstDay, weekStartsOn, 1) * MS_PER_DAY) };
}

/** The first local date of the period containing `day`, or of the `ahead`-th following one. */
function periodFirstDay(period: Period, day: number, weekStartsOn: WeekStartsOn, ahead = 0): number {
  switch (period) {
    case 'day':
      return day + ahead;
    case 'week': {
      // 1970-01-01 was a Thursday (4 when Sunday is 0).
      const weekday = (((day + 4) % 7) + 7) % 7;
      return day - ((weekday - weekStartsOn + 7) % 7) + 7 * ahead;
    }
    case 'month': {
      const { year, month } = civilFromDays(day);
      return firstOfMonth(year, month - 1 + ahead);
    }
    case 'quarter': {
      const { year, month } = civilFromDays(day);
      return firstOfMonth(year, Math.floor((month - 1) / 3) * 3 + 3 * ahead);
    }
    case 'year':
      return daysFromCivil(civilFromDays(day).year + ahead, 1, 1);
  }
}

/** Day number of the first of a month given as a zero-based month index that may run past December. */
function firstOfMonth(year: number, monthIndex: number): number {
  return daysFromCivil(year + Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
}
