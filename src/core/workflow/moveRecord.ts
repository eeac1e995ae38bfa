import type {
  Actor,
  AssignmentRecord,
  Effect,
  NotifyEvent,
  Recipient,
  RecordStatus,
  Transition,
  WorkflowEvent,
  WorkflowResult,
} from '../types.js';
import { pendingExpiry } from './createRecord.js';
import { effectsOnEntry } from './effectsOnEntry.js';
import { notificationEffect, requesterRecipient } from './notificationEffect.js';

/** The circumstances of an accepted event. */
export interface MoveContext {
  nowMs: number;
  actor: Actor;
  note?: string;
  /** Arms `expiresAt` when the record enters a pending status; null: never expires. */
  pendingTimeoutMs: number | null;
}

/**
 * Applies an event already accepted by `assertEventAccepted`: a new record
 * (history copied and appended, `updatedAt = now`, version + 1, `expiresAt`
 * re-armed on entering a pending status and cleared otherwise), its transition
 * and the effects — the notifications the event calls for, then the effects of
 * the status entered (`effectsOnEntry`).
 *
 * @internal
 * @param record - the record before the event (not mutated)
 * @param event - the accepted event
 * @param to - the status the event leads to
 * @param context - when, by whom, and the timeout to arm
 * @returns the workflow result for this one record
 * @example
 * ```ts
 * moveRecord(record, 'confirm', 'effective', { nowMs, actor, pendingTimeoutMs: null });
 * ```
 */
export function moveRecord(record: AssignmentRecord, event: WorkflowEvent, to: RecordStatus, context: MoveContext): WorkflowResult {
  const { nowMs, actor, note } = context;
  const transition: Transition = {
    recordId: record.id,
    from: record.status,
    to,
    at: new Date(nowMs),
    by: actor,
    ...(note === undefined ? {} : { note }),
  };
  const moved: AssignmentRecord = {
    ...record,
    status: to,
    updatedAt: new Date(nowMs),
    expiresAt: pendingExpiry(to, nowMs, context.pendingTimeoutMs),
    history: [...record.history, transition],
    version: record.version + 1,
  };
  const at = new Date(nowMs);
  const effects = [...eventNotifications(record, event, actor, at), ...effectsOnEntry(moved, at)];
  if (to === 'effective') {
    // The requester waited for approval or confirmation; tell them it is done.
    effects.push(notificationEffect(moved, requesterRecipient(record.requestedBy), 'assigned', at));
  }
  return { record: moved, others: [], transitions: [transition], effects: uniqueNotifications(effects) };
}

type AskedParty = { type: 'agent'; id: string } | { type: 'admins' };

/** Who was asked to act on a pending record: the agent to confirm, the admins to approve. */
function askedParty(record: AssignmentRecord): AskedParty {
  return record.status === 'pending_confirmation' ? { type: 'agent', id: record.agentId } : { type: 'admins' };
}

function isParty(actor: Actor, party: AskedParty): boolean {
  return party.type === 'admins' ? actor.role === 'admin' : actor.role === 'agent' && actor.id === party.id;
}

/** Notifications the event itself calls for, beyond those of the status it leads to. */
function eventNotifications(before: AssignmentRecord, event: WorkflowEvent, actor: Actor, at: Date): Effect[] {
  const requester = requesterRecipient(before.requestedBy);
  const tell = (recipient: Recipient, what: NotifyEvent): Effect => notificationEffect(before, recipient, what, at);
  switch (event) {
    case 'approve':
      return [tell(requester, 'approved')];
    case 'reject':
      return [tell(requester, 'rejected')];
    case 'decline':
      return [tell(requester, 'declined')];
    case 'cancel': {
      const effects: Effect[] = [];
      const party = askedParty(before);
      // Nobody is told what they did themselves.
      if (!isParty(actor, party)) effects.push(tell(party, 'cancelled'));
      if (actor.id !== before.requestedBy.id) effects.push(tell(requester, 'cancelled'));
      return effects;
    }
    case 'expire':
      return [tell(askedParty(before), 'expired'), tell(requester, 'expired')];
    default:
      // confirm: effectsOnEntry and the requester's 'assigned' say it all;
      // end: the record that replaced this one already told both agents and moved the serving counts.
      return [];
  }
}

/** Drops a notification already present (same recipient, same event): e.g. admins who are both asked and the requester. */
function uniqueNotifications(effects: Effect[]): Effect[] {
  const seen = new Set<string>();
  return effects.filter((effect) => {
    if (effect.type !== 'notify') return true;
    const key = JSON.stringify([effect.recipient, effect.event]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
