import { databaseError } from './databaseError.js';
import { listenForErrors } from './listenForErrors.js';
import { pgRawSession } from './pgRawSession.js';
import type { PostgresConnector } from './postgresConnector.js';
import type { PgPoolClientLike, PgPoolLike } from './postgresClient.js';
import { runPgTransaction } from './runPgTransaction.js';
import { trackedSession } from './trackedSession.js';
import { watchConnection } from './watchConnection.js';

/** Pools whose connections already get an `error` listener at hand-out. */
const listenedPools = new WeakSet<object>();

/**
 * A connector over a `pg.Pool`: every transaction checks out its own
 * connection, so transactions of one process run in parallel and the
 * database's locks order them; a single statement uses `pool.query`. A
 * connection that failed is discarded, not returned to the pool. Every
 * connection gets an `error` listener from the pool's `connect` and `acquire`
 * events, before the pool hands it out (`listenForErrors`), so a connection
 * error can never crash the process; errors of idle connections are the
 * pool's own `error` event, for the caller to listen to.
 *
 * @internal
 * @param pool - the caller's pool (never ended by the store)
 * @returns the connector
 * @example
 * ```ts
 * const connector = poolConnector(new pg.Pool({ connectionString, max: 8 }));
 * ```
 */
export function poolConnector(pool: PgPoolLike): PostgresConnector {
  const single = trackedSession(pgRawSession(pool));
  if (!listenedPools.has(pool)) {
    listenedPools.add(pool);
    pool.on?.('connect', listenForErrors);
    pool.on?.('acquire', listenForErrors);
  }
  return {
    async transaction(work) {
      let client: PgPoolClientLike;
      try {
        client = await pool.connect();
      } catch (error) {
        throw databaseError(error, 'connect');
      }
      const watch = watchConnection(client);
      try {
        return await runPgTransaction(client, watch, work);
      } finally {
        watch.stop();
        client.release(watch.lost ?? undefined);
      }
    },
    query: (statement, values) => single.query(statement, values),
  };
}
