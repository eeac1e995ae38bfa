import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { SubjectKind } from '../ruleset/types.js';
import { RECORD_STATUSES, RECORD_TYPES, type RecordStatus, type RecordType } from '../types.js';
import { readId } from './readId.js';
import { readInstant } from './readInstant.js';
import { readOneOf } from './readOneOf.js';
import { readOptions } from './readOptions.js';

/** A record query as read: the shape of the store port's `RecordQuery`. */
export interface RecordQueryRead {
  from?: Date;
  to?: Date;
  types?: RecordType[];
  statuses?: RecordStatus[];
  subjectId?: string;
  subjectKind?: SubjectKind;
  agentId?: string;
  cursor?: string;
  limit: number;
}

const TYPES = RECORD_TYPES;
const STATUSES = RECORD_STATUSES;
const KINDS: readonly SubjectKind[] = ['customer', 'contact'];
const KEYS = ['from', 'to', 'types', 'statuses', 'subjectId', 'subjectKind', 'agentId', 'limit', 'cursor'] as const;

/**
 * Reads the record screen's filters — `svc.records(filter)` and a store's
 * `queryRecords(query)` alike: instants (`from` inclusive, `to` exclusive; see
 * `readInstant`) become `Date`s, ids are ids, `types` and `statuses` lists of
 * known values, `limit` an integer from 1 to 500 (`defaultLimit` when absent,
 * if given), a null `cursor` means none. Unknown keys are refused with
 * "did you mean".
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (`'filter'`, `'query'`)
 * @param defaultLimit - the page size when `limit` is absent; without it, `limit` is required
 * @returns the query
 * @throws InputError (`invalid_input`) naming the member
 * @example
 * ```ts
 * readRecordQuery({ from: '2026-10-01T00:00:00+08:00', statuses: ['effective'] }, 'filter', 50);
 * // { limit: 50, from: Date, statuses: ['effective'] }
 * readRecordQuery({ status: ['declined'] }, 'filter', 50); // throws: filter.status: unknown option, did you mean statuses?
 * ```
 */
export function readRecordQuery(value: unknown, path: string, defaultLimit?: number): RecordQueryRead {
  if (value === undefined && defaultLimit === undefined) throw new InputError(path, 'an object { limit, … }', describeValue(value));
  const given = readOptions(value, path, KEYS);
  const limit = given.limit ?? defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError(`${path}.limit`, 'an integer from 1 to 500', describeValue(limit));
  }
  const query: RecordQueryRead = { limit };
  if (given.from !== undefined) query.from = new Date(readInstant(given.from, `${path}.from`));
  if (given.to !== undefined) query.to = new Date(readInstant(given.to, `${path}.to`));
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new InputError(`${path}.to`, `at or after ${path}.from`, describeValue(given.to));
  }
  if (given.types !== undefined) query.types = readList(given.types, `${path}.types`, TYPES);
  if (given.statuses !== undefined) query.statuses = readList(given.statuses, `${path}.statuses`, STATUSES);
  if (given.subjectId !== undefined) query.subjectId = readId(given.subjectId, `${path}.subjectId`);
  if (given.subjectKind !== undefined) query.subjectKind = readOneOf(given.subjectKind, `${path}.subjectKind`, KINDS);
  if (given.agentId !== undefined) query.agentId = readId(given.agentId, `${path}.agentId`);
  if (given.cursor !== undefined && given.cursor !== null) query.cursor = readId(given.cursor, `${path}.cursor`);
  return query;
}

function readList<T extends string>(value: unknown, path: string, allowed: readonly T[]): T[] {
  if (!Array.isArray(value)) throw new InputError(path, `an array of ${allowed.join(' | ')}`, describeValue(value));
  return value.map((item, index) => readOneOf(item, `${path}[${index}]`, allowed));
}
