import { INPUT_LIMITS } from './inputLimits.js';
import { readText } from './readText.js';

/**
 * Reads an optional note kept in a record's history: absent, or a string of at
 * most 4,000 characters, well-formed Unicode, no NUL.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error
 * @returns the note, or undefined when absent
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readNote('VIP since 2019', 'note'); // 'VIP since 2019'
 * readNote(undefined, 'note'); // undefined
 * ```
 */
export function readNote(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : readText(value, path, INPUT_LIMITS.noteLength, true);
}
