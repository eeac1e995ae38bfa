import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { isPlainObject } from '../ruleset/isPlainObject.js';
import type { SubjectInput } from '../types.js';
import { INPUT_LIMITS, type InputLimits } from './inputLimits.js';
import { readFields } from './readFields.js';
import { readId } from './readId.js';
import { readSubjectRef } from './readSubjectRef.js';

const hasOwn = Object.hasOwn;

/**
 * Reads a subject as the decision functions take it (`assignCustomer`,
 * `createAssigner().assign/preview`): id and kind as `readSubjectRef`,
 * `fields` as `readFields` (absent: none), `agentId` and `previousAgentId`
 * ids or null, `pending` a boolean. Each member is read once, and only when
 * it is the subject's own (an own getter runs once; one that throws is
 * refused naming the member).
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
  // Own members only, each read once by name (as `readSubjectRef` reads id and kind).
  const subject = value as { readonly fields?: unknown; readonly pending?: unknown; readonly agentId?: unknown; readonly previousAgentId?: unknown };
  let fields: unknown;
  let pending: unknown;
  let agentId: unknown;
  let previousAgentId: unknown;
  let member = 'fields';
  try {
    fields = hasOwn(subject, 'fields') ? subject.fields : undefined;
    member = 'pending';
    pending = hasOwn(subject, 'pending') ? subject.pending : undefined;
    member = 'agentId';
    agentId = hasOwn(subject, 'agentId') ? subject.agentId : undefined;
    member = 'previousAgentId';
    previousAgentId = hasOwn(subject, 'previousAgentId') ? subject.previousAgentId : undefined;
  } catch {
    throw new InputError(`${path}.${member}`, 'a data property', 'a getter that throws');
  }
  if (pending !== undefined && typeof pending !== 'boolean') throw new InputError(`${path}.pending`, 'a boolean', describeValue(pending));
  return {
    id,
    kind,
    fields: fields === undefined ? {} : fieldsAs === 'data' ? readFields(fields, `${path}.fields`, limits) : plainFields(fields, path),
    agentId: optionalId(agentId, path, 'agentId'),
    previousAgentId: optionalId(previousAgentId, path, 'previousAgentId'),
    pending: pending === true,
  };
}

function optionalId(value: unknown, subjectPath: string, key: string): string | null {
  return value === undefined || value === null ? null : readId(value, `${subjectPath}.${key}`);
}

// The path of `fields` is built only to refuse it: this runs on every decision.
function plainFields(value: unknown, subjectPath: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InputError(`${subjectPath}.fields`, 'a plain object of field values', describeValue(value));
  return value;
}
