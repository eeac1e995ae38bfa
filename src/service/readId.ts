import { invalidInput } from './invalidInput.js';

/**
 * Checks an id argument (record, agent, subject).
 *
 * @internal
 * @param value - the argument
 * @param field - its name, for the error
 * @returns the id
 * @throws AssignmentError `invalid_input` unless it is a non-empty string
 * @example
 * ```ts
 * readId(recordId, 'recordId');
 * ```
 */
export function readId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalidInput(field, 'a non-empty string', value);
  return value;
}
