import { NotFoundError } from '../core/errors.js';
import type { SubjectRef, WorkflowResult } from '../core/types.js';
import { assertAgentAvailable } from './assertAgentAvailable.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { type SubjectState, readSubjectState } from './readSubjectState.js';
import { runTransaction } from './runTransaction.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';
import type { RecordOutcome } from './types.js';

/**
 * The transaction shared by a manual assignment and an application: lock the
 * subject (unknown: `NotFoundError`), let the workflow function decide (its
 * refusals come first), check the agent can receive subjects, commit.
 *
 * @internal
 * @param context - the service's context
 * @param subject - the subject, already checked
 * @param agentId - the agent asked for, already checked
 * @param request - builds the workflow result from the locked subject's state
 * @returns the new record
 * @throws NotFoundError (subject, agent); WorkflowError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * await commitRequest(context, subject, agentId, (call, state) => requestApplication({ …, now: call.now }));
 * ```
 */
export async function commitRequest(
  context: ServiceContext,
  subject: SubjectRef,
  agentId: string,
  request: (call: TransactionCall, state: SubjectState) => WorkflowResult,
): Promise<RecordOutcome> {
  const ruleSet = await context.loadRuleSet();
  return runTransaction(context, ruleSet, async (call) => {
    const state = await readSubjectState(call.tx, subject);
    if (state === null) throw new NotFoundError('subject', subject.id);
    const result = request(call, state);
    await assertAgentAvailable(call.tx, agentId);
    const builder = new ChangeSetBuilder(call, state);
    builder.addWorkflowResult(result);
    await call.tx.commit(builder.build());
    return { record: result.record };
  });
}
