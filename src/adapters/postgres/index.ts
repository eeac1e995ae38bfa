/**
 * dedicated-agent/postgres: an `AssignmentStore` on PostgreSQL (a `pg.Pool`,
 * a `pg.Client` or PGlite) that many application servers can share.
 */
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './createPostgresStore.js';
export type {
  PGliteLike,
  PGliteTransactionLike,
  PgClientLike,
  PgPoolClientLike,
  PgPoolLike,
  PgQueryConfig,
  PostgresClient,
} from './postgresClient.js';
