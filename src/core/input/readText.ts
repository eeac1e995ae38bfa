import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { textProblem } from './textProblem.js';

/**
 * Reads a string the library stores or compares: well-formed Unicode, no NUL,
 * at most `maxLength` characters, and non-empty unless `allowEmpty`.
 *
 * @internal
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'note'`)
 * @param maxLength - the longest allowed
 * @param allowEmpty - whether `''` is accepted
 * @returns the string
 * @throws InputError (`invalid_input`) naming the path, what was given and what is expected
 * @example
 * ```ts
 * readText('VIP since 2019', 'note', 4000, true); // 'VIP since 2019'
 * ```
 */
export function readText(value: unknown, path: string, maxLength: number, allowEmpty: boolean): string {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) throw new InputError(path, expectedText(maxLength, allowEmpty), describeValue(value));
  const problem = textProblem(value, maxLength);
  if (problem !== null) throw new InputError(path, expectedText(maxLength, allowEmpty), problem);
  return value;
}

// Built only when refusing: ids are read on every decision, and the sentence costs an allocation.
function expectedText(maxLength: number, allowEmpty: boolean): string {
  return `a${allowEmpty ? '' : ' non-empty'} string of at most ${maxLength} characters without NUL or lone surrogates`;
}
