import type { SubjectKind } from '../../core/ruleset/types.js';
import type { StoredSubject } from '../../ports.js';

/** A `subjects` row as the clients return it. */
export interface SubjectRow {
  kind: SubjectKind;
  id: string;
  fields: Record<string, unknown>;
  agent_id: string | null;
  previous_agent_id: string | null;
  agent_since: Date | null;
}

/**
 * Turns a `subjects` row into a `StoredSubject`. Fields are JSON, so a `Date`
 * stored in them comes back as its ISO-8601 string — which is also how
 * conditions see a `Date`.
 *
 * @internal
 * @param row - a row with the subject columns
 * @returns the subject
 * @example
 * ```ts
 * subjectFromRow({ kind: 'customer', id: 'c-1', fields: {}, agent_id: null, previous_agent_id: null, agent_since: null });
 * ```
 */
export function subjectFromRow(row: SubjectRow): StoredSubject {
  return {
    id: row.id,
    kind: row.kind,
    fields: row.fields,
    agentId: row.agent_id,
    previousAgentId: row.previous_agent_id,
    agentSince: row.agent_since,
  };
}
