import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import { INPUT_LIMITS, type InputLimits } from './inputLimits.js';
import { readJsonData } from './readJsonData.js';

/**
 * Reads a subject's `fields` (or an agent's `attributes`): a plain object of
 * JSON data within the depth and size limits (see `readJsonData`).
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'subject.fields'`)
 * @param limits - the limits in force (default `INPUT_LIMITS`)
 * @returns the fields (a copy only where a value had to change, see `readJsonData`)
 * @throws InputError (`invalid_input`) naming the path of the first bad value
 * @example
 * ```ts
 * readFields({ region: '北京', level: 3 }, 'subject.fields'); // { region: '北京', level: 3 }
 * readFields('level=4', 'subject.fields'); // throws: subject.fields must be a plain object …
 * ```
 */
export function readFields(
  value: unknown,
  path: string,
  limits: Pick<InputLimits, 'fieldsDepth' | 'fieldsSize'> = INPUT_LIMITS,
): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InputError(path, 'a plain object of JSON data', describeValue(value));
  return readJsonData(value, path, { depth: limits.fieldsDepth, size: limits.fieldsSize }) as Record<string, unknown>;
}
