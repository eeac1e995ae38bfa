import { daysFromCivil } from './daysFromCivil.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads a calendar date `"YYYY-MM-DD"` (strict format, a real date of the
 * proleptic Gregorian calendar) as a day number.
 *
 * @param text - the value to read; anything but a string gives null
 * @returns days since 1970-01-01, or null when `text` is not a real date
 * @example
 * ```ts
 * parseIsoDate('2026-10-01'); // 20727
 * parseIsoDate('2026-02-29'); // null (2026 is not a leap year)
 * parseIsoDate('2026-1-01');  // null (strict format)
 * ```
 */
export function parseIsoDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthLength = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > monthLength) return null;
  return daysFromCivil(year, month, day);
}
