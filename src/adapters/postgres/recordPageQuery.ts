import type { RecordQuery } from '../../ports.js';
import { RECORD_COLUMNS } from './postgresStatements.js';
import { decodeRecordCursor } from './recordCursor.js';
import type { SqlStatement } from './sqlSession.js';

/**
 * The SQL of one page of the record screen. Only the filters given appear in
 * it, so the planner sees plain equalities and ranges it can match with the
 * `(…, created_at, id)` indexes; the cursor is a keyset condition
 * `(created_at, id) < (…)`, so records inserted between two reads never shift
 * the pages that follow. One row more than `limit` is read to know whether a
 * next page exists.
 *
 * @internal
 * @param schema - the quoted schema identifier
 * @param query - the filters, cursor and page size, as `readRecordQuery` read them
 * @returns the statement and its values
 * @throws AssignmentError `invalid_input` for a foreign cursor
 * @example
 * ```ts
 * const { statement, values } = recordPageQuery('"dedicated_agent"', { agentId: 'li-lei', limit: 50 });
 * ```
 */
export function recordPageQuery(schema: string, query: RecordQuery): { statement: SqlStatement; values: unknown[] } {
  // Read by `readRecordQuery` in `queryRecords`: limit 1–500, valid instants, ids.
  const { limit } = query;
  const values: unknown[] = [];
  const conditions: string[] = [];
  const parameter = (value: unknown, type: string): string => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  const oneOf = (column: string, list: readonly string[]): string =>
    list.length === 1 ? `${column} = ${parameter(list[0], 'text')}` : `${column} = ANY(${parameter([...list], 'text[]')})`;

  if (query.from !== undefined) conditions.push(`created_at >= ${parameter(query.from.toISOString(), 'timestamptz')}`);
  if (query.to !== undefined) conditions.push(`created_at < ${parameter(query.to.toISOString(), 'timestamptz')}`);
  if (query.types !== undefined) conditions.push(oneOf('type', query.types));
  if (query.statuses !== undefined) conditions.push(oneOf('status', query.statuses));
  if (query.subjectId !== undefined) conditions.push(`subject_id = ${parameter(query.subjectId, 'text')}`);
  if (query.subjectKind !== undefined) conditions.push(`subject_kind = ${parameter(query.subjectKind, 'text')}`);
  if (query.agentId !== undefined) conditions.push(`agent_id = ${parameter(query.agentId, 'text')}`);
  if (query.cursor !== undefined) {
    const after = decodeRecordCursor(query.cursor);
    conditions.push(`(created_at, id) < (${parameter(after.createdAt.toISOString(), 'timestamptz')}, ${parameter(after.id, 'text')})`);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const text = `SELECT ${RECORD_COLUMNS} FROM ${schema}.records ${where} ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`;
  return { statement: { label: 'queryRecords', text }, values };
}
