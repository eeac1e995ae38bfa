import { InputError } from '../../core/errors.js';
import { readOptions } from '../../core/input/readOptions.js';
import { readWaitingQuery } from '../../core/input/readWaitingQuery.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import { parseDuration } from '../../core/time/parseDuration.js';
import type { WaitingPage } from '../../ports.js';
import { callStore } from '../callStore.js';
import type { ServiceContext } from '../serviceContext.js';
import type { WaitingFilter } from '../types.js';

const DEFAULT_PAGE_SIZE = 50;

/**
 * `service.waiting`: one page of the waiting queue in queue order. `olderThan`
 * (an ISO-8601 duration or milliseconds) becomes the store's `sinceBefore`
 * by the service's clock; the rest is read as the store reads it
 * (`readWaitingQuery`), so the same values are refused with the same paths.
 *
 * @internal
 * @param context - the service's context
 * @param filter - reason, olderThan, cursor, limit (default 50)
 * @returns the page
 * @throws AssignmentError `invalid_input` naming the filter's member
 * @example
 * ```ts
 * const { items, nextCursor } = await waitingPageOf(context, { olderThan: 'PT1H' });
 * ```
 */
export async function waitingPageOf(context: ServiceContext, filter: WaitingFilter | undefined): Promise<WaitingPage> {
  const { olderThan, ...rest } = readOptions(filter ?? {}, 'filter', ['reason', 'olderThan', 'cursor', 'limit']);
  const query: Record<string, unknown> = { limit: DEFAULT_PAGE_SIZE, ...rest };
  if (olderThan !== undefined) query.sinceBefore = new Date(context.clock.now().getTime() - durationMs(olderThan) + 1);
  const read = readWaitingQuery(query, 'filter');
  return callStore('waiting', () => context.store.waiting(read));
}

function durationMs(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  const ms = typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null) throw new InputError('filter.olderThan', 'an ISO-8601 duration such as "PT1H", or milliseconds ≥ 0', describeValue(value));
  return ms;
}
