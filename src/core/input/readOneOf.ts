import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';

/**
 * Reads one of a fixed set of strings (a kind, a presence, a role, a status).
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error
 * @param allowed - the accepted values
 * @returns the value
 * @throws InputError (`invalid_input`) listing the accepted values
 * @example
 * ```ts
 * readOneOf('online', 'agents[0].presence', ['online', 'busy', 'away', 'offline']); // 'online'
 * readOneOf('ONLINE', 'agents[0].presence', ['online', 'busy', 'away', 'offline']); // throws
 * ```
 */
export function readOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InputError(path, `one of ${allowed.map((item) => `'${item}'`).join(', ')}`, describeValue(value));
  }
  return value as T;
}
