import type { AssignmentResult, WaitingReason, WaitingUpdate } from '../types.js';

/**
 * What an automatic decision does to its subject's place in the waiting queue:
 * - an agent picked (`assigned`, or `pending_confirmation`: the record now
 *   carries the subject, and a refusal queues it again) or the subject already
 *   has one → `leave`;
 * - `no_eligible_agent` or `outside_schedule` → `wait`, with the rule (the
 *   first that applied but had no candidate; for `outside_schedule` the one
 *   that opens first — read from the trace), the decision's `retryAt` and the
 *   priority;
 * - at a drain (`attempted`), `no_rule_applies` and `auto_disabled` also
 *   `wait` (the rules changed under a waiting subject: it stays visible to the
 *   admins rather than vanish); outside a drain they leave the queue as it is;
 * - `pending_exists` → `stay` (a person's request is under way).
 *
 * @param result - the decision: `assignCustomer`'s result, or an `Assigner` decision with its instant as `at`
 * @param priority - `waitingPriority` of the subject
 * @param attempted - whether a drain made the decision
 * @returns the update
 * @example
 * ```ts
 * waitingUpdateOf(result, 10, false);
 * // { type: 'wait', reason: 'no_eligible_agent', ruleId: 'vip', retryAt: null, priority: 10, since: result.at, attempted: false }
 * ```
 */
export function waitingUpdateOf(result: WaitingDecision, priority: number, attempted: boolean): WaitingUpdate {
  if (result.outcome !== 'unassigned' || result.reason === 'already_assigned') return LEAVE;
  const reason = result.reason;
  if (reason === 'pending_exists' || reason === null) return STAY;
  if (!attempted && (reason === 'no_rule_applies' || reason === 'auto_disabled')) return STAY;
  return waitFor(reason, result, priority, attempted);
}

/** What of a decision the queue reads; with its `trace`, an unassigned decision names the rule that found nobody. */
type WaitingDecision = Pick<AssignmentResult, 'outcome' | 'reason' | 'ruleId' | 'retryAt' | 'at'> & Partial<Pick<AssignmentResult, 'trace'>>;

const LEAVE: WaitingUpdate = Object.freeze({ type: 'leave' });
const STAY: WaitingUpdate = Object.freeze({ type: 'stay' });

function waitFor(reason: WaitingReason, result: WaitingDecision, priority: number, attempted: boolean): WaitingUpdate {
  return {
    type: 'wait',
    reason,
    ruleId: result.ruleId ?? ruleThatFoundNobody(result),
    retryAt: result.retryAt === null ? null : new Date(result.retryAt.getTime()),
    priority,
    since: new Date(result.at.getTime()),
    attempted,
  };
}

/** From the trace: the first rule with no candidate, else the closed rule that opens first. */
function ruleThatFoundNobody(result: WaitingDecision): string | null {
  const trace = result.trace ?? [];
  const empty = trace.find((entry) => entry.verdict === 'no_candidate');
  if (empty !== undefined) return empty.ruleId;
  let first: { ruleId: string; at: number } | null = null;
  for (const entry of trace) {
    if (entry.verdict !== 'outside_schedule') continue;
    const at = entry.opensAt == null ? Number.POSITIVE_INFINITY : entry.opensAt.getTime();
    if (first === null || at < first.at) first = { ruleId: entry.ruleId, at };
  }
  return first?.ruleId ?? null;
}
