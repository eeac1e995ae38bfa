import type { AssignmentRecord, AssignmentResult, WaitingUpdate } from '../types.js';
import { waitingUpdateOf } from './waitingUpdateOf.js';

/**
 * What a refused automatic record (declined, or expired unanswered) does to
 * its subject's place in the waiting queue, given the re-offer made in the
 * same transaction (null when the rule set asks for none): a re-offer that
 * picked somebody takes the subject out (`leave`), otherwise the subject
 * waits with the refusal as its reason (`declined` or `expired`), the rule
 * that made the record, and the re-offer's `retryAt`. Manual records and
 * applications never queue: a person chose that agent, and a person decides
 * next; nor does a subject that still has an agent (a refused reassignment).
 *
 * @param refused - the record after the event
 * @param reoffer - the re-offer's decision, or null
 * @param subject - `priority` (`waitingPriority` of the subject), `now` (the entry's `since` when it starts waiting) and whether it `hasAgent` after the event
 * @returns the update
 * @example
 * ```ts
 * refusalWaitingUpdate(declined, null, { priority: 0, now, hasAgent: false }); // { type: 'wait', reason: 'declined', … }
 * ```
 */
export function refusalWaitingUpdate(
  refused: AssignmentRecord,
  reoffer: AssignmentResult | null,
  subject: { priority: number; now: Date; hasAgent: boolean },
): WaitingUpdate {
  const { priority, now } = subject;
  const refusal = refused.status === 'declined' || refused.status === 'expired';
  if (!refusal || refused.type !== 'auto') return { type: 'stay' };
  if (reoffer !== null && reoffer.outcome !== 'unassigned') return waitingUpdateOf(reoffer, priority, false);
  if (subject.hasAgent || reoffer?.reason === 'pending_exists') return { type: 'stay' };
  return {
    type: 'wait',
    reason: refused.status as 'declined' | 'expired',
    ruleId: refused.ruleId,
    retryAt: reoffer?.retryAt == null ? null : new Date(reoffer.retryAt.getTime()),
    priority,
    since: new Date(now.getTime()),
    attempted: false,
  };
}
