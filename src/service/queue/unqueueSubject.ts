import { WorkflowError } from '../../core/errors.js';
import { readActor } from '../../core/input/readActor.js';
import { readNote } from '../../core/input/readNote.js';
import { readOptions } from '../../core/input/readOptions.js';
import { readSubjectRef } from '../../core/input/readSubjectRef.js';
import type { WaitingEntry } from '../../core/types.js';
import { runTransaction } from '../runTransaction.js';
import type { ServiceContext } from '../serviceContext.js';
import type { SubjectLocator } from '../types.js';

/**
 * `service.unqueue`: an admin takes a subject out of the waiting queue, in
 * one transaction holding the subject's lock (so a drain deciding it at the
 * same moment either went first — and the subject has its agent — or finds
 * it gone).
 *
 * @internal
 * @param context - the service's context
 * @param locator - the subject
 * @param options - the acting admin and an optional note (read like a record note)
 * @returns the entry removed, or null when the subject was not waiting
 * @throws AssignmentError `invalid_input`; WorkflowError `forbidden` unless an admin acts; StoreError; ConcurrencyError
 * @example
 * ```ts
 * await unqueueSubject(context, { id: 'c-1' }, { actor: { id: 'wang', role: 'admin' }, note: 'customer left' });
 * ```
 */
export async function unqueueSubject(context: ServiceContext, locator: SubjectLocator, options: unknown): Promise<WaitingEntry | null> {
  const subject = readSubjectRef(locator, 'subject');
  const given = readOptions(options, 'options', ['actor', 'note']);
  const actor = readActor(given.actor, 'options.actor');
  readNote(given.note, 'options.note');
  if (actor.role !== 'admin') throw new WorkflowError('forbidden', `Only an admin may take a subject out of the waiting queue (actor ${actor.role} "${actor.id}")`);
  const ruleSet = await context.loadRuleSet();
  return runTransaction(context, ruleSet, async (call) => {
    if ((await call.tx.lockSubject(subject)) === null) return null;
    const [entry] = await call.tx.waitingEntries([subject]);
    if (entry === undefined) return null;
    await call.tx.commit({ records: [], subjects: [], ruleState: [], counters: [], outbox: [], idempotency: [], waiting: [{ subject, update: { type: 'leave' } }] });
    return entry;
  });
}
