import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { WAITING_REASONS, type WaitingReason } from '../types.js';
import { readId } from './readId.js';
import { readInstant } from './readInstant.js';
import { readOneOf } from './readOneOf.js';
import { readOptions } from './readOptions.js';

/** A waiting-queue query as read: the shape of the store port's `WaitingQuery`. */
export interface WaitingQueryRead {
  reason?: WaitingReason;
  sinceBefore?: Date;
  unalerted?: boolean;
  cursor?: string;
  limit: number;
}

const KEYS = ['reason', 'sinceBefore', 'unalerted', 'cursor', 'limit'] as const;

/**
 * Reads a store's `waiting(query)` argument: `reason` one of the waiting
 * reasons, `sinceBefore` an instant (see `readInstant`), `unalerted` a
 * boolean, `limit` an integer from 1 to 1000, a null `cursor` none. Unknown
 * keys are refused with "did you mean".
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (`'query'`)
 * @returns the query
 * @throws InputError (`invalid_input`) naming the member
 * @example
 * ```ts
 * readWaitingQuery({ reason: 'outside_schedule', limit: 50 }, 'query'); // { limit: 50, reason: 'outside_schedule' }
 * readWaitingQuery({ reasons: 'declined', limit: 5 }, 'query'); // throws: query.reasons: unknown option, did you mean reason?
 * ```
 */
export function readWaitingQuery(value: unknown, path: string): WaitingQueryRead {
  if (value === undefined) throw new InputError(path, 'an object { limit, … }', describeValue(value));
  const given = readOptions(value, path, KEYS);
  const limit = given.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new InputError(`${path}.limit`, 'an integer from 1 to 1000', describeValue(limit));
  }
  const query: WaitingQueryRead = { limit };
  if (given.reason !== undefined) query.reason = readOneOf(given.reason, `${path}.reason`, WAITING_REASONS);
  if (given.sinceBefore !== undefined) query.sinceBefore = new Date(readInstant(given.sinceBefore, `${path}.sinceBefore`));
  if (given.unalerted !== undefined) {
    if (typeof given.unalerted !== 'boolean') throw new InputError(`${path}.unalerted`, 'a boolean', describeValue(given.unalerted));
    query.unalerted = given.unalerted;
  }
  if (given.cursor !== undefined && given.cursor !== null) query.cursor = readId(given.cursor, `${path}.cursor`);
  return query;
}
