import { InputError } from '../errors.js';
import { readActor } from '../input/readActor.js';
import { readId } from '../input/readId.js';
import { readInstant } from '../input/readInstant.js';
import { readNote } from '../input/readNote.js';
import { readOptions } from '../input/readOptions.js';
import { readRecord } from '../input/readRecord.js';
import { readSubject } from '../input/readSubject.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { Actor, AssignmentRecord, SubjectRef } from '../types.js';

/** A request's inputs, checked and normalised. */
export interface ReadRequest {
  subject: SubjectRef;
  /** The current dedicated agent, if any. */
  currentAgentId: string | null;
  /** Whether the caller says a pending record of the subject exists. */
  pending: boolean;
  agentId: string;
  actor: Actor;
  nowMs: number;
  recordId: string | undefined;
  note: string | undefined;
  /** `requestManualAssignment`: the pending record to cancel. */
  pendingRecord: AssignmentRecord | undefined;
  /** `requestApplication`: whether the user may view the subject. */
  canView: boolean;
  /** `requestManualAssignment`: the rule a governance move acts for (null: none). */
  ruleId: string | null;
}

const COMMON_KEYS = ['ruleSet', 'subject', 'agentId', 'actor', 'now', 'recordId', 'note'] as const;

/**
 * Reads what a manual assignment or an application names — a subject (kind
 * defaulting to `'customer'`), an agent id, an actor, an instant, an optional
 * record id and note — plus `pendingRecord` and `ruleId` (manual) or `canView` (application).
 * Unknown keys are refused with "did you mean".
 *
 * @internal
 * @param input - the request as the caller gave it
 * @param kind - which request it is
 * @returns the normalised request
 * @throws InputError (`invalid_input`) naming the path
 * @example
 * ```ts
 * readRequest({ ruleSet, subject: { id: 'c-1' }, agentId: 'li-lei', actor, now: '2026-10-01T09:00:00Z' }, 'manual').subject;
 * // { id: 'c-1', kind: 'customer' }
 * ```
 */
export function readRequest(input: unknown, kind: 'manual' | 'application'): ReadRequest {
  const request = readOptions(input, 'request', [...COMMON_KEYS, ...(kind === 'manual' ? (['pendingRecord', 'ruleId'] as const) : (['canView'] as const))]);
  if (input === undefined) throw new InputError('request', 'an object', describeValue(input));
  const subject = readSubject(request.subject, 'subject');
  const canView = request.canView;
  if (kind === 'application' && typeof canView !== 'boolean') throw new InputError('canView', 'a boolean', describeValue(canView));
  return {
    subject: { id: subject.id, kind: subject.kind },
    currentAgentId: subject.agentId,
    pending: subject.pending,
    agentId: readId(request.agentId, 'agentId'),
    actor: readActor(request.actor),
    nowMs: readInstant(request.now, 'now'),
    recordId: request.recordId === undefined ? undefined : readId(request.recordId, 'recordId'),
    note: readNote(request.note, 'note'),
    pendingRecord: request.pendingRecord === undefined ? undefined : readRecord(request.pendingRecord, 'pendingRecord'),
    canView: canView === true,
    ruleId: request.ruleId === undefined || request.ruleId === null ? null : readId(request.ruleId, 'ruleId'),
  };
}

