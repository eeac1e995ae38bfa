import { INPUT_LIMITS } from './inputLimits.js';
import { readText } from './readText.js';

/**
 * Reads an id: a subject, agent, record or actor id, an idempotency key or a
 * cursor. Non-empty, at most 256 characters, well-formed Unicode, no NUL — so
 * every store can index it and no two different ids ever compare equal.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'agents[3].id'`)
 * @returns the id
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readId('li-lei', 'agentId'); // 'li-lei'
 * readId('', 'agentId'); // throws: agentId must be a non-empty string …, got the string ""
 * ```
 */
export function readId(value: unknown, path: string): string {
  return readText(value, path, INPUT_LIMITS.idLength, false);
}
