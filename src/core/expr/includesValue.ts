import { toDataValue } from './toDataValue.js';
import { valuesEqual } from './valuesEqual.js';

const hasOwn = Object.hasOwn;
const stringIncludes = String.prototype.includes;

/**
 * Membership as `x in y`, `contains(y, x)` and `y.includes(x)` mean it: an
 * element of an array equal to `item` (see `valuesEqual`), or a substring of a
 * string. Anything else contains nothing.
 *
 * @param container - an array or string (other values give false)
 * @param item - the value looked for
 * @returns whether `container` contains `item`
 * @example
 * ```ts
 * includesValue(['vip', 'new'], 'vip'); // true
 * includesValue('Northwest', 'west'); // true
 * includesValue('Northwest', 1); // false
 * ```
 */
export function includesValue(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return typeof item === 'string' && stringIncludes.call(container, item);
  if (!Array.isArray(container)) return false;
  for (let i = 0; i < container.length; i++) {
    if (valuesEqual(hasOwn(container, i) ? toDataValue(container[i]) : null, item)) return true;
  }
  return false;
}
