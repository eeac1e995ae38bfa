/**
 * Reads an own property without consulting the prototype chain: rule sets are
 * JSON, so an array hole or a missing key reads as absent even when
 * `Object.prototype` or `Array.prototype` has been polluted.
 *
 * @param container - an object or array
 * @param key - a property name or array index
 * @returns the own property's value, or undefined when there is none
 * @example
 * ```ts
 * readOwnValue({ a: 1 }, 'a'); // 1
 * readOwnValue({}, 'toString'); // undefined (inherited)
 * ```
 */
export function readOwnValue(container: object, key: string | number): unknown {
  return Object.hasOwn(container, key) ? (container as Record<string | number, unknown>)[key] : undefined;
}
