/**
 * A statement the store runs. `label` names the store operation in error
 * messages; `name`, for statements run often, lets a `pg` connection parse and
 * plan it once and keep it as a prepared statement (PGlite ignores it).
 */
export interface SqlStatement {
  label: string;
  text: string;
  name?: string;
}

/**
 * One connection as the store's code sees it, whatever the client: inside a
 * transaction, or a single statement on its own. Every failure is already an
 * `AssignmentError` (`ConcurrencyError` for a retryable conflict, else
 * `StoreError` with the database error as `cause`).
 */
export interface SqlSession {
  /** Runs one statement with parameters and returns its rows. */
  query<Row>(statement: SqlStatement, values?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  script(label: string, text: string): Promise<void>;
}

/**
 * A transaction's last statement (the commit of its change set): run just
 * before `COMMIT`, in the same round trip where the client allows it.
 */
export interface FinalStatement {
  statement: SqlStatement;
  values: readonly unknown[];
  /**
   * The same call with its values inlined as literals, to send with `COMMIT`
   * by the simple query protocol; null for a call whose values are better
   * sent as parameters (a bulk commit's arrays), which goes first, on its own.
   */
  inlined: string | null;
}

/** What a transaction's work returns: its value, and the statement to run last, if any. */
export interface TransactionOutcome<T> {
  value: T;
  final: FinalStatement | null;
}
