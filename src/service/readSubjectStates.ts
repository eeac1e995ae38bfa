import { PENDING_STATUSES, type RecordStatus, type SubjectRef } from '../core/types.js';
import type { StoreTransaction } from '../ports.js';
import { readSubjectState, type SubjectState } from './readSubjectState.js';

const OPEN_STATUSES: readonly RecordStatus[] = [...PENDING_STATUSES, 'effective'];

/**
 * Locks subjects, in the order given, and reads their pending and effective
 * records, creating a subject that does not exist yet (with `fields`, or no
 * fields) and replacing its fields when `fields` is given: the first reads of
 * `autoAssign`. In one step with a store that has `lockSubjects`; otherwise
 * `readSubjectState` subject after subject.
 *
 * @internal
 * @param tx - the transaction
 * @param entries - the subjects, in the order to lock them, and their new fields (undefined: keep them)
 * @returns the subjects' states, in the same order
 * @example
 * ```ts
 * const [state] = await readSubjectStates(call.tx, [{ subject: { id: 'c-1', kind: 'customer' }, fields: { level: 3 } }]);
 * state.pending; // null
 * ```
 */
export async function readSubjectStates(
  tx: StoreTransaction,
  entries: readonly { subject: SubjectRef; fields: Record<string, unknown> | undefined }[],
): Promise<SubjectState[]> {
  if (tx.lockSubjects !== undefined) {
    const read = await tx.lockSubjects(
      entries.map(({ subject, fields }) => (fields === undefined ? { subject } : { subject, fields })),
      OPEN_STATUSES,
    );
    return read.map(({ subject, records }) => ({
      subject,
      pending: records.find((record) => PENDING_STATUSES.includes(record.status)) ?? null,
      effective: records.find((record) => record.status === 'effective') ?? null,
    }));
  }
  const states: SubjectState[] = [];
  for (const { subject, fields } of entries) {
    // Without fields, an existing subject keeps its own; a new one starts with none.
    states.push(((await readSubjectState(tx, subject, fields)) ?? (await readSubjectState(tx, subject, {})))!);
  }
  return states;
}
