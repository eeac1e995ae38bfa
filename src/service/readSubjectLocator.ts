import type { SubjectRef } from '../core/types.js';
import { invalidInput } from './invalidInput.js';

/**
 * Checks an argument naming a subject: a non-empty string `id` and an optional
 * `kind` (`'customer'` by default, or `'contact'`).
 *
 * @internal
 * @param value - the argument
 * @param field - its name, for the error (e.g. `'subject'`)
 * @returns the subject's id and kind
 * @throws AssignmentError `invalid_input` naming the field
 * @example
 * ```ts
 * readSubjectLocator({ id: 'c-1' }, 'subject'); // { id: 'c-1', kind: 'customer' }
 * ```
 */
export function readSubjectLocator(value: unknown, field: string): SubjectRef {
  if (typeof value !== 'object' || value === null) throw invalidInput(field, 'an object { id, kind? }', value);
  const { id, kind = 'customer' } = value as { id?: unknown; kind?: unknown };
  if (typeof id !== 'string' || id === '') throw invalidInput(`${field}.id`, 'a non-empty string', id);
  if (kind !== 'customer' && kind !== 'contact') throw invalidInput(`${field}.kind`, "'customer' or 'contact'", kind);
  return { id, kind };
}
