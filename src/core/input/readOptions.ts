import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import { closestName } from '../text/closestName.js';

/**
 * Reads an options or filter object: a plain object (or absent, giving `{}`)
 * whose keys are all known, so a typo (`status` for `statuses`) is refused
 * with "did you mean" instead of being ignored. Only own enumerable keys are
 * read (nothing inherited); a getter is read once, and one that throws is
 * refused.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'filter'`)
 * @param known - the accepted keys
 * @returns the object's own data values by key (absent keys are missing)
 * @throws InputError (`invalid_input`) for a non-object, an unknown key or a getter that throws
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
  // Own enumerable string keys: what an options object literal has (cheap on every call of a hot path).
  for (const name of Object.keys(value)) {
    if (!(known as readonly string[]).includes(name)) {
      throw new InputError(`${path}.${name}`, known.join(', '), 'an unknown key', { reason: 'unknown_key', suggestion: closestName(name, known) });
    }
    let member: unknown;
    try {
      member = (value as Record<string, unknown>)[name];
    } catch {
      throw new InputError(`${path}.${name}`, 'a data property', 'a getter that throws');
    }
    result[name as K] = member;
  }
  return result;
}
