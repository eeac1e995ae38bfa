/**
 * The real PostgreSQL server the server tests use: `DEDICATED_AGENT_PG_URL`.
 * Without it they skip, unless `DEDICATED_AGENT_REQUIRE_PG=1` (CI), which
 * turns a missing or unusable server into a failure.
 */
import pg from 'pg';

/** The server's URL, if configured. */
export const serverUrl = process.env.DEDICATED_AGENT_PG_URL || undefined;

/** Whether a missing or unusable server must fail the run instead of skipping. */
export const serverRequired = process.env.DEDICATED_AGENT_REQUIRE_PG === '1';

/** Why server tests did not run, for the skipped suite's name. */
export const skipReason = 'skipped: set DEDICATED_AGENT_PG_URL=postgres://… to run against a real server';

let schemas = 0;

/**
 * A schema name no other test (or concurrently running test file) uses.
 *
 * @param prefix - what the test is about
 * @returns a fresh name
 */
export function freshSchemaName(prefix: string): string {
  return `da_test_${prefix}_${process.pid}_${Date.now().toString(36)}_${++schemas}`;
}

/**
 * Drops a test schema and everything in it.
 *
 * @param pool - any pool on the server
 * @param schema - the schema name
 */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/**
 * A pool on the test server.
 *
 * @param max - connections
 * @returns the pool
 */
export function serverPool(max = 8): pg.Pool {
  return new pg.Pool({ connectionString: serverUrl, max });
}
