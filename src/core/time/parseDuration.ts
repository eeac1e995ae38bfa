const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const DURATION = new RegExp(`^P(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);

/** Milliseconds per unit, in the order the units appear: W, D, H, M, S. */
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/**
 * Reads an ISO-8601 duration made of weeks, days, hours, minutes and seconds
 * (`"PT24H"`, `"P3D"`, `"P1DT12H"`, `"PT1.5H"`, `"P2W"`) as milliseconds.
 *
 * A day counts as exactly 24 hours and a week as 7 days: a pending timeout is
 * elapsed time, not calendar time. Years and months are rejected because their
 * length depends on the calendar. Only the smallest unit present may have a
 * fraction (`.` or `,` as the decimal sign); the result is rounded to whole
 * milliseconds. Designators are upper case.
 *
 * @param text - the value to read; anything but a string gives null
 * @returns a positive whole number of milliseconds, or null for an invalid,
 *   empty (`"P"`, `"PT"`), zero, negative or calendar-dependent duration
 * @example
 * ```ts
 * parseDuration('PT24H');   // 86_400_000
 * parseDuration('P1DT12H'); // 129_600_000
 * parseDuration('PT1.5H');  // 5_400_000
 * parseDuration('P1M');     // null (months depend on the calendar)
 * ```
 */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const match = DURATION.exec(text);
  if (match === null) return null;
  // "P1DT" has a time designator with no time component.
  if (text.endsWith('T')) return null;
  let total = 0;
  let present = 0;
  let fractionSeen = false;
  for (let unit = 0; unit < UNIT_MS.length; unit++) {
    const value = match[unit + 1];
    if (value === undefined) continue;
    // A fraction is only allowed on the last (smallest) unit written.
    if (fractionSeen) return null;
    fractionSeen = /[.,]/.test(value);
    total += Number(value.replace(',', '.')) * UNIT_MS[unit]!;
    present++;
  }
  if (present === 0) return null;
  const ms = Math.round(total);
  if (ms <= 0 || !Number.isSafeInteger(ms)) return null;
  return ms;
}
