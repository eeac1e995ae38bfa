import { assignCustomer } from '../core/assign.js';
import { earlyReason } from '../core/decide.js';
import type { AssignmentResult, SubjectInput, WaitingReason } from '../core/types.js';
import type { ChangeSetBuilder } from './changeSetBuilder.js';
import { HeldAssignmentLock } from './heldAssignmentLock.js';
import { waitingPriority } from '../core/queue/waitingPriority.js';
import { waitingUpdateOf } from '../core/queue/waitingUpdateOf.js';
import type { TransactionCall } from './serviceContext.js';

/** Options of one automatic decision. @internal */
export interface AutomaticDecisionOptions {
  reassign: boolean;
  excludeAgentIds?: readonly string[];
  /** A drain's decision: a subject still waiting counts an attempt. */
  attempted?: boolean;
  /** The reason a subject still waiting keeps (a refusal keeps its own, so its refusers stay out at later drains). */
  waitingReason?: WaitingReason;
}

/** Where the decisions of one transaction keep the assignment lock once one of them took it. @internal */
export interface AssignmentLockSlot {
  held: HeldAssignmentLock | null;
}

/**
 * Runs the rules for the builder's subject inside the transaction and adds the
 * decision to the change set, with what it does to the subject's place in
 * the waiting queue (`waitingUpdateOf`). Takes the assignment lock and reads the
 * participants' snapshots in the rule set's current periods, so counts and
 * round-robin pointers are exact however many calls run at once. When the
 * decision is settled before any rule is consulted (auto assignment disabled,
 * subject already assigned, a pending record), neither is read: no lock is
 * taken, and the result's `ruleState` is empty.
 *
 * Several decisions of one transaction share `slot`: the first that needs the
 * lock takes it, and the later ones decide on what it holds — which the
 * caller keeps current with `slot.held.record(changes)` after each decision.
 *
 * @internal
 * @param call - the transaction attempt
 * @param builder - the subject's change set so far
 * @param options - reassign, and agents to exclude (re-offers)
 * @param slot - the transaction's assignment lock, when several decisions share it
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
  slot: AssignmentLockSlot = { held: null },
): Promise<AssignmentResult> {
  const { ruleSet, now } = call;
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
  if (!settled) slot.held ??= await HeldAssignmentLock.take(call);
  const lock = settled ? null : slot.held!;
  const result = assignCustomer({
    ruleSet,
    subject,
    agents: lock === null ? [] : lock.agents,
    ruleState: lock === null ? {} : lock.ruleState,
    now,
    reassign: options.reassign,
    ...(options.excludeAgentIds === undefined ? {} : { excludeAgentIds: options.excludeAgentIds }),
    ...(settled ? {} : { recordId: call.nextId() }),
  });
  builder.addAssignment(result);
  const priority = result.outcome === 'unassigned' ? waitingPriority(ruleSet, stored.fields, now.getTime()) : 0;
  const update = waitingUpdateOf(result, priority, options.attempted === true);
  builder.wait(update.type === 'wait' && options.waitingReason !== undefined ? { ...update, reason: options.waitingReason } : update);
  return result;
}
