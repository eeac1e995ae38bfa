/**
 * Tells whether a value is a plain object as `JSON.parse` makes it: not null,
 * not an array, and with `Object.prototype` or no prototype at all. Dates,
 * maps and class instances are not rule-set data.
 *
 * @param value - anything
 * @returns true for `{}`-like objects
 * @example
 * ```ts
 * isPlainObject(JSON.parse('{"a": 1}')); // true
 * isPlainObject(new Date()); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
