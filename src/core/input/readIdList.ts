import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { readId } from './readId.js';

/**
 * Reads a list of ids (e.g. `excludeAgentIds`): an array whose every item is
 * an id as `readId` reads it.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error
 * @returns a copy of the list
 * @throws InputError (`invalid_input`) naming the path of the first bad item
 * @example
 * ```ts
 * readIdList(['li-lei'], 'excludeAgentIds'); // ['li-lei']
 * readIdList('li-lei', 'excludeAgentIds'); // throws: excludeAgentIds must be an array of ids, got the string "li-lei"
 * ```
 */
export function readIdList(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw new InputError(path, 'an array of ids', describeValue(value));
  const ids: string[] = [];
  for (let index = 0; index < value.length; index++) ids.push(readId(value[index], `${path}[${index}]`));
  return ids;
}
