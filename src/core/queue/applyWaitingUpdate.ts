import type { SubjectRef, WaitingEntry, WaitingUpdate } from '../types.js';

/**
 * A subject's waiting entry after an update, as every store must keep it:
 * `leave` removes it; `wait` creates it (with the update's `since`, no
 * attempts, not alerted) or updates it in place — reason, rule, `retryAt` and
 * priority from the update, `since` and `alertedAt` kept, `attempts` + 1 for a
 * drain's decision; `stay` keeps it as it is.
 *
 * @param subject - the subject
 * @param entry - its entry, or null when it is not waiting
 * @param update - the update
 * @returns the entry after the update, or null when it does not wait
 * @example
 * ```ts
 * const next = applyWaitingUpdate(subject, current, { type: 'leave' }); // null
 * ```
 */
export function applyWaitingUpdate(subject: SubjectRef, entry: WaitingEntry | null, update: WaitingUpdate): WaitingEntry | null {
  switch (update.type) {
    case 'leave':
      return null;
    case 'stay':
      return entry;
    case 'wait':
      return {
        subject: { id: subject.id, kind: subject.kind },
        since: new Date((entry?.since ?? update.since).getTime()),
        reason: update.reason,
        ruleId: update.ruleId,
        retryAt: update.retryAt === null ? null : new Date(update.retryAt.getTime()),
        priority: update.priority,
        attempts: (entry?.attempts ?? 0) + (update.attempted ? 1 : 0),
        alertedAt: entry?.alertedAt == null ? null : new Date(entry.alertedAt.getTime()),
      };
  }
}
