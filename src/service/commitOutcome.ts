import type { AssignmentRecord, SubjectRef, Transition } from '../core/types.js';
import type { ChangeSet, StoreTransaction } from '../ports.js';

/** Whether an attempt whose `COMMIT` went unanswered committed: `mixed` when its writes disagree. @internal */
export type CommitOutcome = 'committed' | 'absent' | 'mixed';

/**
 * Reads, in a new transaction, whether a change set was committed, from what
 * only it could have written. It first locks the subjects the change set is
 * about (kind, then id, the service's lock order): the lost attempt may still
 * be running on the server, and it holds those locks until it ends, so what
 * is read next is final. Then each new record by its id (ids are fresh), each
 * updated record by its version and history (a record's history only grows,
 * so a later change by someone else keeps the attempt's transitions as its
 * start). A change set without records is recognised by its idempotency keys;
 * one with neither wrote nothing a second run could double (a decision that
 * found no agent, without a key), so it counts as absent and the call runs
 * again. `committed` is final; `absent` is final for changes to subjects that
 * existed before, but an attempt that created its subject or wrote only a key
 * holds no lock this could wait on, so the caller keeps checking on later
 * tries.
 *
 * @internal
 * @param tx - a new transaction
 * @param changes - what the attempt sent to `commit`
 * @returns committed, absent, or mixed (cannot happen in an atomic store)
 * @example
 * ```ts
 * if ((await commitOutcome(tx, unresolved.changes)) === 'committed') return unresolved.value;
 * ```
 */
export async function commitOutcome(tx: StoreTransaction, changes: ChangeSet): Promise<CommitOutcome> {
  // The lost attempt may still be running on the server: its subject locks make this wait until it has ended.
  const subjects = new Map<string, SubjectRef>();
  for (const subject of [...changes.records.map(({ record }) => record.subject), ...changes.subjects.map((change) => change.subject)]) {
    subjects.set(`${subject.kind}:${subject.id}`, subject);
  }
  const ordered = [...subjects.values()].sort(compareSubjects).map((subject) => ({ id: subject.id, kind: subject.kind }));
  // A subject the lost attempt created is a row not yet committed, which a plain
  // locking read passes by without waiting: lockSubjects creates it when absent,
  // and so waits for that insert to end (committed, or rolled back).
  if (tx.lockSubjects !== undefined) await tx.lockSubjects(ordered.map((subject) => ({ subject })), []);
  else for (const subject of ordered) await tx.lockSubject(subject);
  const seen: boolean[] = [];
  for (const { record } of changes.records) {
    const stored = await tx.record(record.id);
    seen.push(stored !== null && wroteRecord(stored, record));
  }
  if (changes.records.length === 0) {
    for (const { key } of changes.idempotency) seen.push((await tx.idempotentResult(key)) !== undefined);
  }
  if (seen.length === 0 || seen.every((found) => !found)) return 'absent';
  return seen.every((found) => found) ? 'committed' : 'mixed';
}

/** Whether `stored` is `written`, or a later version of it. */
function wroteRecord(stored: AssignmentRecord, written: AssignmentRecord): boolean {
  if (stored.version < written.version || stored.history.length < written.history.length) return false;
  return written.history.every((entry, index) => sameTransition(stored.history[index]!, entry));
}

function sameTransition(a: Transition, b: Transition): boolean {
  return (
    a.recordId === b.recordId &&
    a.from === b.from &&
    a.to === b.to &&
    new Date(a.at).getTime() === new Date(b.at).getTime() &&
    a.by.id === b.by.id &&
    a.by.role === b.by.role &&
    (a.note ?? null) === (b.note ?? null)
  );
}

function compareSubjects(a: SubjectRef, b: SubjectRef): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
