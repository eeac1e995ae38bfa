import type { AssignmentResult, WaitingEntry } from '../../core/types.js';
import type { ChangeSet } from '../../ports.js';
import { ChangeSetBuilder } from '../changeSetBuilder.js';
import { compareSubjects } from '../compareSubjects.js';
import { type AssignmentLockSlot, decideAutomatically } from '../decideAutomatically.js';
import { mergeChangeSets } from '../mergeChangeSets.js';
import { readSubjectStates } from '../readSubjectStates.js';
import { refusers } from '../reofferRefused.js';
import type { TransactionCall } from '../serviceContext.js';

/** One queued subject a drain decided. */
export interface DrainedSubject {
  entry: WaitingEntry;
  result: AssignmentResult;
}

/**
 * Decides, in one transaction, the queued subjects of one page of the queue,
 * in the page's (queue) order, exactly as `autoAssign` would decide each at
 * this moment: locks the subjects (kind then id, the lock order of every
 * call), re-reads their entries under those locks — a subject that got an
 * agent meanwhile, by whatever path, left the queue in that same transaction
 * and is skipped — then takes the assignment lock once and decides each in
 * turn, every decision seeing the counts and rule state the ones before it
 * left. A subject that waits after a refusal keeps its refusers out and its
 * refusal as reason; without `reofferOnDecline` it is left alone (it waits
 * for an admin). Subjects still without an agent stay in place with one
 * more attempt; one commit writes everything.
 *
 * @internal
 * @param call - the transaction attempt
 * @param page - entries in queue order, read before the transaction
 * @returns the decisions, in queue order (skipped subjects left out)
 * @example
 * ```ts
 * const drained = await runTransaction(context, ruleSet, (call) => drainBatch(call, page.items));
 * ```
 */
export async function drainBatch(call: TransactionCall, page: readonly WaitingEntry[]): Promise<DrainedSubject[]> {
  const key = (entry: Pick<WaitingEntry, 'subject'>) => `${entry.subject.kind}\u0000${entry.subject.id}`;
  const lockOrder = [...page].sort((a, b) => compareSubjects(a.subject, b.subject));
  const states = await readSubjectStates(
    call.tx,
    lockOrder.map((entry) => ({ subject: entry.subject, fields: undefined })),
  );
  const stateOf = new Map(lockOrder.map((entry, index) => [key(entry), states[index]!]));
  const current = new Map((await call.tx.waitingEntries(lockOrder.map((entry) => entry.subject))).map((entry) => [key(entry), entry]));
  const slot: AssignmentLockSlot = { held: null };
  const changes: ChangeSet[] = [];
  const drained: DrainedSubject[] = [];
  for (const seen of page) {
    const entry = current.get(key(seen));
    if (entry === undefined) continue;
    const refusal = entry.reason === 'declined' || entry.reason === 'expired';
    // Without re-offers, a refused subject waits for an admin: drains leave it alone.
    if (refusal && call.ruleSet.settings.auto.reofferOnDecline !== true) continue;
    const builder = new ChangeSetBuilder(call, stateOf.get(key(seen))!);
    const result = await decideAutomatically(
      call,
      builder,
      refusal
        ? { reassign: false, attempted: true, waitingReason: entry.reason, excludeAgentIds: await refusers(call, entry.subject, null) }
        : { reassign: false, attempted: true },
      slot,
    );
    const built = builder.build();
    slot.held?.record(built);
    changes.push(built);
    drained.push({ entry, result });
  }
  if (changes.length > 0) await call.tx.commit(mergeChangeSets(changes));
  return drained;
}
