import { StoreError } from '../../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION_TABLE_SQL } from './migrations.js';
import type { PostgresConnector } from './postgresConnector.js';

/** First key of the migration advisory lock; the second is the schema name's hash. */
const MIGRATION_LOCK_CLASS = 1145128754;

/** What `migrate()` found and did. */
export interface MigrationOutcome {
  /** The schema's version before (0: new). */
  from: number;
  /** Its version now. */
  to: number;
}

/**
 * Brings a schema up to the newest migration, in one transaction: takes a
 * transaction-scoped advisory lock keyed by the schema name first (so two
 * processes migrating at once take turns, and the second finds nothing left
 * to do), creates the schema and its version table when absent, then runs
 * each missing migration with `search_path` set to the schema and records it.
 * Idempotent; a failure leaves the schema as it was.
 *
 * @internal
 * @param connector - the database
 * @param schemaName - the schema name, unquoted (the lock key)
 * @param schema - the same name, quoted
 * @returns the versions before and after
 * @throws StoreError when the schema is newer than this library knows, or the database fails
 * @example
 * ```ts
 * await migrateSchema(connector, 'dedicated_agent', '"dedicated_agent"'); // { from: 0, to: 1 }
 * ```
 */
export function migrateSchema(connector: PostgresConnector, schemaName: string, schema: string): Promise<MigrationOutcome> {
  const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
  return connector.transaction(async (session) => {
    await session.query({ label: 'migrate', text: 'SELECT pg_advisory_xact_lock($1::integer, hashtext($2::text))' }, [
      MIGRATION_LOCK_CLASS,
      schemaName,
    ]);
    await session.script(
      'migrate',
      `CREATE SCHEMA IF NOT EXISTS ${schema};\nSET LOCAL search_path TO ${schema};\n${SCHEMA_VERSION_TABLE_SQL}`,
    );
    const [row] = await session.query<{ version: number }>({
      label: 'migrate',
      text: `SELECT coalesce(max(version), 0)::integer AS version FROM ${schema}.schema_version`,
    });
    const from = row!.version;
    if (from > latest) {
      throw new StoreError(`Schema ${schema} is at version ${from}, newer than this library's ${latest}: upgrade dedicated-agent`);
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      await session.script(`migrate (version ${migration.version})`, migration.sql);
      await session.query(
        { label: 'migrate', text: `INSERT INTO ${schema}.schema_version (version, description) VALUES ($1, $2)` },
        [migration.version, migration.description],
      );
    }
    return { value: { from, to: latest }, final: null };
  });
}
