import type { SubjectKind } from '../core/ruleset/types.js';
import { readInstant } from '../core/input/readInstant.js';
import type { RecordStatus, RecordType } from '../core/types.js';
import type { RecordQuery } from '../ports.js';
import { invalidInput } from './invalidInput.js';
import { readId } from './readId.js';
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
  if (filter === undefined) return { limit: DEFAULT_LIMIT };
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalidInput('filter', 'an object', filter);
  const { limit = DEFAULT_LIMIT } = filter;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalidInput('filter.limit', 'an integer from 1 to 500', limit);
  const query: RecordQuery = { limit };
  if (filter.from !== undefined) query.from = new Date(readInstant(filter.from, 'filter.from'));
  if (filter.to !== undefined) query.to = new Date(readInstant(filter.to, 'filter.to'));
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw invalidInput('filter.to', 'at or after filter.from', filter.to);
  }
  if (filter.types !== undefined) query.types = readList(filter.types, 'filter.types', RECORD_TYPES);
  if (filter.statuses !== undefined) query.statuses = readList(filter.statuses, 'filter.statuses', RECORD_STATUSES);
  if (filter.subjectId !== undefined) query.subjectId = readId(filter.subjectId, 'filter.subjectId');
  if (filter.subjectKind !== undefined) {
    if (filter.subjectKind !== 'customer' && filter.subjectKind !== 'contact') {
      throw invalidInput('filter.subjectKind', "'customer' or 'contact'", filter.subjectKind);
    }
    query.subjectKind = filter.subjectKind satisfies SubjectKind;
  }
  if (filter.agentId !== undefined) query.agentId = readId(filter.agentId, 'filter.agentId');
  if (filter.cursor !== undefined && filter.cursor !== null) query.cursor = readId(filter.cursor, 'filter.cursor');
  return query;
}

function readList<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
  if (!Array.isArray(value) || !value.every((item) => allowed.includes(item))) {
    throw invalidInput(field, `an array of ${allowed.join(' | ')}`, value);
  }
  return [...value];
}
