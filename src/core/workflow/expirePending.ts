import { InputError } from '../errors.js';
import { readInstant } from '../input/readInstant.js';
import { readRecord } from '../input/readRecord.js';
import { describeValue } from '../ruleset/describeValue.js';
import { type AssignmentRecord, type Instant, PENDING_STATUSES, SYSTEM_ACTOR, type WorkflowResult } from '../types.js';
import { expiryMs } from './assertEventAccepted.js';
import { moveRecord } from './moveRecord.js';

/**
 * Expires every overdue pending record: one result per record that is pending
 * and whose `expiresAt` is at or before `now`, in input order; other records are
 * skipped. Each result equals `transition(record, 'expire', { ruleSet, now })`
 * (no rule set is needed: expiring consults no setting).
 *
 * @param records - candidate records (not mutated), e.g. the store's pending ones
 * @param now - the clock
 * @returns one `WorkflowResult` per expired record
 * @example
 * ```ts
 * for (const { record, effects } of expirePending(pendingRecords, new Date())) {
 *   await save(record, effects);
 * }
 * ```
 */
export function expirePending(records: readonly AssignmentRecord[], now: Instant): WorkflowResult[] {
  if (!Array.isArray(records)) throw new InputError('records', 'an array of assignment records', describeValue(records));
  for (let index = 0; index < records.length; index++) readRecord(records[index], `records[${index}]`);
  const nowMs = readInstant(now, 'now');
  const results: WorkflowResult[] = [];
  for (const record of records) {
    if (!PENDING_STATUSES.includes(record.status)) continue;
    const expiresAtMs = expiryMs(record);
    if (expiresAtMs === null || nowMs < expiresAtMs) continue;
    results.push(moveRecord(record, 'expire', 'expired', { nowMs, actor: SYSTEM_ACTOR, pendingTimeoutMs: null }));
  }
  return results;
}
