import { WorkflowError } from '../errors.js';
import { toEpochMs } from '../time/toEpochMs.js';
import type { Actor, Instant, SubjectInput, SubjectRef } from '../types.js';
import { readActor } from './readActor.js';

/** A request's inputs, checked and normalised. */
export interface ReadRequest {
  subject: SubjectRef;
  agentId: string;
  actor: Actor;
  nowMs: number;
}

/**
 * Checks what a manual assignment or an application names: a subject with an
 * id (kind defaulting to `'customer'`), an agent id, an actor and an instant.
 *
 * @internal
 * @param input - the request's subject, agent, actor and time
 * @returns the normalised request
 * @throws WorkflowError `invalid_input` (or AssignmentError `invalid_input` for a bad `now`)
 * @example
 * ```ts
 * readRequest({ subject: { id: 'c-1' }, agentId: 'li-lei', actor, now: '2026-10-01T09:00:00Z' }).subject;
 * // { id: 'c-1', kind: 'customer' }
 * ```
 */
export function readRequest(input: { subject: SubjectInput; agentId: string; actor: Actor; now: Instant }): ReadRequest {
  const { subject, agentId } = input;
  if (typeof subject !== 'object' || subject === null || typeof subject.id !== 'string' || subject.id === '') {
    throw new WorkflowError('invalid_input', 'subject must have a non-empty string id');
  }
  const kind = subject.kind ?? 'customer';
  if (kind !== 'customer' && kind !== 'contact') {
    throw new WorkflowError('invalid_input', `subject.kind must be 'customer' or 'contact', not ${JSON.stringify(kind)}`);
  }
  if (typeof agentId !== 'string' || agentId === '') {
    throw new WorkflowError('invalid_input', 'agentId must be a non-empty string');
  }
  return { subject: { id: subject.id, kind }, agentId, actor: readActor(input.actor), nowMs: toEpochMs(input.now, 'now') };
}
