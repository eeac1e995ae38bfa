import type { WaitingEntry } from '../../core/types.js';
import type { WaitingRow } from './waitingSql.js';

/**
 * A waiting entry from a row of `waiting`.
 *
 * @internal
 * @param row - the row, instants as `Date`s or ISO strings
 * @returns the entry
 * @example
 * ```ts
 * const entry = waitingEntryFromRow(row);
 * entry.since; // a Date
 * ```
 */
export function waitingEntryFromRow(row: WaitingRow): WaitingEntry {
  const instant = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    subject: { id: row.subject_id, kind: row.subject_kind },
    since: new Date(row.since),
    reason: row.reason,
    ruleId: row.rule_id,
    retryAt: instant(row.retry_at),
    priority: Number(row.priority),
    attempts: Number(row.attempts),
    alertedAt: instant(row.alerted_at),
  };
}
