import { NotFoundError } from '../core/errors.js';
import type { WorkflowEvent } from '../core/types.js';
import { readActor } from '../core/input/readActor.js';
import { transition } from '../core/workflow/transition.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { readId } from '../core/input/readId.js';
import { readNote } from '../core/input/readNote.js';
import { readSubjectState } from './readSubjectState.js';
import { reofferRefused } from './reofferRefused.js';
import { runTransaction } from './runTransaction.js';
import type { ServiceContext } from './serviceContext.js';
import type { WorkflowOutcome } from './types.js';

/** The events a person sends through the service (`expire` and `end` are the service's own). @internal */
export type PersonEvent = Extract<WorkflowEvent, 'approve' | 'reject' | 'confirm' | 'decline' | 'cancel'>;

/**
 * `service.approve | reject | confirm | decline | cancel`: moves a record by
 * one event in one transaction. The record is read first to find its subject,
 * then the subject is locked and the record re-read under lock (subject before
 * record, the lock order of every call). A record becoming effective ends the
 * subject's previous care; a declined auto record is re-offered when the rule
 * set says so. Of concurrent events on one record exactly one wins; the others
 * are refused by the workflow (`WorkflowError`), as they now see a final or
 * moved record.
 *
 * @internal
 * @param context - the service's context
 * @param event - the event
 * @param recordId - the record
 * @param actor - who sends it
 * @param note - kept in the record's history
 * @returns the moved record and the re-offer, if any
 * @throws AssignmentError `invalid_input`; NotFoundError (record); WorkflowError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * const { record } = await sendWorkflowEvent(context, 'confirm', recordId, { id: 'li-lei', role: 'agent' });
 * ```
 */
export async function sendWorkflowEvent(
  context: ServiceContext,
  event: PersonEvent,
  recordId: string,
  actor: unknown,
  note?: unknown,
): Promise<WorkflowOutcome> {
  const id = readId(recordId, 'recordId');
  const sender = readActor(actor as Parameters<typeof readActor>[0]);
  const text = readNote(note, 'note');
  const ruleSet = await context.loadRuleSet();
  return runTransaction(context, ruleSet, async (call) => {
    const seen = await call.tx.record(id);
    if (seen === null) throw new NotFoundError('record', id);
    const state = await readSubjectState(call.tx, seen.subject);
    if (state === null) throw new NotFoundError('subject', seen.subject.id);
    const record = await call.tx.record(id, { lock: true });
    if (record === null) throw new NotFoundError('record', id);
    const builder = new ChangeSetBuilder(call, state);
    builder.read(record);
    const result = transition(record, event, { ruleSet, now: call.now, actor: sender, ...(text === undefined ? {} : { note: text }) });
    builder.addWorkflowResult(result);
    const reoffer = await reofferRefused(call, builder, result.record);
    await call.tx.commit(builder.build());
    return { record: result.record, reoffer };
  });
}
