import { closestName } from '../text/closestName.js';

let zones: readonly string[] | undefined;

/**
 * The IANA time zone a misspelt zone name most likely meant, for "did you
 * mean" in validation issues. The candidates are the zones the runtime knows
 * (`Intl.supportedValuesOf`), plus `UTC`.
 *
 * @internal
 * @param name - the zone name that was refused
 * @returns the closest known zone, or `undefined` when none is close enough
 * @example
 * ```ts
 * closestTimeZone('Asia/Shangai'); // 'Asia/Shanghai'
 * closestTimeZone('Mars/Olympus'); // undefined
 * ```
 */
export function closestTimeZone(name: string): string | undefined {
  // Asked only for a refused name, so the list is built on the first mistake, not at start-up.
  zones ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return closestName(name, zones);
}
