import { AssignmentError } from '../../core/errors.js';
import { clientConnector } from './clientConnector.js';
import { pgliteConnector } from './pgliteConnector.js';
import { poolConnector } from './poolConnector.js';
import type { PGliteLike, PgClientLike, PgPoolLike, PostgresClient } from './postgresClient.js';
import type { SqlSession, SqlStatement, TransactionOutcome } from './sqlSession.js';

/** How the store reaches the database, whatever the client. */
export interface PostgresConnector {
  /**
   * Runs `work` in one transaction on a connection nobody else uses meanwhile;
   * when it resolves, runs its final statement and commits (in one round trip
   * where the client allows). Errors of `work` pass unchanged; database
   * failures arrive as `ConcurrencyError` or `StoreError`.
   */
  transaction<T>(work: (session: SqlSession) => Promise<TransactionOutcome<T>>): Promise<T>;
  /** Runs one statement on its own (autocommit), never inside another caller's transaction. */
  query<Row>(statement: SqlStatement, values?: readonly unknown[]): Promise<Row[]>;
}

/**
 * Tells the client kinds apart by their shape (the store imports neither `pg`
 * nor PGlite): PGlite has `exec` and `transaction`; a `pg.Pool` has
 * `connect` and pool counters; anything else with `query` is a single
 * connection such as a `pg.Client`.
 *
 * @internal
 * @param client - what the caller passed to `createPostgresStore`
 * @returns the connector for it
 * @throws AssignmentError `invalid_input` when it is none of these
 * @example
 * ```ts
 * const connector = postgresConnector(new pg.Pool({ connectionString }));
 * ```
 */
export function postgresConnector(client: PostgresClient): PostgresConnector {
  const shape = client as unknown as Partial<Record<string, unknown>> | null;
  if (typeof shape !== 'object' || shape === null || typeof shape.query !== 'function') {
    throw new AssignmentError('invalid_input', 'client must be a pg.Pool, a pg.Client or a PGlite instance');
  }
  if (typeof shape.exec === 'function' && typeof shape.transaction === 'function') return pgliteConnector(client as PGliteLike);
  if (typeof shape.connect === 'function' && typeof shape.totalCount === 'number') return poolConnector(client as PgPoolLike);
  return clientConnector(client as PgClientLike);
}
