import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import type { AgentSnapshot } from '../types.js';
import { readAgentProfile } from './readAgentProfile.js';

/**
 * Reads a change to an agent's profile (`tx.updateAgent(id, patch)`): the
 * profile keys `readAgentProfile` accepts, each checked the same way; an `id`
 * in the patch is ignored (the agent keeps its id).
 *
 * @param value - what the caller gave
 * @param id - the agent's id, already read
 * @param path - where it is, for the error (e.g. `'patch'`)
 * @returns the checked changes, without `id`
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readAgentPatch({ enabled: false }, 'li-lei', 'patch'); // { enabled: false }
 * readAgentPatch({ capacity: 'lots' }, 'li-lei', 'patch'); // throws: patch.capacity must be a non-negative integer or null …
 * ```
 */
export function readAgentPatch(value: unknown, id: string, path: string): Partial<Omit<AgentSnapshot, 'id'>> & { name?: string } {
  if (!isPlainObject(value)) throw new InputError(path, 'an object of agent fields', describeValue(value));
  const { id: _id, ...changes } = readAgentProfile({ ...value, id }, path, false);
  return changes;
}
