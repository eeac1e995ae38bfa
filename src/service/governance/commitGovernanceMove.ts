import type { Actor, Effect } from '../../core/types.js';
import { requestManualAssignment } from '../../core/workflow/requestManualAssignment.js';
import { ChangeSetBuilder } from '../changeSetBuilder.js';
import type { SubjectState } from '../readSubjectState.js';
import type { TransactionCall } from '../serviceContext.js';

/** One governance move as the transaction makes it. @internal */
export interface GovernanceMoveRequest {
  /** The receiving agent. */
  to: string;
  /** Kept as the record's `ruleId`. */
  ruleId: string | null;
  actor: Actor;
  note: string | undefined;
  /** Effects of the rules' decision that picked `to` (its rule state and `assigned` count); none for a named agent. */
  decisionEffects: readonly Effect[];
}

/**
 * Commits one governance move: a manual record (`requestManualAssignment`,
 * so `settings.manual.agentConfirmation` applies and both agents are told as
 * for any manual move) carrying the note and the rule id, plus the decision's
 * own effects when the rules picked the agent.
 *
 * @internal
 * @param call - the move's transaction attempt
 * @param state - the subject as locked and read in it (no pending record)
 * @param move - receiver, rule id, actor, note and decision effects
 * @returns the new record's id
 * @example
 * ```ts
 * const recordId = await commitGovernanceMove(call, state, { to: 'han-meimei', ruleId: null, actor, note, decisionEffects: [] });
 * ```
 */
export async function commitGovernanceMove(call: TransactionCall, state: SubjectState, move: GovernanceMoveRequest): Promise<string> {
  const subject = state.subject;
  const result = requestManualAssignment({
    ruleSet: call.ruleSet,
    subject: { id: subject.id, kind: subject.kind, agentId: subject.agentId, previousAgentId: subject.previousAgentId, pending: false },
    agentId: move.to,
    actor: move.actor,
    now: call.now,
    recordId: call.nextId(),
    ruleId: move.ruleId,
    ...(move.note === undefined ? {} : { note: move.note }),
  });
  const builder = new ChangeSetBuilder(call, state);
  builder.addWorkflowResult({ ...result, effects: [...result.effects, ...move.decisionEffects] });
  await call.tx.commit(builder.build());
  return result.record.id;
}
