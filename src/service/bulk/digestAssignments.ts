import type { ChangeSet, Notification } from '../../ports.js';
import type { TransactionCall } from '../serviceContext.js';

/**
 * A batch's change set with its agents' `assigned` notifications summed up:
 * per agent, the `assigned` notifications addressed to it become one
 * `assigned_digest` notification (a fresh id, no record, the first of its
 * subjects, the batch's instant) whose `count` is how many they were, placed
 * where the first of them was. Every other notification (confirmation
 * requests, those to other recipients) stays as it is: each asks for
 * something about one record.
 *
 * @internal
 * @param changes - the batch's merged change set
 * @param call - the transaction attempt (its instant and ids)
 * @returns the change set to commit
 * @example
 * ```ts
 * await call.tx.commit(digestAssignments(mergeChangeSets(changes), call));
 * // 312 'assigned' notifications to li-lei → one { event: 'assigned_digest', count: 312 }
 * ```
 */
export function digestAssignments(changes: ChangeSet, call: TransactionCall): ChangeSet {
  const digests = new Map<string, Notification>();
  const outbox: Notification[] = [];
  for (const notification of changes.outbox) {
    const { event, recipient } = notification;
    if (event !== 'assigned' || recipient.type !== 'agent') {
      outbox.push(notification);
      continue;
    }
    const digest = digests.get(recipient.id);
    if (digest !== undefined) {
      digest.count! += 1;
      continue;
    }
    const first: Notification = {
      id: call.nextId(),
      event: 'assigned_digest',
      recipient,
      recordId: null,
      subject: notification.subject,
      agentId: recipient.id,
      at: call.now,
      count: 1,
    };
    digests.set(recipient.id, first);
    outbox.push(first);
  }
  return { ...changes, outbox };
}
