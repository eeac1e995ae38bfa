import type { AssignmentRecord, Effect } from '../types.js';
import { notificationEffect } from './notificationEffect.js';

/**
 * What must happen when a record becomes effective, whether at creation or
 * after approval/confirmation: the subject gets the agent, the agent's
 * `serving` count goes up, the replaced agent's goes down, and both agents are
 * told. The replaced agent is the record's `previousAgentId` (the subject's
 * agent when the record was created; it cannot change while the record is
 * pending, since a subject has at most one pending record and only a manual
 * assignment, which cancels that record, overrides it). When the record names
 * the agent the subject already has, the serving counts stay as they are.
 * `stats.assigned` is not produced here: it counts auto assignments when they
 * are made, pending or not.
 *
 * @internal shared by the workflow functions and `assignCustomer`
 * @param record - the record, already in status `effective`
 * @param at - when it became effective
 * @param into - an array to append to (default a new one)
 * @returns `into`, with the effects appended in the order the service should apply them
 * @example
 * ```ts
 * effectsOnEffective(record, now);
 * // [subject.setAgent, stats.serving +1 (new), stats.serving −1 (replaced),
 * //  notify agent 'assigned', notify replaced agent 'unassigned']
 * ```
 */
export function effectsOnEffective(record: AssignmentRecord, at: Date, into: Effect[] = []): Effect[] {
  const previous = record.previousAgentId;
  const replaces = previous !== null && previous !== record.agentId;
  const effects = into;
  effects.push(
    {
      type: 'subject.setAgent',
      // The record's own subject reference: records and effects are immutable data.
      subject: record.subject,
      agentId: record.agentId,
      previousAgentId: previous,
      recordId: record.id,
    },
  );
  if (previous !== record.agentId) {
    effects.push({ type: 'stats.serving', agentId: record.agentId, delta: 1, at });
  }
  if (replaces) effects.push({ type: 'stats.serving', agentId: previous, delta: -1, at });
  effects.push(notificationEffect(record, { type: 'agent', id: record.agentId }, 'assigned', at));
  if (replaces) effects.push(notificationEffect(record, { type: 'agent', id: previous }, 'unassigned', at));
  return effects;
}
