import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { SubjectRef } from '../types.js';
import { readSubjectRef } from './readSubjectRef.js';

/**
 * Reads a list of subject references (`[{ id, kind }]`), each as
 * `readSubjectRef` reads one.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (`'subjects'`)
 * @returns the references, kinds defaulted
 * @throws InputError (`invalid_input`) naming the list or the item
 * @example
 * ```ts
 * readSubjectRefList([{ id: 'c-1' }], 'subjects'); // [{ id: 'c-1', kind: 'customer' }]
 * readSubjectRefList('c-1', 'subjects'); // throws: subjects: expected an array of subjects { id, kind }
 * ```
 */
export function readSubjectRefList(value: unknown, path: string): SubjectRef[] {
  if (!Array.isArray(value)) throw new InputError(path, 'an array of subjects { id, kind }', describeValue(value));
  return value.map((subject, index) => readSubjectRef(subject, `${path}[${index}]`));
}
