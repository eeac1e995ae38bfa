import { AssignmentError } from '../core/errors.js';
import type { SubjectRef } from '../core/types.js';

/**
 * Checks a subject reference handed to a store, so a malformed one is a typed
 * error naming what is wrong rather than a database or lookup failure.
 *
 * @param subject - what the caller passed
 * @returns the same reference
 * @throws AssignmentError `invalid_input`
 * @example
 * ```ts
 * checkSubjectRef({ id: 'c-1', kind: 'customer' }); // returned as is
 * checkSubjectRef({ id: 'c-1', kind: 'lead' } as never); // throws invalid_input
 * ```
 */
export function checkSubjectRef(subject: SubjectRef): SubjectRef {
  if (typeof subject?.id !== 'string' || (subject.kind !== 'customer' && subject.kind !== 'contact')) {
    throw new AssignmentError('invalid_input', 'subject must be { id: string, kind: customer | contact }');
  }
  return subject;
}
