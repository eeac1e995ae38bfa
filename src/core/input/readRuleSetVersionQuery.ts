import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { readId } from './readId.js';
import { readOptions } from './readOptions.js';

/** A page request of the rule-set history, read: `limit` always set. */
export interface RuleSetVersionQueryRead {
  cursor?: string;
  limit: number;
}

/**
 * Reads a page request of the rule-set history (`ruleSetVersions`): `limit`
 * an integer from 1 to 500 (the default when absent, if one is given), an
 * optional `cursor` from a previous page (null: none). Unknown members are
 * refused.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error
 * @param defaultLimit - the page size when `limit` is absent; without it `limit` is required
 * @returns the query
 * @throws InputError (`invalid_input`) naming the member
 * @example
 * ```ts
 * readRuleSetVersionQuery({ limit: 10 }, 'query'); // { limit: 10 }
 * readRuleSetVersionQuery({ limit: 0 }, 'query'); // throws: query.limit must be an integer from 1 to 500
 * ```
 */
export function readRuleSetVersionQuery(value: unknown, path: string, defaultLimit?: number): RuleSetVersionQueryRead {
  if (value === undefined && defaultLimit === undefined) throw new InputError(path, 'an object { limit, cursor? }', describeValue(value));
  const given = readOptions(value, path, ['cursor', 'limit']);
  const limit = given.limit ?? defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new InputError(`${path}.limit`, 'an integer from 1 to 500', describeValue(limit));
  }
  const query: RuleSetVersionQueryRead = { limit };
  if (given.cursor !== undefined && given.cursor !== null) query.cursor = readId(given.cursor, `${path}.cursor`);
  return query;
}
