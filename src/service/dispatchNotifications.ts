import type { OutboxEntry } from '../ports.js';
import { callStore } from './callStore.js';
import { sendNotification } from './sendNotification.js';
import type { ServiceContext } from './serviceContext.js';
import type { DispatchResult, NotificationFailure } from './types.js';

/**
 * `service.dispatchNotifications`: delivers the outbox at least once. Claims
 * due entries in batches with a lease (other dispatchers cannot take them
 * before it ends), sends each through the notifier in order (each send given
 * at most `dispatch.sendTimeoutMs`), removes the delivered ones and
 * reschedules each failed one with exponential back-off
 * (`backoffBaseMs · 2^(attempts − 1)`, at most `backoffMaxMs`), recording the
 * error in the outbox. A failing notifier therefore loses nothing and blocks
 * nothing else: assignments never wait for it. Each failure is returned and
 * passed to `onNotificationError` (not awaited; its errors are ignored).
 * Without a notifier it does nothing and the entries wait. A crash between
 * sending and completing means a second delivery after the lease: notifiers
 * de-duplicate by `notification.id`.
 *
 * @internal
 * @param context - the service's context
 * @returns how many notifications were delivered and how many failed in this run, and the failures
 * @throws StoreError when the outbox cannot be read or updated
 * @example
 * ```ts
 * setInterval(() => dispatchNotifications(context), 5_000);
 * ```
 */
export async function dispatchNotifications(context: ServiceContext): Promise<DispatchResult> {
  const { notifier, store, clock } = context;
  const { batchSize, leaseMs, sendTimeoutMs } = context.dispatch;
  const result: DispatchResult = { delivered: 0, failed: 0, failures: [] };
  if (notifier === null) return result;
  for (;;) {
    const now = clock.now().getTime();
    const batch = await callStore('claimOutbox', () => store.claimOutbox(new Date(now), batchSize, new Date(now + leaseMs)));
    const delivered: string[] = [];
    for (const entry of batch) {
      try {
        await sendNotification(notifier, entry.notification, sendTimeoutMs);
        delivered.push(entry.notification.id);
      } catch (error) {
        const failure = failureOf(context, entry, error, now);
        await callStore('failOutbox', () => store.failOutbox(failure.id, failure.nextAttemptAt, failure.error));
        result.failed++;
        result.failures.push(failure);
        report(context, failure);
      }
    }
    if (delivered.length > 0) await callStore('completeOutbox', () => store.completeOutbox(delivered));
    result.delivered += delivered.length;
    if (batch.length < batchSize) return result;
  }
}

function failureOf(context: ServiceContext, entry: OutboxEntry, error: unknown, now: number): NotificationFailure {
  const { backoffBaseMs, backoffMaxMs } = context.dispatch;
  const { id, recipient, event, recordId } = entry.notification;
  const wait = Math.min(backoffMaxMs, backoffBaseMs * 2 ** entry.attempts);
  return { id, recipient, event, recordId, error: messageOf(error), attempts: entry.attempts + 1, nextAttemptAt: new Date(now + wait) };
}

/** The error's message; a thrown non-Error (or one whose message cannot be read) as text. */
function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return 'the notifier threw a value that cannot be shown as text';
  }
}

/** Hands the failure to `onNotificationError`, never letting it break dispatch. */
function report(context: ServiceContext, failure: NotificationFailure): void {
  const callback = context.onNotificationError;
  if (callback === null) return;
  try {
    // A returned promise (or thenable) is not awaited; its rejection is swallowed too.
    Promise.resolve(callback(structuredClone(failure))).catch(() => undefined);
  } catch {
    // Documented: the callback's errors are ignored.
  }
}
