import type { AssignmentRecord, AssignmentResult } from '../core/types.js';
import type { ChangeSetBuilder } from './changeSetBuilder.js';
import { decideAutomatically } from './decideAutomatically.js';
import type { TransactionCall } from './serviceContext.js';

/**
 * Re-offers a subject after its automatic record was declined or expired, when
 * the rule set asks for it (`settings.auto.reofferOnDecline`): a new automatic
 * decision in the same transaction that excludes every agent who declined an
 * auto record of this subject or let one expire, so the offer never comes back
 * to somebody who already passed. Manual records and applications are never
 * re-offered: a person chose that agent.
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
  if (!refusal || refused.type !== 'auto' || call.ruleSet.settings.auto.reofferOnDecline !== true) return null;
  const earlier = await call.tx.subjectRecords(refused.subject, ['declined', 'expired']);
  const excluded = new Set([refused.agentId, ...earlier.filter((record) => record.type === 'auto').map((record) => record.agentId)]);
  // The subject may have an agent (the refused record was a reassignment); that agent stays out too.
  return decideAutomatically(call, builder, { reassign: true, excludeAgentIds: [...excluded] });
}
