/** Known answers; bounded so that junk input cannot grow it without limit. */
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 1024;

/**
 * Whether a string names an IANA time zone the runtime knows (via `Intl`),
 * e.g. `"Asia/Shanghai"`, `"America/New_York"` or `"UTC"`.
 *
 * Matching follows `Intl`, so it is case-insensitive and accepts legacy links
 * (`"Asia/Calcutta"`). Fixed-offset strings such as `"+08:00"` are rejected on
 * every Node version (newer runtimes accept them in `Intl`): rule sets name
 * zones, so that DST is followed.
 *
 * @param timeZone - the candidate zone name; anything but a non-empty string gives false
 * @returns true when the zone can be used for schedules and periods
 * @example
 * ```ts
 * isValidTimeZone('Asia/Shanghai'); // true
 * isValidTimeZone('UTC');           // true
 * isValidTimeZone('Mars/Olympus');  // false
 * isValidTimeZone('');              // false
 * ```
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '' || timeZone.length > 64) return false;
  const known = answers.get(timeZone);
  if (known !== undefined) return known;
  let valid = !/^[+\-\d]/.test(timeZone);
  if (valid) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      valid = false;
    }
  }
  if (answers.size >= MAX_ANSWERS) answers.clear();
  answers.set(timeZone, valid);
  return valid;
}
