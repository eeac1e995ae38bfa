import { deriveRecordId } from '../recordId.js';
import { readInstant } from '../input/readInstant.js';
import type { Actor, AssignmentRecord, Instant, RecordType, SubjectRef, Transition } from '../types.js';

/** The statuses a record can be created in. */
export type InitialStatus = 'pending_approval' | 'pending_confirmation' | 'effective';

/** What a new record is made of. */
export interface NewRecordInput {
  /** Absent: derived from type, subject and time (`deriveRecordId`), so the core stays deterministic. */
  id?: string | undefined;
  type: RecordType;
  status: InitialStatus;
  subject: SubjectRef;
  agentId: string;
  /** The subject's agent when the record is created. */
  previousAgentId: string | null;
  /** The auto rule that picked the agent; null for manual records and applications. */
  ruleId: string | null;
  requestedBy: Actor;
  /** When the record is created. */
  at: Instant;
  /** The rule set's `pendingTimeoutMs`; null: a pending record never expires. */
  pendingTimeoutMs: number | null;
  note?: string;
}

/**
 * Builds a new record: version 1 and a first history entry with `from: null`.
 * A record created in a pending status expires `pendingTimeoutMs` after `at`.
 * Only builds data; the effects of the new status come from `effectsOnEntry`.
 *
 * @internal shared by the workflow functions and `assignCustomer`
 * @param input - the record's content
 * @returns the new record
 * @example
 * ```ts
 * const record = createRecord({
 *   type: 'auto', status: 'pending_confirmation', subject: { id: 'c-1', kind: 'customer' },
 *   agentId: 'li-lei', previousAgentId: null, ruleId: 'beijing', requestedBy: SYSTEM_ACTOR,
 *   at: '2026-10-01T09:00:00+08:00', pendingTimeoutMs: 86_400_000,
 * });
 * record.history[0]; // { recordId, from: null, to: 'pending_confirmation', at, by: SYSTEM_ACTOR }
 * ```
 */
export function createRecord(input: NewRecordInput): AssignmentRecord {
  // One Date for the creation instant, shared by the record's fields (treat Dates in records as immutable).
  // A Date passed in is the core's own and is used as is.
  const at = input.at instanceof Date ? input.at : new Date(readInstant(input.at, 'at'));
  const atMs = at.getTime();
  const id = input.id ?? deriveRecordId(input.type, input.subject, atMs);
  const created: Transition = {
    recordId: id,
    from: null,
    to: input.status,
    at,
    by: input.requestedBy,
  };
  // Assigned, not spread: a spread literal takes the slow path of object creation on every record.
  if (input.note !== undefined) created.note = input.note;
  return {
    id,
    type: input.type,
    status: input.status,
    // The caller's fresh reference (readRequest / assignCustomer build one per call).
    subject: input.subject,
    agentId: input.agentId,
    previousAgentId: input.previousAgentId,
    ruleId: input.ruleId,
    requestedBy: input.requestedBy,
    createdAt: at,
    updatedAt: at,
    expiresAt: pendingExpiry(input.status, atMs, input.pendingTimeoutMs),
    history: [created],
    version: 1,
  };
}

/**
 * When a record entering `status` at `atMs` expires: only pending statuses
 * expire, and only when the rule set sets a timeout.
 *
 * @param status - the status being entered
 * @param atMs - when it is entered (epoch ms)
 * @param pendingTimeoutMs - the rule set's timeout; null: never
 * @returns the expiry instant, or null
 * @example
 * ```ts
 * pendingExpiry('pending_confirmation', 0, 3_600_000); // 1970-01-01T01:00:00.000Z
 * pendingExpiry('effective', 0, 3_600_000);            // null
 * ```
 */
export function pendingExpiry(status: AssignmentRecord['status'], atMs: number, pendingTimeoutMs: number | null): Date | null {
  const pending = status === 'pending_approval' || status === 'pending_confirmation';
  return pending && pendingTimeoutMs !== null ? new Date(atMs + pendingTimeoutMs) : null;
}
