import type { AssignmentError } from '../../core/errors.js';
import { databaseError } from './databaseError.js';
import type { SqlSession, SqlStatement } from './sqlSession.js';

/** A connection's raw calls, errors untranslated. */
export interface RawSqlSession {
  query(statement: SqlStatement, values: readonly unknown[]): Promise<unknown[]>;
  /** Runs a script of statements without parameters; resolves to the rows of the last one. */
  script(text: string): Promise<unknown[]>;
}

/** A session that also remembers its first failure. */
export interface TrackedSession extends SqlSession {
  /** Runs a script of statements without parameters and returns the rows of the last one. */
  scriptRows<Row>(label: string, text: string): Promise<Row[]>;
  /** The first failed statement's error, or null. */
  failure(): AssignmentError | null;
}

/**
 * Wraps a connection's raw calls: errors become the library's
 * (`databaseError`), and the first one is remembered. PostgreSQL aborts a
 * transaction at its first failed statement, and `COMMIT` then quietly rolls
 * back; remembering the failure lets the store throw it instead of reporting
 * a commit that did not happen, even when `work` caught and ignored it.
 *
 * @internal
 * @param raw - the connection's calls
 * @returns the session
 * @example
 * ```ts
 * const session = trackedSession(pgRawSession(client));
 * await session.query({ label: 'subject', text: 'SELECT 1' });
 * session.failure(); // null
 * ```
 */
export function trackedSession(raw: RawSqlSession): TrackedSession {
  let first: AssignmentError | null = null;
  const fail = (error: unknown, operation: string): AssignmentError => {
    const translated = databaseError(error, operation);
    first ??= translated;
    return translated;
  };
  return {
    async query<Row>(statement: SqlStatement, values: readonly unknown[] = []) {
      try {
        return (await raw.query(statement, values)) as Row[];
      } catch (error) {
        throw fail(error, statement.label);
      }
    },
    async script(label, text) {
      try {
        await raw.script(text);
      } catch (error) {
        throw fail(error, label);
      }
    },
    async scriptRows<Row>(label: string, text: string) {
      try {
        return (await raw.script(text)) as Row[];
      } catch (error) {
        throw fail(error, label);
      }
    },
    failure: () => first,
  };
}
