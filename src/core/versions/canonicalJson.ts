/**
 * JSON text of a value with every object's keys in code-unit order and no
 * spaces, so two values equal as JSON data give the same text whatever order
 * their properties were written in. `undefined` properties are left out, as
 * `JSON.stringify` does.
 *
 * @param value - JSON data (plain objects, arrays, strings, finite numbers, booleans, null)
 * @returns the canonical JSON text
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
