import { MIGRATIONS, SCHEMA_VERSION_TABLE_SQL } from './migrations.js';

const HEADER = `-- dedicated-agent: the PostgreSQL store's schema, version 3.
--
-- The SQL that createPostgresStore({ client, schema }).migrate() runs, in one
-- file, for those who manage schemas with their own tools. It names no
-- schema: run it with search_path set to the store's schema (the default is
-- dedicated_agent), e.g. with psql:
--
--   CREATE SCHEMA dedicated_agent;
--   SET search_path TO dedicated_agent;
--   \\i schema.sql
--
-- It records the versions it creates in schema_version, so migrate() later
-- finds nothing to do (and upgrades the schema when a newer library adds a
-- migration).`;

/**
 * The whole schema in one SQL file, for people who manage schemas with their
 * own tools: the version table, then every migration in order, each recorded
 * in `schema_version`, in one transaction. The build writes it to
 * `dist/schema.sql` (`dedicated-agent/postgres/schema.sql`), so it can never
 * drift from what `migrate()` runs.
 *
 * @returns the SQL text
 * @example
 * ```ts
 * writeFileSync('schema.sql', schemaSql());
 * ```
 */
export function schemaSql(): string {
  const parts = [HEADER, '', 'BEGIN;', '', SCHEMA_VERSION_TABLE_SQL];
  for (const migration of MIGRATIONS) {
    parts.push(`-- Migration ${migration.version}: ${migration.description}`, '', migration.sql);
    parts.push(`INSERT INTO schema_version (version, description) VALUES (${migration.version}, '${migration.description}');`, '');
  }
  parts.push('COMMIT;', '');
  return parts.join('\n');
}
