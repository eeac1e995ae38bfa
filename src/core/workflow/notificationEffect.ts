import type { Actor, AssignmentRecord, Effect, NotifyEvent, Recipient } from '../types.js';

/**
 * A `notify` effect about a record: who is told what, and when.
 *
 * @internal
 * @param record - the record the notification is about
 * @param recipient - who receives it
 * @param event - what happened
 * @param at - when it happened
 * @returns the effect, plain data
 * @example
 * ```ts
 * notificationEffect(record, { type: 'agent', id: record.agentId }, 'assigned', now);
 * ```
 */
export function notificationEffect(record: AssignmentRecord, recipient: Recipient, event: NotifyEvent, at: Date): Effect {
  return {
    type: 'notify',
    recipient,
    event,
    recordId: record.id,
    subject: record.subject,
    agentId: record.agentId,
    at,
  };
}

/**
 * Who hears back about a request: the person who made it, or — when the library
 * made it (auto records) — the admins, since nobody else is watching.
 *
 * @internal
 * @param requestedBy - the record's requester
 * @returns the recipient
 * @example
 * ```ts
 * requesterRecipient({ id: 'sales-1', role: 'business' }); // { type: 'user', id: 'sales-1' }
 * requesterRecipient(SYSTEM_ACTOR);                          // { type: 'admins' }
 * ```
 */
export function requesterRecipient(requestedBy: Actor): Recipient {
  return requestedBy.role === 'system' ? { type: 'admins' } : { type: 'user', id: requestedBy.id };
}
