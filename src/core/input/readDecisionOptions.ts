import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { readIdList } from './readIdList.js';
import { readOptions } from './readOptions.js';

/** The options a decision takes, read. */
export interface DecisionOptionsRead {
  reassign: boolean;
  excludeAgentIds: string[] | undefined;
}

/**
 * Reads `reassign` (a boolean) and `excludeAgentIds` (ids), the options
 * `createAssigner().assign` and `preview` take; other keys are refused with
 * "did you mean".
 *
 * @param value - the options object, or undefined
 * @param path - where it is, for the error (e.g. `'options'`)
 * @returns the options with `reassign` defaulting to false
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readDecisionOptions({ reassign: true }, 'options'); // { reassign: true, excludeAgentIds: undefined }
 * readDecisionOptions({ reasign: true }, 'options'); // throws: options.reasign: unknown option, did you mean reassign?
 * ```
 */
export function readDecisionOptions(value: unknown, path: string): DecisionOptionsRead {
  const given = readOptions(value, path, ['reassign', 'excludeAgentIds']);
  return readDecisionValues(given, path);
}

/**
 * Reads `reassign` and `excludeAgentIds` out of an already-read options object.
 *
 * @internal
 * @param given - the object's own values
 * @param path - its path
 * @returns the two options
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readDecisionValues({ reassign: true }, 'input'); // { reassign: true, excludeAgentIds: undefined }
 * ```
 */
export function readDecisionValues(given: { reassign?: unknown; excludeAgentIds?: unknown }, path: string): DecisionOptionsRead {
  const { reassign, excludeAgentIds } = given;
  // An empty path: the options are top-level members of the call's input.
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (reassign !== undefined && typeof reassign !== 'boolean') throw new InputError(at('reassign'), 'a boolean', describeValue(reassign));
  return {
    reassign: reassign === true,
    excludeAgentIds: excludeAgentIds === undefined ? undefined : readIdList(excludeAgentIds, at('excludeAgentIds')),
  };
}
