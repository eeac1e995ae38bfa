import { toDataValue } from './toDataValue.js';

const hasOwn = Object.hasOwn;

/**
 * Reads a property of a data value for an expression: only own properties
 * (never the prototype chain, so `toString` or `__proto__` of a plain object
 * read as `null`), `length` of a string, and `null` for anything else. The
 * value read goes through `toDataValue`, so functions never come out.
 *
 * Own accessor properties (getters) are read like data properties: plain
 * JSON never has them, and only the host's own code can put them there.
 *
 * @param container - the value whose property is read
 * @param key - property name or array index
 * @returns the property as expressions see it; `null` when there is none
 * @example
 * ```ts
 * readDataProperty({ city: 'Oslo' }, 'city'); // 'Oslo'
 * readDataProperty({}, 'toString'); // null
 * readDataProperty('abc', 'length'); // 3
 * ```
 */
export function readDataProperty(container: unknown, key: string | number): unknown {
  if (typeof container === 'string') return key === 'length' ? container.length : null;
  if (typeof container !== 'object' || container === null) return null;
  return hasOwn(container, key) ? toDataValue((container as Record<string | number, unknown>)[key]) : null;
}
