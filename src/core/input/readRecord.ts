import { InputError } from '../errors.js';
import { readOwnData } from '../expr/readOwnData.js';
import { describeValue } from '../ruleset/describeValue.js';
import { type AssignmentRecord, RECORD_STATUSES, RECORD_TYPES } from '../types.js';
import { readActor } from './readActor.js';
import { readId } from './readId.js';
import { readInstant } from './readInstant.js';
import { readOneOf } from './readOneOf.js';
import { readSubjectRef } from './readSubjectRef.js';

const TYPES = RECORD_TYPES;
const STATUSES = RECORD_STATUSES;

/**
 * Reads an assignment record handed back to the core (`transition`,
 * `expirePending`): the shape a store returns, so a wrong argument is named
 * instead of failing deep inside with a `TypeError`.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'record'`, `'records[2]'`)
 * @returns the same record, now known to have that shape
 * @throws InputError (`invalid_input`) naming the path of the first bad member
 * @example
 * ```ts
 * readRecord(await store.record(id), 'record').status; // 'pending_confirmation'
 * readRecord(undefined, 'record'); // throws: record must be an assignment record …, got nothing
 * ```
 */
export function readRecord(value: unknown, path: string): AssignmentRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(path, 'an assignment record (as a store or a core function returned it)', describeValue(value));
  }
  const member = (key: keyof AssignmentRecord): unknown => readOwnData(value, key);
  readId(member('id'), `${path}.id`);
  readOneOf(member('type'), `${path}.type`, TYPES);
  readOneOf(member('status'), `${path}.status`, STATUSES);
  readSubjectRef(member('subject'), `${path}.subject`);
  readId(member('agentId'), `${path}.agentId`);
  readActor(member('requestedBy'), `${path}.requestedBy`);
  for (const key of ['createdAt', 'updatedAt'] as const) readInstant(member(key), `${path}.${key}`);
  if (member('expiresAt') !== null) readInstant(member('expiresAt'), `${path}.expiresAt`);
  if (!Array.isArray(member('history'))) throw new InputError(`${path}.history`, 'an array of transitions', describeValue(member('history')));
  const version = member('version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(`${path}.version`, 'an integer ≥ 1', describeValue(version));
  }
  return value as AssignmentRecord;
}
