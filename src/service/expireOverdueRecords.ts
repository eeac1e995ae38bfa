import { type AssignmentRecord, PENDING_STATUSES } from '../core/types.js';
import { transition } from '../core/workflow/transition.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { readSubjectState } from './readSubjectState.js';
import { reofferRefused } from './reofferRefused.js';
import { runTransaction } from './runTransaction.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';

const BATCH = 100;

/**
 * `service.expirePending`: expires every pending record whose `expiresAt` has
 * passed, each in its own transaction (one subject's trouble never holds back
 * the others), re-offering expired auto records when the rule set says so. A
 * record settled meanwhile by somebody else is skipped. Works through the
 * overdue records in batches until none is left.
 *
 * @internal
 * @param context - the service's context
 * @returns the records it expired, in status `expired`
 * @throws StoreError; ConcurrencyError; RuleSetError
 * @example
 * ```ts
 * setInterval(() => expireOverdueRecords(context), 60_000);
 * ```
 */
export async function expireOverdueRecords(context: ServiceContext): Promise<AssignmentRecord[]> {
  const ruleSet = await context.loadRuleSet();
  const expired: AssignmentRecord[] = [];
  for (;;) {
    const due = await runTransaction(context, ruleSet, async (call) => call.tx.dueRecords(call.now, BATCH));
    let progressed = false;
    for (const record of due) {
      const result = await runTransaction(context, ruleSet, (call) => expireOne(call, record));
      if (result !== null) {
        expired.push(result);
        progressed = true;
      }
    }
    // A short batch was the last; a batch of nothing but records settled meanwhile means the clock is behind them.
    if (due.length < BATCH || !progressed) return expired;
  }
}

async function expireOne(call: TransactionCall, due: AssignmentRecord): Promise<AssignmentRecord | null> {
  const state = await readSubjectState(call.tx, due.subject);
  if (state === null) return null;
  const record = await call.tx.record(due.id, { lock: true });
  const overdue =
    record !== null &&
    PENDING_STATUSES.includes(record.status) &&
    record.expiresAt !== null &&
    record.expiresAt.getTime() <= call.now.getTime();
  if (!overdue) return null;
  const builder = new ChangeSetBuilder(call, state);
  builder.read(record);
  const result = transition(record, 'expire', { ruleSet: call.ruleSet, now: call.now });
  builder.addWorkflowResult(result);
  await reofferRefused(call, builder, result.record);
  await call.tx.commit(builder.build());
  return result.record;
}
