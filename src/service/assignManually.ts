import { readActor } from '../core/input/readActor.js';
import { requestManualAssignment } from '../core/workflow/requestManualAssignment.js';
import { commitRequest } from './commitRequest.js';
import { invalidInput } from './invalidInput.js';
import { readId } from './readId.js';
import { readNote } from './readNote.js';
import { readSubjectLocator } from './readSubjectLocator.js';
import type { ServiceContext } from './serviceContext.js';
import type { ManualAssignmentInput, RecordOutcome } from './types.js';

/**
 * `service.assignManually`: an admin assigns an agent by hand. The subject's
 * pending record, if any, is cancelled (superseded); the new record is effective
 * at once (ending the previous care) or waits for the agent's confirmation.
 * Refusals come first from the workflow (`forbidden`, `feature_disabled`,
 * `already_assigned`), then for the agent (unknown: `NotFoundError`; disabled:
 * `WorkflowError` `forbidden`).
 *
 * @internal
 * @param context - the service's context
 * @param input - subject, agent, acting admin, note
 * @returns the new record
 * @throws AssignmentError `invalid_input`; NotFoundError (subject, agent); WorkflowError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * const { record } = await assignManually(context, { subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin });
 * ```
 */
export async function assignManually(context: ServiceContext, input: ManualAssignmentInput): Promise<RecordOutcome> {
  if (typeof input !== 'object' || input === null) throw invalidInput('input', 'an object { subject, agentId, actor, note? }', input);
  const subject = readSubjectLocator(input.subject, 'subject');
  const agentId = readId(input.agentId, 'agentId');
  const actor = readActor(input.actor);
  const note = readNote(input.note, 'note');
  return commitRequest(context, subject, agentId, (call, state) =>
    requestManualAssignment({
      ruleSet: call.ruleSet,
      subject: { ...subject, agentId: state.subject.agentId, pending: state.pending !== null },
      agentId,
      actor,
      now: call.now,
      recordId: call.nextId(),
      ...(state.pending === null ? {} : { pendingRecord: state.pending }),
      ...(note === undefined ? {} : { note }),
    }),
  );
}
