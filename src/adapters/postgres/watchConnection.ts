import { listenForErrors } from './listenForErrors.js';
import type { PgClientLike } from './postgresClient.js';

/** Whether a connection is still usable while the store holds it. */
export interface ConnectionWatch {
  /** Why the connection cannot be reused, once known. */
  lost: Error | null;
  /** Stops listening; call before handing the connection back. */
  stop(): void;
}

/**
 * Routes a `pg` connection's `error` events to the call that uses it, for
 * as long as it does. A connection that drops between two statements (a
 * server restart, a terminated backend) emits `error` with nobody waiting for
 * a result; here it only marks the connection as lost, so the pool discards
 * it, and the call's next statement fails with a `StoreError`. The listener
 * itself is the connection's lifelong one (`listenForErrors`), so an error
 * that arrived before this call is not missed either: the watch starts lost.
 *
 * @internal
 * @param client - the connection
 * @returns the watch
 * @example
 * ```ts
 * const watch = watchConnection(client);
 * try { … } finally { watch.stop(); client.release(watch.lost ?? undefined); }
 * ```
 */
export function watchConnection(client: PgClientLike): ConnectionWatch {
  const errors = listenForErrors(client);
  const onError = (error: Error): void => {
    watch.lost ??= error;
  };
  const watch: ConnectionWatch = {
    lost: errors.earlier,
    stop: () => {
      if (errors.current === onError) errors.current = null;
    },
  };
  errors.current = onError;
  return watch;
}
