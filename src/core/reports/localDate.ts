import { civilFromDays } from '../time/civilFromDays.js';
import { localParts } from '../time/localParts.js';

/**
 * The local date of an instant in a zone, or of a day number (days since
 * 1970-01-01), as `YYYY-MM-DD`: the key of a day in the statistics.
 *
 * @param day - epoch milliseconds with `timeZone`, or a local day number without it
 * @param timeZone - an IANA zone, when `day` is an instant
 * @returns the date, e.g. `'2026-11-02'`
 * @example
 * ```ts
 * localDate(Date.parse('2026-11-01T16:30:00Z'), 'Asia/Shanghai'); // '2026-11-02'
 * localDate(20759); // '2026-11-02'
 * ```
 */
export function localDate(day: number, timeZone?: string): string {
  const { year, month, day: dayOfMonth } = timeZone === undefined ? civilFromDays(day) : localParts(day, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}
