import { refusalWaitingUpdate } from '../core/queue/refusalWaitingUpdate.js';
import { waitingPriority } from '../core/queue/waitingPriority.js';
import type { AssignmentRecord, AssignmentResult, SubjectRef } from '../core/types.js';
import type { ChangeSetBuilder } from './changeSetBuilder.js';
import { decideAutomatically } from './decideAutomatically.js';
import type { TransactionCall } from './serviceContext.js';

/**
 * After an automatic record was declined or expired: re-offers the subject
 * when the rule set asks for it (`settings.auto.reofferOnDecline`) — a new automatic
 * decision in the same transaction that excludes every agent who declined an
 * auto record of this subject or let one expire, so the offer never comes back
 * to somebody who already passed. Manual records and applications are never
 * re-offered: a person chose that agent. When nobody takes the subject (no
 * re-offer, or nobody left), it waits in the queue with the refusal as its
 * reason (`refusalWaitingUpdate`), in the same change set.
 *
 * @internal
 * @param call - the transaction attempt
 * @param builder - the change set, already holding the refused record
 * @param refused - the record just declined or expired
 * @returns the new decision, or null when no re-offer applies
 * @example
 * ```ts
 * const reoffer = await reofferRefused(call, builder, declined.record);
 * reoffer?.agentId; // another participant, or null when nobody is left
 * ```
 */
export async function reofferRefused(
  call: TransactionCall,
  builder: ChangeSetBuilder,
  refused: AssignmentRecord,
): Promise<AssignmentResult | null> {
  const refusal = refused.status === 'declined' || refused.status === 'expired';
  if (!refusal || refused.type !== 'auto') return null;
  let reoffer: AssignmentResult | null = null;
  if (call.ruleSet.settings.auto.reofferOnDecline === true) {
    // The subject may have an agent (the refused record was a reassignment); that agent stays out too.
    reoffer = await decideAutomatically(call, builder, { reassign: true, excludeAgentIds: await refusers(call, refused.subject, refused.agentId) });
  }
  const { subject } = builder;
  const priority = waitingPriority(call.ruleSet, subject.fields, call.now.getTime());
  builder.wait(refusalWaitingUpdate(refused, reoffer, { priority, now: call.now, hasAgent: subject.agentId !== null }));
  return reoffer;
}

/**
 * The agents who refused the subject: who declined an automatic record of it
 * or let one expire, the record just refused included.
 *
 * @internal
 * @param call - the transaction attempt
 * @param subject - the subject
 * @param also - an agent to count among them (who refused just now), or null
 * @returns their ids
 * @example
 * ```ts
 * const excludeAgentIds = await refusers(call, declined.subject, declined.agentId);
 * ```
 */
export async function refusers(call: TransactionCall, subject: SubjectRef, also: string | null): Promise<string[]> {
  const earlier = await call.tx.subjectRecords(subject, ['declined', 'expired']);
  const ids = earlier.filter((record) => record.type === 'auto').map((record) => record.agentId);
  return [...new Set(also === null ? ids : [also, ...ids])];
}
