import { readActor } from '../core/input/readActor.js';
import { requestManualAssignment } from '../core/workflow/requestManualAssignment.js';
import { commitRequest } from './commitRequest.js';
import { InputError } from '../core/errors.js';
import { readOptions } from '../core/input/readOptions.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import { readId } from '../core/input/readId.js';
import { readNote } from '../core/input/readNote.js';
import { readSubjectRef } from '../core/input/readSubjectRef.js';
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
  if (input === undefined) throw new InputError('input', 'an object { subject, agentId, actor, note? }', describeValue(input));
  const given = readOptions(input, 'input', ['subject', 'agentId', 'actor', 'note']);
  const subject = readSubjectRef(given.subject, 'subject');
  const agentId = readId(given.agentId, 'agentId');
  const actor = readActor(given.actor);
  const note = readNote(given.note, 'note');
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
