import { InputError } from '../errors.js';
import { readOwnData } from '../expr/readOwnData.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import type { SubjectInput } from '../types.js';
import { INPUT_LIMITS, type InputLimits } from './inputLimits.js';
import { readFields } from './readFields.js';
import { readId } from './readId.js';
import { readSubjectRef } from './readSubjectRef.js';

/**
 * Reads a subject as the decision functions take it (`assignCustomer`,
 * `createAssigner().assign/preview`): id and kind as `readSubjectRef`,
 * `fields` as `readFields` (absent: none), `agentId` and `previousAgentId`
 * ids or null, `pending` a boolean.
 *
 * A decision reads `fields` only through own data properties (conditions
 * never call a getter, reach a prototype or serialise anything), so the
 * decision functions ask for `fields: 'object'`: a plain object, taken as it
 * is, without the walk over every value that `'data'` (the default: JSON data
 * within the limits, as the service and the stores store it) makes. A
 * decision is then not slowed by the size of the customer's record.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'subject'`)
 * @param limits - the limits in force (default `INPUT_LIMITS`)
 * @param fieldsAs - `'data'` (default): JSON data within the limits; `'object'`: any plain object, as it is
 * @returns a normalised copy: `kind` filled in, `fields` read as asked
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readSubject({ id: 'c-1', fields: { level: 4 } }, 'subject');
 * // { id: 'c-1', kind: 'customer', fields: { level: 4 }, agentId: null, previousAgentId: null, pending: false }
 * readSubject({ id: 'x', fields: 'level=4' }, 'subject'); // throws: subject.fields must be a plain object …
 * ```
 */
export function readSubject(
  value: unknown,
  path: string,
  limits: InputLimits = INPUT_LIMITS,
  fieldsAs: 'data' | 'object' = 'data',
): Required<SubjectInput> {
  const { id, kind } = readSubjectRef(value, path);
  const subject = value as object;
  const fields = readOwnData(subject, 'fields');
  const pending = readOptional(subject, 'pending');
  if (pending !== undefined && typeof pending !== 'boolean') throw new InputError(`${path}.pending`, 'a boolean', describeValue(pending));
  return {
    id,
    kind,
    fields: fields === undefined ? {} : fieldsAs === 'data' ? readFields(fields, `${path}.fields`, limits) : plainFields(fields, path),
    agentId: optionalId(readOptional(subject, 'agentId'), path, 'agentId'),
    previousAgentId: optionalId(readOptional(subject, 'previousAgentId'), path, 'previousAgentId'),
    pending: pending === true,
  };
}

function optionalId(value: unknown, subjectPath: string, key: string): string | null {
  return value === undefined || value === null ? null : readId(value, `${subjectPath}.${key}`);
}

/** `readOwnData` for a member most subjects leave out: asking whether it is there costs less than its descriptor. */
function readOptional(subject: object, key: string): unknown {
  return Object.hasOwn(subject, key) ? readOwnData(subject, key) : undefined;
}

// The path of `fields` is built only to refuse it: this runs on every decision.
function plainFields(value: unknown, subjectPath: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InputError(`${subjectPath}.fields`, 'a plain object of field values', describeValue(value));
  return value;
}
