import { callStore } from './callStore.js';
import type { ServiceContext } from './serviceContext.js';
import type { DispatchResult } from './types.js';

/**
 * `service.dispatchNotifications`: delivers the outbox at least once. Claims
 * due entries in batches with a lease (other dispatchers cannot take them
 * before it ends), sends each through the notifier in order, removes the
 * delivered ones and reschedules each failed one with exponential back-off
 * (`backoffBaseMs · 2^(attempts − 1)`, at most `backoffMaxMs`), recording the
 * error. A failing notifier therefore loses nothing and blocks nothing else:
 * assignments never wait for it. Without a notifier it does nothing and the
 * entries wait. A crash between sending and completing means a second delivery
 * after the lease: notifiers de-duplicate by `notification.id`.
 *
 * @internal
 * @param context - the service's context
 * @returns how many notifications were delivered and how many failed in this run
 * @throws StoreError when the outbox cannot be read or updated
 * @example
 * ```ts
 * setInterval(() => dispatchNotifications(context), 5_000);
 * ```
 */
export async function dispatchNotifications(context: ServiceContext): Promise<DispatchResult> {
  const { notifier, store, clock } = context;
  const { batchSize, leaseMs, backoffBaseMs, backoffMaxMs } = context.dispatch;
  const counts: DispatchResult = { delivered: 0, failed: 0 };
  if (notifier === null) return counts;
  for (;;) {
    const now = clock.now().getTime();
    const batch = await callStore('claimOutbox', () => store.claimOutbox(new Date(now), batchSize, new Date(now + leaseMs)));
    const delivered: string[] = [];
    for (const { notification, attempts } of batch) {
      try {
        await notifier.send(notification);
        delivered.push(notification.id);
      } catch (error) {
        counts.failed++;
        const wait = Math.min(backoffMaxMs, backoffBaseMs * 2 ** attempts);
        const message = error instanceof Error ? error.message : String(error);
        await callStore('failOutbox', () => store.failOutbox(notification.id, new Date(now + wait), message));
      }
    }
    if (delivered.length > 0) await callStore('completeOutbox', () => store.completeOutbox(delivered));
    counts.delivered += delivered.length;
    if (batch.length < batchSize) return counts;
  }
}
