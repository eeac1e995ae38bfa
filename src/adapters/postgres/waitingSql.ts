import type { WaitingReason } from '../../core/types.js';
import type { WaitingQuery } from '../../ports.js';
import { decodeWaitingCursor } from '../waitingCursor.js';
import type { SqlStatement } from './sqlSession.js';

/** Columns of `waiting`, in the order `waitingEntryFromRow` reads them. */
export const WAITING_COLUMNS = 'subject_kind, subject_id, since, reason, rule_id, retry_at, priority, attempts, alerted_at';

/** The queue order, matching the `waiting_order` index and `compareWaiting`. */
export const WAITING_ORDER = '(-priority), since, subject_id COLLATE "C", subject_kind';

/**
 * The SQL of one page of the waiting queue, in queue order: only the filters
 * given appear in it, and the cursor is one row comparison on the queue order
 * (`(-priority, since, subject_id, subject_kind) > (…)`), so the
 * `waiting_order` index serves it as a range and entries that join or leave
 * between two reads never shift the pages that follow. One row more than
 * `limit` is read to know whether a next page exists.
 *
 * @internal
 * @param schema - the quoted schema identifier
 * @param query - as `readWaitingQuery` read it
 * @returns the statement and its values
 * @throws AssignmentError `invalid_input` for a foreign cursor
 * @example
 * ```ts
 * const { statement, values } = waitingPageQuery('"dedicated_agent"', { reason: 'outside_schedule', limit: 50 });
 * ```
 */
export function waitingPageQuery(schema: string, query: WaitingQuery): { statement: SqlStatement; values: unknown[] } {
  const values: unknown[] = [];
  const conditions: string[] = [];
  const parameter = (value: unknown, type: string): string => {
    values.push(value);
    return `$${values.length}::${type}`;
  };
  if (query.reason !== undefined) conditions.push(`reason = ${parameter(query.reason, 'text')}`);
  if (query.sinceBefore !== undefined) conditions.push(`since < ${parameter(query.sinceBefore.toISOString(), 'timestamptz')}`);
  if (query.unalerted === true) conditions.push('alerted_at IS NULL');
  if (query.cursor !== undefined) {
    const after = decodeWaitingCursor(query.cursor);
    const position = [
      parameter(-after.priority, 'double precision'),
      parameter(after.since.toISOString(), 'timestamptz'),
      `${parameter(after.subject.id, 'text')} COLLATE "C"`,
      parameter(after.subject.kind, 'text'),
    ];
    conditions.push(`((-priority), since, subject_id COLLATE "C", subject_kind) > (${position.join(', ')})`);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const text = `SELECT ${WAITING_COLUMNS} FROM ${schema}.waiting ${where} ORDER BY ${WAITING_ORDER} LIMIT ${query.limit + 1}`;
  return { statement: { label: 'waiting', text }, values };
}

/** A row of `waiting` as a driver returns it (instants as `Date` or as strings). */
export interface WaitingRow {
  subject_kind: 'customer' | 'contact';
  subject_id: string;
  since: Date | string;
  reason: WaitingReason;
  rule_id: string | null;
  retry_at: Date | string | null;
  priority: number | string;
  attempts: number;
  alerted_at: Date | string | null;
}
