import { databaseError } from './databaseError.js';
import type { PostgresConnector } from './postgresConnector.js';
import type { PGliteLike, PGliteResultLike, PGliteTransactionLike } from './postgresClient.js';
import { type RawSqlSession, trackedSession } from './trackedSession.js';

/**
 * A connector over a PGlite instance (PostgreSQL in WebAssembly, in this
 * process, one connection). Transactions use PGlite's own `transaction()`,
 * which holds the connection exclusively — also against code outside the
 * store that shares the instance — and rolls back when the work throws. In
 * process, a round trip costs little, so the final statement runs on its own
 * with parameters.
 *
 * @internal
 * @param db - the caller's PGlite instance (never closed by the store)
 * @returns the connector
 * @example
 * ```ts
 * const connector = pgliteConnector(new PGlite());
 * ```
 */
export function pgliteConnector(db: PGliteLike): PostgresConnector {
  const single = trackedSession(pgliteRawSession(db));
  return {
    async transaction(work) {
      let workFailure: { error: unknown } | null = null;
      try {
        return await db.transaction(async (tx) => {
          const session = trackedSession(pgliteRawSession(tx));
          try {
            const { value, final } = await work(session);
            const failure = session.failure();
            if (failure !== null) throw failure;
            if (final !== null) await session.query(final.statement, final.values);
            return value;
          } catch (error) {
            workFailure = { error };
            throw error;
          }
        });
      } catch (error) {
        if (workFailure !== null && (workFailure as { error: unknown }).error === error) throw error;
        throw databaseError(error, 'transaction');
      }
    },
    query: (statement, values) => single.query(statement, values),
  };
}

function pgliteRawSession(connection: PGliteTransactionLike): RawSqlSession {
  return {
    async query(statement, values) {
      return (await connection.query(statement.text, [...values])).rows;
    },
    async script(text) {
      const results = (await connection.exec(text)) as PGliteResultLike[];
      return results[results.length - 1]?.rows ?? [];
    },
  };
}
