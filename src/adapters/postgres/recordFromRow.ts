import type { Actor, AssignmentRecord, RecordStatus, RecordType, Transition } from '../../core/types.js';
import type { SubjectKind } from '../../core/ruleset/types.js';

/** A `records` row as the clients return it: `timestamptz` as `Date`, `jsonb` parsed. */
export interface RecordRow {
  id: string;
  type: RecordType;
  status: RecordStatus;
  subject_kind: SubjectKind;
  subject_id: string;
  agent_id: string;
  previous_agent_id: string | null;
  rule_id: string | null;
  requested_by: Actor;
  created_at: Date;
  updated_at: Date;
  expires_at: Date | null;
  /** Transitions as JSON: `at` is an ISO-8601 string. */
  history: (Omit<Transition, 'at'> & { at: string })[];
  version: number;
}

/**
 * Turns a `records` row into an `AssignmentRecord`. The columns are
 * `timestamptz`, which both `pg` and PGlite return as `Date`s; the history is
 * JSON, so the one instant in each transition (`at`) is revived to a `Date`.
 *
 * @internal
 * @param row - a row selected with `RECORD_COLUMNS`
 * @returns the record
 * @example
 * ```ts
 * const [row] = await session.query<RecordRow>(sql.record, [id]);
 * const record = recordFromRow(row);
 * record.history[0].at instanceof Date; // true
 * ```
 */
export function recordFromRow(row: RecordRow): AssignmentRecord {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    subject: { id: row.subject_id, kind: row.subject_kind },
    agentId: row.agent_id,
    previousAgentId: row.previous_agent_id,
    ruleId: row.rule_id,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    history: row.history.map((transition) => ({ ...transition, at: new Date(transition.at) })),
    version: row.version,
  };
}
