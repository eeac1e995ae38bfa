/**
 * Whether two plain data values are the same: primitives by `Object.is`
 * (so `NaN` equals `NaN`), dates by instant, arrays item by item, other
 * objects by their own enumerable keys (in any order; a key holding
 * `undefined` counts as absent). Used to check that what a transaction read
 * is what a decision made ahead of it assumed.
 *
 * @internal
 * @param a - a value made of primitives, dates, arrays and plain objects
 * @param b - another
 * @returns true when they are the same data
 * @example
 * ```ts
 * sameData({ at: new Date(0), n: [1] }, { n: [1], at: new Date(0) }); // true
 * ```
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameData(a[index], b[index])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = (value: Record<string, unknown>) => Object.keys(value).filter((key) => value[key] !== undefined);
  const leftKeys = keys(left);
  if (leftKeys.length !== keys(right).length) return false;
  for (const key of leftKeys) if (!Object.hasOwn(right, key) || !sameData(left[key], right[key])) return false;
  return true;
}
