import type { CompiledRuleSet } from '../../core/ruleset/compiledTypes.js';
import { callStore } from '../callStore.js';
import { runTransaction } from '../runTransaction.js';
import type { ServiceContext } from '../serviceContext.js';
import type { DrainResult } from '../types.js';
import { drainBatch } from './drainBatch.js';
import { sendWaitingAlerts } from './sendWaitingAlerts.js';

/** Subjects decided per transaction: large enough to amortise the round trips, small enough to let other processes' calls in between. */
export const DRAIN_BATCH = 200;

/**
 * `service.assignWaiting`: walks the waiting queue in queue order, page by
 * page, and decides each page's subjects in one transaction (`drainBatch`)
 * holding the assignment lock for that page only, so other processes' calls
 * interleave between pages. Stops after `limit` decisions, or at the end of
 * the queue. Entries that stay keep their place; the walk goes on after the
 * last one it saw, so one pass decides every subject at most once. Then
 * sends the `waiting_too_long` alerts that are due (`sendWaitingAlerts`).
 *
 * @internal
 * @param context - the service's context
 * @param ruleSet - the rule set of the pass
 * @param limit - the most subjects to decide
 * @returns counts and the decisions, in the order made
 * @example
 * ```ts
 * const { assigned, waiting } = await assignWaiting(context, ruleSet, Infinity);
 * ```
 */
export async function assignWaiting(context: ServiceContext, ruleSet: CompiledRuleSet, limit: number): Promise<DrainResult> {
  const result: DrainResult = { decided: 0, assigned: 0, waiting: 0, alerted: 0, decisions: [] };
  let cursor: string | undefined;
  while (result.decided < limit) {
    const size = Math.min(DRAIN_BATCH, limit - result.decided);
    const page = await callStore('waiting', () => context.store.waiting(cursor === undefined ? { limit: size } : { limit: size, cursor }));
    if (page.items.length === 0) break;
    const drained = await runTransaction(context, ruleSet, (call) => drainBatch(call, page.items));
    for (const { entry, result: decision } of drained) {
      result.decided++;
      if (decision.agentId !== null) result.assigned++;
      else result.waiting++;
      result.decisions.push({ subject: entry.subject, outcome: decision.outcome, agentId: decision.agentId, ruleId: decision.ruleId, reason: decision.reason });
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  result.alerted = await sendWaitingAlerts(context, ruleSet);
  return result;
}
