const MS_PER_DAY = 86_400_000;
// Date, optional time, optional zone; a time without a zone is read as UTC so
// the result never depends on the machine's zone.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whole days from `date` until `now` (rounded down), as the expression
 * function `daysSince(date)` computes it. `date` is epoch milliseconds or an
 * ISO-8601 string (`"2026-03-01"`, `"2026-03-01T09:30:00+08:00"`; no zone
 * means UTC); a `Date` in the data arrives here already as its ISO string.
 * A date in the future gives a negative number.
 *
 * @param date - epoch milliseconds or an ISO-8601 date or date-time
 * @param now - the evaluation instant, epoch milliseconds
 * @returns whole days, or null when `date` is not a valid instant
 * @example
 * ```ts
 * daysSince('2026-03-01', Date.UTC(2026, 2, 3, 12)); // 2
 * daysSince('not a date', 0); // null
 * ```
 */
export function daysSince(date: unknown, now: number): number | null {
  const ms = typeof date === 'number' ? date : typeof date === 'string' ? parseIsoInstant(date) : null;
  if (ms === null) return null;
  const days = Math.floor((now - ms) / MS_PER_DAY);
  return Number.isFinite(days) ? days : null;
}

function parseIsoInstant(text: string): number | null {
  const match = ISO_INSTANT.exec(text);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = match[4] === undefined ? 0 : Number(match[4]);
  const minute = match[5] === undefined ? 0 : Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const ms = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 59) return null;
  if (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0)) return null;
  if (day > daysInMonth(year, month)) return null;
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const utc = new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return utc - zoneOffsetMs(match[8]);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
