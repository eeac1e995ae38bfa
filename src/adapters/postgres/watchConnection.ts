import type { PgClientLike } from './postgresClient.js';

/** Whether a connection is still usable while the store holds it. */
export interface ConnectionWatch {
  /** Why the connection cannot be reused, once known. */
  lost: Error | null;
  /** Stops listening; call before handing the connection back. */
  stop(): void;
}

/**
 * Listens for a `pg` connection's `error` events while the store uses it. A
 * connection that drops between two statements (a server restart, a
 * terminated backend) emits `error` with nobody waiting for a result, and an
 * unheard `error` event would crash the process; here it only marks the
 * connection as lost, so the pool discards it.
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
  const onError = (error: Error): void => {
    watch.lost ??= error;
  };
  const watch: ConnectionWatch = {
    lost: null,
    stop: () => client.removeListener?.('error', onError),
  };
  client.on?.('error', onError);
  return watch;
}
