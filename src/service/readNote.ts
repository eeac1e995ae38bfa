import { invalidInput } from './invalidInput.js';

/**
 * Checks an optional note kept in a record's history.
 *
 * @internal
 * @param value - the argument
 * @param field - its name, for the error
 * @returns the note, or undefined when absent
 * @throws AssignmentError `invalid_input` when present and not a string
 * @example
 * ```ts
 * readNote('VIP since 2019', 'note'); // 'VIP since 2019'
 * ```
 */
export function readNote(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(field, 'a string when given', value);
  return value;
}
