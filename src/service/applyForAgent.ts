import { readActor } from '../core/input/readActor.js';
import { requestApplication } from '../core/workflow/requestApplication.js';
import { commitRequest } from './commitRequest.js';
import { invalidInput } from './invalidInput.js';
import { readId } from './readId.js';
import { readNote } from './readNote.js';
import { readSubjectLocator } from './readSubjectLocator.js';
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
  if (typeof input !== 'object' || input === null) throw invalidInput('input', 'an object { subject, agentId, actor, canView, note? }', input);
  const subject = readSubjectLocator(input.subject, 'subject');
  const agentId = readId(input.agentId, 'agentId');
  const actor = readActor(input.actor);
  if (typeof input.canView !== 'boolean') throw invalidInput('canView', 'a boolean', input.canView);
  const note = readNote(input.note, 'note');
  return commitRequest(context, subject, agentId, (call, state) =>
    requestApplication({
      ruleSet: call.ruleSet,
      subject: { ...subject, agentId: state.subject.agentId, pending: state.pending !== null },
      agentId,
      actor,
      canView: input.canView,
      now: call.now,
      recordId: call.nextId(),
      ...(note === undefined ? {} : { note }),
    }),
  );
}
