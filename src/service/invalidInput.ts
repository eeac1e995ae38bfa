import { AssignmentError } from '../core/errors.js';

/**
 * The error for a malformed argument at the service boundary, naming the field
 * so the caller can fix the request.
 *
 * @internal
 * @param field - the argument's path, e.g. `'filter.limit'`
 * @param expected - what it must be
 * @param value - what it was
 * @returns an `AssignmentError` with code `invalid_input`
 * @example
 * ```ts
 * throw invalidInput('filter.limit', 'an integer from 1 to 500', 0);
 * // AssignmentError: filter.limit must be an integer from 1 to 500, got 0
 * ```
 */
export function invalidInput(field: string, expected: string, value: unknown): AssignmentError {
  return new AssignmentError('invalid_input', `${field} must be ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}
