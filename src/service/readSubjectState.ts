import { type AssignmentRecord, PENDING_STATUSES, type RecordStatus, type SubjectRef } from '../core/types.js';
import type { StoredSubject, StoreTransaction } from '../ports.js';

/** A locked subject with its open records, as a transaction read them. @internal */
export interface SubjectState {
  subject: StoredSubject;
  /** Its pending record (at most one). */
  pending: AssignmentRecord | null;
  /** Its effective record (at most one): the current agent's care. */
  effective: AssignmentRecord | null;
}

const OPEN_STATUSES: readonly RecordStatus[] = [...PENDING_STATUSES, 'effective'];

/**
 * Locks a subject and reads its pending and effective records: the first reads
 * of every transaction that changes a subject (subject first, so every call
 * takes locks in the same order).
 *
 * @internal
 * @param tx - the transaction
 * @param subject - the subject
 * @param fields - when given, the subject is created or its fields replaced (see `lockSubject`)
 * @returns the subject's state, or null when the subject does not exist
 * @example
 * ```ts
 * const state = await readSubjectState(call.tx, { id: 'c-1', kind: 'customer' });
 * state?.pending; // the record waiting for approval or confirmation, if any
 * ```
 */
export async function readSubjectState(
  tx: StoreTransaction,
  subject: SubjectRef,
  fields?: Record<string, unknown>,
): Promise<SubjectState | null> {
  const stored = await tx.lockSubject(subject, fields);
  if (stored === null) return null;
  const open = await tx.subjectRecords(subject, OPEN_STATUSES);
  return {
    subject: stored,
    pending: open.find((record) => PENDING_STATUSES.includes(record.status)) ?? null,
    effective: open.find((record) => record.status === 'effective') ?? null,
  };
}
