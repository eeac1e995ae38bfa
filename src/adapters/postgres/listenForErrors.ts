import type { PgClientLike } from './postgresClient.js';

/** Where a connection's `error` events go: the watch of the call using it, else kept for the next one. */
export interface ConnectionErrors {
  /** Called with each `error` event while a call uses the connection. */
  current: ((error: Error) => void) | null;
  /** The first error that arrived while no call used the connection. */
  earlier: Error | null;
}

const listened = new WeakMap<object, ConnectionErrors>();

/**
 * Gives a `pg` connection an `error` listener for the rest of its life (once;
 * later calls return the same sink). Node kills the process on an `error`
 * event nobody listens to, and a connection can emit one at any instant — a
 * FATAL message (57P01, the backend was terminated) can arrive in the same
 * socket read as a new connection's ReadyForQuery, before the code that asked
 * for the connection runs again. So the listener must exist before the
 * connection is handed out: the pool connector calls this from the pool's
 * `connect` and `acquire` events, which `pg-pool` emits synchronously before
 * it hands a connection out. The error reaches the call that uses the
 * connection (`watchConnection`), which turns it into a `StoreError`; one that
 * arrives between calls is kept, and the next call starts with its connection
 * marked lost. A client without `on` (a test double) is left as it is.
 *
 * @internal
 * @param client - the connection
 * @returns where its errors go
 * @example
 * ```ts
 * pool.on('acquire', (client) => listenForErrors(client));
 * ```
 */
export function listenForErrors(client: PgClientLike): ConnectionErrors {
  const known = listened.get(client);
  if (known !== undefined) return known;
  const sink: ConnectionErrors = { current: null, earlier: null };
  listened.set(client, sink);
  client.on?.('error', (error: Error) => {
    if (sink.current !== null) sink.current(error);
    else sink.earlier ??= error;
  });
  return sink;
}
