import { AssignmentError } from '../core/errors.js';
import type { Notification, Notifier } from '../ports.js';

/**
 * Sends one notification through the notifier, giving it at most `timeoutMs`.
 * A notifier that throws (synchronously or not) rejects with its error; one
 * still unfinished after `timeoutMs` rejects with an `AssignmentError`
 * `notifier_failure`, and whatever it does later is ignored (its delivery may
 * still happen: delivery is at least once, notifiers de-duplicate by id).
 *
 * @internal
 * @param notifier - the service's notifier
 * @param notification - what to send
 * @param timeoutMs - the longest wait, in milliseconds
 * @returns a promise fulfilled when the notifier finished in time
 * @throws whatever the notifier threw, or AssignmentError `notifier_failure` on timeout
 * @example
 * ```ts
 * await sendNotification({ send: () => new Promise(() => {}) }, notification, 1_000);
 * // AssignmentError: notifier.send did not finish within 1000 ms
 * ```
 */
export async function sendNotification(notifier: Notifier, notification: Notification, timeoutMs: number): Promise<void> {
  // Through a promise, so a synchronous throw becomes a rejection like any other failure.
  const sending = Promise.resolve().then(() => notifier.send(notification));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new AssignmentError('notifier_failure', `notifier.send did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([sending, timeout]);
  } finally {
    clearTimeout(timer);
    // A send that fails after its timeout must not become an unhandled rejection.
    sending.catch(() => undefined);
  }
}
