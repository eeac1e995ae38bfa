/**
 * The few methods the PostgreSQL store uses from its client, so that neither
 * `pg` nor `@electric-sql/pglite` is a dependency: a `pg.Pool`, a `pg.Client`
 * and a `PGlite` instance all fit these shapes as they are.
 */

/** A query as `pg` accepts it; `name` makes it a prepared statement the connection keeps. */
export interface PgQueryConfig {
  text: string;
  values?: unknown[];
  name?: string;
}

/** What a `pg` query resolves to (only `rows` is read). */
export interface PgQueryResult {
  rows: unknown[];
}

/** A `pg.Client`, or a client checked out of a pool. */
export interface PgClientLike {
  query(query: string | PgQueryConfig): Promise<PgQueryResult>;
  /** Listened to while the store uses the connection, so a dropped connection cannot crash the process. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A client checked out of a `pg.Pool`. */
export interface PgPoolClientLike extends PgClientLike {
  /** Returns the connection to the pool; with an error, the pool discards it instead. */
  release(error?: Error | boolean): void;
}

/** A `pg.Pool`: every transaction takes its own connection from `connect()`. */
export interface PgPoolLike {
  connect(): Promise<PgPoolClientLike>;
  query(query: string | PgQueryConfig): Promise<PgQueryResult>;
  /** Present on `pg.Pool` and not on `pg.Client`: how the store tells them apart. */
  readonly totalCount: number;
  /**
   * `connect` (a new connection) and `acquire` (any hand-out), which `pg.Pool`
   * emits before it hands a connection out: the store gives every connection
   * an `error` listener there, so none is ever without one.
   */
  on?(event: 'connect' | 'acquire', listener: (client: PgPoolClientLike) => void): unknown;
}

/** What PGlite's queries resolve to (only `rows` is read). */
export interface PGliteResultLike {
  rows: unknown[];
}

/** A PGlite transaction. */
export interface PGliteTransactionLike {
  query(query: string, params?: unknown[]): Promise<PGliteResultLike>;
  exec(query: string): Promise<unknown>;
}

/** A PGlite instance: one connection, which its `transaction()` holds exclusively. */
export interface PGliteLike extends PGliteTransactionLike {
  transaction<T>(callback: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
}

/** A client `createPostgresStore` accepts: a `pg.Pool`, a `pg.Client` or a PGlite instance. */
export type PostgresClient = PgPoolLike | PgClientLike | PGliteLike;
