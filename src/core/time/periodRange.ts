import { InputError } from '../errors.js';
import { readOneOf } from '../input/readOneOf.js';
import { describeValue } from '../ruleset/describeValue.js';
import { PERIODS, type Period, type WeekStartsOn } from '../ruleset/types.js';
import type { Instant } from '../types.js';
import { isValidTimeZone } from './isValidTimeZone.js';
import { periodBounds } from './periodBounds.js';
import { readInstant } from '../input/readInstant.js';

/**
 * The counting period around an instant in a zone, so that stores count
 * `assigned` / `serving` in exactly the periods the engine uses.
 *
 * The range is half-open `[start, end)`: an instant equal to `start` belongs to
 * the period, one equal to `end` to the next. A period starts at the first
 * instant of a local date (midnight, or the end of the DST gap where midnight
 * does not exist), so days last 23 or 25 hours across DST changes. Weeks start
 * on `weekStartsOn`; quarters start in January, April, July and October.
 *
 * @param period - `day`, `week`, `month`, `quarter` or `year`
 * @param now - the instant (`Date`, ISO string or epoch ms)
 * @param timeZone - an IANA zone name (the rule set's `timeZone`)
 * @param weekStartsOn - first day of a week: 0 = Sunday … 6 = Saturday; default 1 (Monday)
 * @returns the first instant of the period and the first instant of the next one
 * @throws AssignmentError `invalid_input` for an unknown period, zone or week start, or an invalid instant
 * @example
 * ```ts
 * periodRange('month', '2026-10-15T10:00:00+08:00', 'Asia/Shanghai');
 * // { start: 2026-09-30T16:00:00.000Z, end: 2026-10-31T16:00:00.000Z }
 * ```
 */
export function periodRange(period: Period, now: Instant, timeZone: string, weekStartsOn: WeekStartsOn = 1): { start: Date; end: Date } {
  readOneOf(period, 'period', PERIODS);
  const nowMs = readInstant(now, 'now');
  if (!isValidTimeZone(timeZone)) throw new InputError('timeZone', 'a known IANA time zone such as "Asia/Shanghai"', describeValue(timeZone));
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new InputError('weekStartsOn', 'an integer from 0 (Sunday) to 6 (Saturday)', describeValue(weekStartsOn));
  }
  const { start, end } = periodBounds(period, nowMs, timeZone, weekStartsOn);
  return { start: new Date(start), end: new Date(end) };
}
