import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import { closestName } from '../text/closestName.js';

/**
 * Reads an options or filter object: a plain object (or absent, giving `{}`)
 * whose keys are all known, so a typo (`status` for `statuses`) is refused
 * with "did you mean" instead of being ignored. Values are read own-only: a
 * key inherited from a prototype or held by a getter is never seen.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'filter'`)
 * @param known - the accepted keys
 * @returns the object's own data values by key (absent keys are missing)
 * @throws InputError (`invalid_input`) for a non-object, an unknown key or an accessor property
 * @example
 * ```ts
 * readOptions({ statuses: ['effective'] }, 'filter', ['statuses', 'limit']); // { statuses: ['effective'] }
 * readOptions({ status: ['declined'] }, 'filter', ['statuses', 'limit']);
 * // throws: filter.status: unknown option, did you mean statuses?
 * ```
 */
export function readOptions<K extends string>(value: unknown, path: string, known: readonly K[]): Partial<Record<K, unknown>> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new InputError(path, 'an object', describeValue(value));
  const result: Partial<Record<K, unknown>> = {};
  for (const key of Reflect.ownKeys(value)) {
    const name = typeof key === 'symbol' ? String(key) : key;
    if (!(known as readonly string[]).includes(name)) {
      throw new InputError(`${path}.${name}`, known.join(', '), 'an unknown key', { reason: 'unknown_key', suggestion: closestName(name, known) });
    }
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor)) throw new InputError(`${path}.${name}`, 'a data property', 'an accessor property (getter)');
    result[name as K] = descriptor.value;
  }
  return result;
}
