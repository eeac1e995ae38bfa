import type { PgClientLike, PgQueryResult } from './postgresClient.js';
import type { RawSqlSession } from './trackedSession.js';

/**
 * The raw calls of a `pg` client or pool. Statements with a `name` become
 * prepared statements the connection keeps (parsed and planned once); a script
 * goes without parameters, as the simple query protocol that allows several
 * statements, and resolves to the rows of its last statement.
 *
 * @internal
 * @param client - a `pg.Client`, a pooled client or a `pg.Pool`
 * @returns its raw calls
 * @example
 * ```ts
 * const rows = await pgRawSession(pool).query({ label: 'subject', text: 'SELECT $1::int AS n' }, [1]);
 * ```
 */
export function pgRawSession(client: Pick<PgClientLike, 'query'>): RawSqlSession {
  return {
    async query(statement, values) {
      const config = { text: statement.text, values: [...values], ...(statement.name === undefined ? {} : { name: statement.name }) };
      return (await client.query(config)).rows;
    },
    async script(text) {
      // Several statements resolve to one result each; the last one's rows are the script's.
      const result: PgQueryResult | PgQueryResult[] = await client.query(text);
      return (Array.isArray(result) ? result[result.length - 1] : result)?.rows ?? [];
    },
  };
}
