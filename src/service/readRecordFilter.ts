import type { SubjectKind } from '../core/ruleset/types.js';
import { InputError } from '../core/errors.js';
import { readId } from '../core/input/readId.js';
import { readInstant } from '../core/input/readInstant.js';
import { readOneOf } from '../core/input/readOneOf.js';
import { readOptions } from '../core/input/readOptions.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import type { RecordStatus, RecordType } from '../core/types.js';
import type { RecordQuery } from '../ports.js';
import type { RecordFilter } from './types.js';

const RECORD_TYPES: readonly RecordType[] = ['auto', 'manual', 'application'];
const RECORD_STATUSES: readonly RecordStatus[] = [
  'pending_approval',
  'pending_confirmation',
  'effective',
  'rejected',
  'declined',
  'cancelled',
  'expired',
  'ended',
];
const SUBJECT_KINDS: readonly SubjectKind[] = ['customer', 'contact'];
const FILTER_KEYS: readonly (keyof RecordFilter)[] = ['from', 'to', 'types', 'statuses', 'subjectId', 'subjectKind', 'agentId', 'limit', 'cursor'];
const DEFAULT_LIMIT = 50;

/**
 * Checks the record screen's filters and turns them into the store's query:
 * instants (`Date`, ISO string or epoch ms) become `Date`s, the page size
 * defaults to 50, and anything malformed is refused naming the filter.
 *
 * @internal
 * @param filter - the filters as the caller sent them (often from a query string)
 * @returns the store query
 * @throws AssignmentError `invalid_input` for a bad date, `from` after `to`, a limit outside 1–500,
 *   an unknown type or status, or a non-string id or cursor
 * @example
 * ```ts
 * readRecordFilter({ from: '2026-10-01T00:00:00+08:00', statuses: ['effective'], limit: 20 });
 * // { from: Date, statuses: ['effective'], limit: 20 }
 * ```
 */
export function readRecordFilter(filter: RecordFilter | undefined): RecordQuery {
  const given = readOptions(filter, 'filter', FILTER_KEYS);
  const { limit = DEFAULT_LIMIT } = given;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError('filter.limit', 'an integer from 1 to 500', describeValue(limit));
  }
  const query: RecordQuery = { limit };
  if (given.from !== undefined) query.from = new Date(readInstant(given.from, 'filter.from'));
  if (given.to !== undefined) query.to = new Date(readInstant(given.to, 'filter.to'));
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new InputError('filter.to', 'at or after filter.from', describeValue(given.to));
  }
  if (given.types !== undefined) query.types = readList(given.types, 'filter.types', RECORD_TYPES);
  if (given.statuses !== undefined) query.statuses = readList(given.statuses, 'filter.statuses', RECORD_STATUSES);
  if (given.subjectId !== undefined) query.subjectId = readId(given.subjectId, 'filter.subjectId');
  if (given.subjectKind !== undefined) query.subjectKind = readOneOf(given.subjectKind, 'filter.subjectKind', SUBJECT_KINDS);
  if (given.agentId !== undefined) query.agentId = readId(given.agentId, 'filter.agentId');
  if (given.cursor !== undefined && given.cursor !== null) query.cursor = readId(given.cursor, 'filter.cursor');
  return query;
}

function readList<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  if (!Array.isArray(value)) throw new InputError(field, `an array of ${allowed.join(' | ')}`, describeValue(value));
  return value.map((item, index) => readOneOf(item, `${field}[${index}]`, allowed));
}
