import type { AssignmentRecord, Effect } from '../types.js';
import { effectsOnEffective } from './effectsOnEffective.js';
import { notificationEffect } from './notificationEffect.js';

/**
 * What must happen when a record enters its current non-final status, at
 * creation or by a transition: a pending approval asks the admins, a pending
 * confirmation asks the agent, an effective record applies `effectsOnEffective`.
 * Final statuses produce nothing here (their notifications depend on the event
 * that led to them).
 *
 * @internal shared by the workflow functions and `assignCustomer`
 * @param record - the record in the status it just entered
 * @param at - when it entered it
 * @param into - an array to append to (default a new one)
 * @returns `into`, with the effects appended
 * @example
 * ```ts
 * effectsOnEntry(createRecord({ ...input, status: 'pending_confirmation' }), now);
 * // [notify agent 'confirmation_requested']
 * ```
 */
export function effectsOnEntry(record: AssignmentRecord, at: Date, into: Effect[] = []): Effect[] {
  switch (record.status) {
    case 'pending_approval':
      into.push(notificationEffect(record, { type: 'admins' }, 'approval_requested', at));
      return into;
    case 'pending_confirmation':
      into.push(notificationEffect(record, { type: 'agent', id: record.agentId }, 'confirmation_requested', at));
      return into;
    case 'effective':
      return effectsOnEffective(record, at, into);
    default:
      return into;
  }
}
