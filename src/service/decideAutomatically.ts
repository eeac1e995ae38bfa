import { assignCustomer } from '../core/assign.js';
import { earlyReason } from '../core/decide.js';
import type { AssignmentResult, SubjectInput } from '../core/types.js';
import type { ChangeSetBuilder } from './changeSetBuilder.js';
import { participantIds } from './participantIds.js';
import { periodRangesAt } from './periodRangesAt.js';
import type { TransactionCall } from './serviceContext.js';

/** Options of one automatic decision. @internal */
export interface AutomaticDecisionOptions {
  reassign: boolean;
  excludeAgentIds?: readonly string[];
}

/**
 * Runs the rules for the builder's subject inside the transaction and adds the
 * decision to the change set. Takes the assignment lock and reads the
 * participants' snapshots in the rule set's current periods, so counts and
 * round-robin pointers are exact however many calls run at once. When the
 * decision is settled before any rule is consulted (auto assignment disabled,
 * subject already assigned, a pending record), neither is read: no lock is
 * taken, and the result's `ruleState` is empty.
 *
 * @internal
 * @param call - the transaction attempt
 * @param builder - the subject's change set so far
 * @param options - reassign, and agents to exclude (re-offers)
 * @returns the decision, as `assignCustomer` returns it
 * @example
 * ```ts
 * const result = await decideAutomatically(call, builder, { reassign: false });
 * result.outcome; // 'assigned' | 'pending_confirmation' | 'unassigned'
 * ```
 */
export async function decideAutomatically(
  call: TransactionCall,
  builder: ChangeSetBuilder,
  options: AutomaticDecisionOptions,
): Promise<AssignmentResult> {
  const { ruleSet, now, tx } = call;
  const stored = builder.subject;
  const subject: SubjectInput = {
    id: stored.id,
    kind: stored.kind,
    fields: stored.fields,
    agentId: stored.agentId,
    previousAgentId: stored.previousAgentId,
    pending: builder.pending !== null,
  };
  const settled = earlyReason(ruleSet, subject, options.reassign) !== null;
  // The lock first: counts read before it could be stale by the time the decision commits.
  const ruleState = settled ? {} : await tx.lockAssignment();
  const agents = settled ? [] : await tx.agentSnapshots(periodRangesAt(ruleSet, now), participantIds(ruleSet));
  const result = assignCustomer({
    ruleSet,
    subject,
    agents,
    ruleState,
    now,
    reassign: options.reassign,
    ...(options.excludeAgentIds === undefined ? {} : { excludeAgentIds: options.excludeAgentIds }),
    ...(settled ? {} : { recordId: call.nextId() }),
  });
  builder.addAssignment(result);
  return result;
}
