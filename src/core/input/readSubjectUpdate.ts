import { readOwnData } from '../expr/readOwnData.js';
import type { SubjectKind } from '../ruleset/types.js';
import type { InputLimits } from './inputLimits.js';
import { readFields } from './readFields.js';
import { readSubjectRef } from './readSubjectRef.js';

/** A subject to store, as read: `fields` present only when given. */
export interface SubjectUpdateRead {
  id: string;
  kind: SubjectKind;
  fields?: Record<string, unknown>;
}

/**
 * Reads a subject as the CRM sends it to be stored (`svc.autoAssign(subject)`,
 * `store.upsertSubjects([subject])`): id and kind as `readSubjectRef`, and
 * `fields` — when given — as `readFields` (absent: the stored fields are kept).
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'subjects[2]'`)
 * @param limits - the limits in force
 * @returns the id, kind and copied fields
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readSubjectUpdate({ id: 'c-1', fields: { region: '北京' } }, 'subject', INPUT_LIMITS);
 * // { id: 'c-1', kind: 'customer', fields: { region: '北京' } }
 * ```
 */
export function readSubjectUpdate(value: unknown, path: string, limits: InputLimits): SubjectUpdateRead {
  const ref = readSubjectRef(value, path);
  const fields = readOwnData(value as object, 'fields');
  return fields === undefined ? ref : { ...ref, fields: readFields(fields, `${path}.fields`, limits) };
}
