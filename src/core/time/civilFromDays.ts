/** A calendar date in the proleptic Gregorian calendar. */
export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/**
 * The calendar date of a day number (days since 1970-01-01), by integer
 * arithmetic (Howard Hinnant's `civil_from_days`), so the hot path never builds
 * a `Date`.
 *
 * @param dayNumber - days since 1970-01-01 (may be negative)
 * @returns year, month (1..12) and day (1..31)
 * @example
 * ```ts
 * civilFromDays(20727); // { year: 2026, month: 10, day: 1 }
 * ```
 */
export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}
