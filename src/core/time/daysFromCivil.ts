/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by integer arithmetic
 * (Howard Hinnant's `days_from_civil`), so the hot path never builds a `Date`.
 *
 * @param year - full year (e.g. 2026)
 * @param month - 1..12
 * @param day - 1..31 (not checked against the month)
 * @returns the day number (negative before 1970)
 * @example
 * ```ts
 * daysFromCivil(1970, 1, 1);  // 0
 * daysFromCivil(2026, 10, 1); // 20727
 * ```
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
