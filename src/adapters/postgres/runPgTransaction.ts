import { CommitUnknownError } from '../../core/errors.js';
import { databaseError } from './databaseError.js';
import { inlineStatement } from './inlineStatement.js';
import { isConnectionLoss } from './isConnectionLoss.js';
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
 * Runs `work` in one transaction on a `pg` connection. `BEGIN` travels with
 * the first statement of the work, in one round trip (the simple query
 * protocol runs both, stopping at the first error), when that statement's
 * parameters can be written as literals (`inlineStatement`); else it goes
 * first, on its own. When the work resolves and no statement failed, its
 * final statement and `COMMIT` go in one round trip too; else `ROLLBACK`,
 * and the error. So a transaction of a few statements costs one round trip
 * per statement. An error thrown by `work` is rethrown unchanged; a failed
 * statement that `work` caught and ignored is thrown anyway (PostgreSQL has
 * aborted the transaction, so nothing was committed). When `BEGIN`,
 * `ROLLBACK` or `COMMIT` fails, the connection is marked lost so a pool
 * discards it. When the connection is lost during the round trip that carries
 * `COMMIT`, the outcome is unknown: `CommitUnknownError`, as the port asks.
 *
 * @internal
 * @param client - a connection nobody else uses meanwhile
 * @param watch - the connection's watch, marked when it is lost
 * @param work - the statements
 * @returns the value `work` returned, once committed
 * @throws StoreError when the connection was already lost; CommitUnknownError when it was lost after COMMIT was sent
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
  // The connection reported an error before this call began: it is gone; fail now rather than wait on it.
  if (watch.lost !== null) throw databaseError(watch.lost, 'connection');
  const tracked = trackedSession(pgRawSession(client));
  const lose = (error: unknown): void => {
    watch.lost ??= error instanceof Error ? error : new Error(String(error));
  };
  let begun = false;
  const session: SqlSession = {
    async query<Row>(statement: SqlStatement, values: readonly unknown[] = []) {
      if (begun) return tracked.query<Row>(statement, values);
      begun = true;
      const inlined = inlineStatement(statement, values);
      if (inlined !== null) return tracked.scriptRows<Row>(statement.label, `${BEGIN.text};\n${inlined}`);
      await tracked.query(BEGIN).catch((error: unknown) => {
        lose(error);
        throw error;
      });
      return tracked.query<Row>(statement, values);
    },
    async script(label, text) {
      const begin = begun ? '' : `${BEGIN.text};\n`;
      begun = true;
      await tracked.script(label, `${begin}${text}`);
    },
  };
  const rollback = (): Promise<void> =>
    begun
      ? client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => lose(rollbackError),
        )
      : Promise.resolve();
  let outcome: TransactionOutcome<T>;
  try {
    outcome = await work(session);
    const failure = tracked.failure();
    if (failure !== null) throw failure;
  } catch (error) {
    await rollback();
    throw error;
  }
  const { final } = outcome;
  if (final !== null && final.inlined === null) {
    // Sent with its parameters before COMMIT: when it fails, nothing was committed, and that is certain.
    try {
      await session.query(final.statement, final.values);
      const failure = tracked.failure();
      if (failure !== null) throw failure;
    } catch (error) {
      await rollback();
      throw error;
    }
  }
  try {
    if (final !== null && final.inlined !== null) {
      await tracked.script(final.statement.label, `${begun ? '' : `${BEGIN.text};\n`}${final.inlined};\nCOMMIT`);
    } else if (final !== null) await tracked.query(COMMIT);
    else if (begun) await tracked.query(COMMIT);
    // Nothing was read or written: there is no transaction to end.
  } catch (error) {
    // Either the final statement failed (the transaction is aborted: roll it
    // back) or COMMIT did (already over: ROLLBACK only warns). When the
    // connection itself dropped, ROLLBACK fails and the pool discards it.
    begun = true;
    await rollback();
    // COMMIT was sent and no answer came back: it may have committed or not.
    if (isConnectionLoss(error)) {
      throw new CommitUnknownError(`PostgreSQL store: the connection was lost after COMMIT was sent: ${errorMessage(error)}`, { cause: error });
    }
    throw error;
  }
  return outcome.value;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
