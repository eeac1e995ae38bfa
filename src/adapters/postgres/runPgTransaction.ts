import { pgRawSession } from './pgRawSession.js';
import type { PgClientLike } from './postgresClient.js';
import type { SqlSession, SqlStatement, TransactionOutcome } from './sqlSession.js';
import { trackedSession } from './trackedSession.js';
import type { ConnectionWatch } from './watchConnection.js';

// READ COMMITTED whatever the server's default: the assignment lock relies on
// each statement after it taking a fresh snapshot.
const BEGIN: SqlStatement = { label: 'transaction (BEGIN)', text: 'BEGIN ISOLATION LEVEL READ COMMITTED' };
const COMMIT: SqlStatement = { label: 'transaction (COMMIT)', text: 'COMMIT' };

/**
 * Runs `work` in one transaction on a `pg` connection: `BEGIN`, the work,
 * then — when it resolves and no statement failed — its final statement and
 * `COMMIT` in one round trip (the simple query protocol runs both, stopping at
 * the first error), else `ROLLBACK` and the error. An error thrown by `work` is rethrown unchanged; a failed
 * statement that `work` caught and ignored is thrown anyway (PostgreSQL has
 * aborted the transaction, so nothing was committed). When `ROLLBACK` or
 * `COMMIT` fails, the connection is marked lost so a pool discards it.
 *
 * @internal
 * @param client - a connection nobody else uses meanwhile
 * @param watch - the connection's watch, marked when it is lost
 * @param work - the statements
 * @returns the value `work` returned, once committed
 * @example
 * ```ts
 * const watch = watchConnection(client);
 * const n = await runPgTransaction(client, watch, (session) => session.query(statement));
 * ```
 */
export async function runPgTransaction<T>(
  client: PgClientLike,
  watch: ConnectionWatch,
  work: (session: SqlSession) => Promise<TransactionOutcome<T>>,
): Promise<T> {
  const session = trackedSession(pgRawSession(client));
  await session.query(BEGIN).catch((error: unknown) => {
    watch.lost ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  });
  const rollback = (): Promise<void> =>
    client.query('ROLLBACK').then(
      () => undefined,
      (rollbackError: unknown) => {
        watch.lost ??= rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      },
    );
  let outcome: TransactionOutcome<T>;
  try {
    outcome = await work(session);
    const failure = session.failure();
    if (failure !== null) throw failure;
  } catch (error) {
    await rollback();
    throw error;
  }
  const { final } = outcome;
  try {
    if (final === null) await session.query(COMMIT);
    else await session.script(final.statement.label, `${final.inlined};\nCOMMIT`);
  } catch (error) {
    // Either the final statement failed (the transaction is aborted: roll it
    // back) or COMMIT did (already over: ROLLBACK only warns). When the
    // connection itself dropped, ROLLBACK fails and the pool discards it.
    await rollback();
    throw error;
  }
  return outcome.value;
}
