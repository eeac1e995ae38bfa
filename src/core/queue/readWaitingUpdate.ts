import { InputError } from '../errors.js';
import { readInstant } from '../input/readInstant.js';
import { readOneOf } from '../input/readOneOf.js';
import { readOptions } from '../input/readOptions.js';
import { describeValue } from '../ruleset/describeValue.js';
import { WAITING_REASONS, type WaitingUpdate } from '../types.js';

const TYPES = ['leave', 'stay', 'wait'] as const;
const WAIT_KEYS = ['type', 'reason', 'ruleId', 'retryAt', 'priority', 'since', 'attempted'] as const;

/**
 * Reads a `WaitingUpdate` given by a caller (the in-memory queue's `apply`):
 * `{ type: 'leave' }`, `{ type: 'stay' }`, or a `wait` with a known reason, a
 * rule id or null, `retryAt` an instant or null, a finite priority, `since` an
 * instant and `attempted` a boolean. Instants become `Date`s.
 *
 * @param value - what the caller gave
 * @param path - where it is, for the error (e.g. `'update'`)
 * @returns the update, trusted downstream
 * @throws InputError (`invalid_input`) naming the path of the first bad key
 * @example
 * ```ts
 * readWaitingUpdate({ type: 'leave' }, 'update'); // { type: 'leave' }
 * readWaitingUpdate({ type: 'wait', reason: 'late' }, 'update'); // throws: update.reason must be one of …
 * ```
 */
export function readWaitingUpdate(value: unknown, path: string): WaitingUpdate {
  const given = readOptions(value, path, WAIT_KEYS);
  const type = readOneOf(given.type, `${path}.type`, TYPES);
  if (type !== 'wait') {
    const extra = Object.keys(given).find((key) => key !== 'type');
    if (extra !== undefined) throw new InputError(`${path}.${extra}`, `nothing (a "${type}" update has only its type)`, describeValue(given[extra as keyof typeof given]));
    return { type };
  }
  const { ruleId, retryAt, priority, attempted } = given;
  if (ruleId !== null && (typeof ruleId !== 'string' || ruleId === '')) throw new InputError(`${path}.ruleId`, 'a rule id or null', describeValue(ruleId));
  if (typeof priority !== 'number' || !Number.isFinite(priority)) throw new InputError(`${path}.priority`, 'a finite number', describeValue(priority));
  if (typeof attempted !== 'boolean') throw new InputError(`${path}.attempted`, 'true or false', describeValue(attempted));
  return {
    type,
    reason: readOneOf(given.reason, `${path}.reason`, WAITING_REASONS),
    ruleId,
    retryAt: retryAt === null ? null : new Date(readInstant(retryAt, `${path}.retryAt`)),
    // -0 is 0: the queue's order and every store read it so.
    priority: priority === 0 ? 0 : priority,
    since: new Date(readInstant(given.since, `${path}.since`)),
    attempted,
  };
}
