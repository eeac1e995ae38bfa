import { InputError } from '../errors.js';
import { readOwnData } from '../expr/readOwnData.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { SubjectKind } from '../ruleset/types.js';
import type { SubjectRef } from '../types.js';
import { readId } from './readId.js';
import { readOneOf } from './readOneOf.js';

const KINDS: readonly SubjectKind[] = ['customer', 'contact'];

/**
 * Reads what names a subject: an object with an `id` (see `readId`) and an
 * optional `kind` (`'customer'` by default, or `'contact'`). Other keys are
 * ignored, so a stored subject can be passed as it is.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'subject'`)
 * @returns the subject's id and kind
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readSubjectRef({ id: 'c-1' }, 'subject'); // { id: 'c-1', kind: 'customer' }
 * readSubjectRef('c-1', 'subject'); // throws: subject must be an object { id, kind? }, got the string "c-1"
 * ```
 */
export function readSubjectRef(value: unknown, path: string): SubjectRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(path, "an object { id, kind?: 'customer' | 'contact' }", describeValue(value));
  }
  const kind = readOwnData(value, 'kind');
  return {
    id: readId(readOwnData(value, 'id'), `${path}.id`),
    kind: kind === undefined ? 'customer' : readOneOf(kind, `${path}.kind`, KINDS),
  };
}
