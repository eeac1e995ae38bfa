import { listenForErrors } from './listenForErrors.js';
import { pgRawSession } from './pgRawSession.js';
import type { PostgresConnector } from './postgresConnector.js';
import type { PgClientLike } from './postgresClient.js';
import { runPgTransaction } from './runPgTransaction.js';
import { trackedSession } from './trackedSession.js';
import { watchConnection } from './watchConnection.js';

/** The tail of each connection's queue, shared by every store on that connection. */
const queues = new WeakMap<object, Promise<unknown>>();

/**
 * A connector over one `pg` connection (a `pg.Client`): transactions and
 * single statements queue on a promise chain, so a statement never lands in
 * the middle of another call's transaction. The queue belongs to the
 * connection, so two stores on one client still take turns. The client gets
 * an `error` listener for the rest of its life (`listenForErrors`): a dropped
 * connection fails the next call with a `StoreError` instead of crashing the
 * process.
 *
 * @internal
 * @param client - the caller's connected client (never ended by the store)
 * @returns the connector
 * @example
 * ```ts
 * const client = new pg.Client({ connectionString });
 * await client.connect();
 * const connector = clientConnector(client);
 * ```
 */
export function clientConnector(client: PgClientLike): PostgresConnector {
  const exclusive = <T>(job: () => Promise<T>): Promise<T> => {
    const run = (queues.get(client) ?? Promise.resolve()).then(job);
    queues.set(
      client,
      run.catch(() => undefined),
    );
    return run;
  };
  listenForErrors(client);
  const single = trackedSession(pgRawSession(client));
  return {
    transaction: (work) =>
      exclusive(async () => {
        const watch = watchConnection(client);
        try {
          return await runPgTransaction(client, watch, work);
        } finally {
          watch.stop();
        }
      }),
    query: (statement, values) => exclusive(() => single.query(statement, values)),
  };
}
