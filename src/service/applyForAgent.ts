import { readActor } from '../core/input/readActor.js';
import { requestApplication } from '../core/workflow/requestApplication.js';
import { commitRequest } from './commitRequest.js';
import { InputError } from '../core/errors.js';
import { readOptions } from '../core/input/readOptions.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import { readId } from '../core/input/readId.js';
import { readNote } from '../core/input/readNote.js';
import { readSubjectRef } from '../core/input/readSubjectRef.js';
import type { ServiceContext } from './serviceContext.js';
import type { ApplicationInput, RecordOutcome } from './types.js';

/**
 * `service.apply`: a business user applies for an agent for a subject they can
 * view. The record waits for admin approval and/or the agent's confirmation as
 * the settings say, or is effective at once. Refused while the subject has a
 * pending record (`pending_exists`); an unknown agent is a `NotFoundError`, a
 * disabled one a `WorkflowError` `forbidden`.
 *
 * @internal
 * @param context - the service's context
 * @param input - subject, agent, applying user, `canView`, note
 * @returns the new record
 * @throws AssignmentError `invalid_input`; NotFoundError (subject, agent); WorkflowError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * const { record } = await applyForAgent(context, { subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, canView: true });
 * ```
 */
export async function applyForAgent(context: ServiceContext, input: ApplicationInput): Promise<RecordOutcome> {
  if (input === undefined) throw new InputError('input', 'an object { subject, agentId, actor, canView, note? }', describeValue(input));
  const given = readOptions(input, 'input', ['subject', 'agentId', 'actor', 'canView', 'note']);
  const subject = readSubjectRef(given.subject, 'subject');
  const agentId = readId(given.agentId, 'agentId');
  const actor = readActor(given.actor);
  const canView = given.canView;
  if (typeof canView !== 'boolean') throw new InputError('canView', 'a boolean', describeValue(canView));
  const note = readNote(given.note, 'note');
  return commitRequest(context, subject, agentId, (call, state) =>
    requestApplication({
      ruleSet: call.ruleSet,
      subject: { ...subject, agentId: state.subject.agentId, pending: state.pending !== null },
      agentId,
      actor,
      canView,
      now: call.now,
      recordId: call.nextId(),
      ...(note === undefined ? {} : { note }),
    }),
  );
}
