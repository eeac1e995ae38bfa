import { InputError } from '../errors.js';
import { readOwnData } from '../expr/readOwnData.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { Actor } from '../types.js';
import { readId } from './readId.js';
import { readOneOf } from './readOneOf.js';

const ROLES: readonly Actor['role'][] = ['admin', 'agent', 'business', 'system'];

/**
 * Reads an actor coming from the caller (often straight from an HTTP
 * session), so a malformed one is reported as such rather than as a
 * permission problem.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (default `'actor'`)
 * @returns a copy holding only `id` and `role`, so records never keep whatever else the caller's object carries
 * @throws InputError (`invalid_input`) unless it has an id (see `readId`) and a known `role`
 * @example
 * ```ts
 * readActor({ id: 'admin-1', role: 'admin', name: 'Wang' }); // { id: 'admin-1', role: 'admin' }
 * readActor({ id: 'x', role: 'root' }); // throws: actor.role must be one of 'admin', …, got the string "root"
 * ```
 */
export function readActor(value: unknown, path = 'actor'): Actor {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(path, `an object { id, role: ${ROLES.join(' | ')} }`, describeValue(value));
  }
  return { id: readId(readOwnData(value, 'id'), `${path}.id`), role: readOneOf(readOwnData(value, 'role'), `${path}.role`, ROLES) };
}
