import { readId } from '../../core/input/readId.js';
import { readRuleSetVersion } from '../../core/input/readRuleSetVersion.js';
import { readRuleSetVersionQuery } from '../../core/input/readRuleSetVersionQuery.js';
import type { RuleSet } from '../../core/ruleset/types.js';
import type { Actor } from '../../core/types.js';
import type { AssignmentStore, RuleSetVersion } from '../../ports.js';
import { decodeRuleSetCursor, encodeRuleSetCursor } from '../ruleSetCursor.js';
import type { PostgresConnector } from './postgresConnector.js';

/** The PostgreSQL store's rule-set history and kept decisions: the port's optional methods for them. */
export type PostgresRuleSetVersions = Required<
  Pick<AssignmentStore, 'saveRuleSet' | 'currentRuleSet' | 'ruleSetRevision' | 'ruleSetVersion' | 'ruleSetVersions' | 'recordDecision'>
>;

/** A row of `rule_set_versions`; `position` may come back as a string (bigint). */
interface VersionRow {
  position: number | string;
  revision: string;
  rule_set: RuleSet;
  created_at: Date | string;
  actor: Actor;
  note: string | null;
}

const COLUMNS = 'position, revision, rule_set, created_at, actor, note';

/**
 * The PostgreSQL store's methods for rule-set versions (table
 * `rule_set_versions`, appended by `save_rule_set` one save at a time) and
 * kept decisions (`record_decisions`, written by `commit_changes`), each one
 * statement outside any transaction of the service.
 *
 * @internal
 * @param connector - the database
 * @param schema - the quoted schema identifier
 * @returns the methods
 * @example
 * ```ts
 * const store = { ...methods, ...postgresRuleSetVersions(connector, '"dedicated_agent"') };
 * ```
 */
export function postgresRuleSetVersions(connector: PostgresConnector, schema: string): PostgresRuleSetVersions {
  const current = { label: 'currentRuleSet', text: `SELECT ${COLUMNS} FROM ${schema}.rule_set_versions ORDER BY position DESC LIMIT 1` };
  return {
    async saveRuleSet(version) {
      const read = readRuleSetVersion(version, 'version');
      const value = { ...read, createdAt: read.createdAt.toISOString() };
      await connector.query({ label: 'saveRuleSet', text: `SELECT ${schema}.save_rule_set($1::jsonb)` }, [JSON.stringify(value)]);
    },
    async currentRuleSet() {
      const [row] = await connector.query<VersionRow>(current);
      return row === undefined ? null : versionFromRow(row);
    },
    async ruleSetRevision() {
      const [row] = await connector.query<{ revision: string }>({
        label: 'ruleSetRevision',
        text: `SELECT revision FROM ${schema}.rule_set_versions ORDER BY position DESC LIMIT 1`,
      });
      return row?.revision ?? null;
    },
    async ruleSetVersion(revision) {
      const [row] = await connector.query<VersionRow>(
        { label: 'ruleSetVersion', text: `SELECT ${COLUMNS} FROM ${schema}.rule_set_versions WHERE revision = $1 ORDER BY position LIMIT 1` },
        [readId(revision, 'revision')],
      );
      return row === undefined ? null : versionFromRow(row);
    },
    async ruleSetVersions(query) {
      const { cursor, limit } = readRuleSetVersionQuery(query, 'query');
      const before = cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeRuleSetCursor(cursor);
      const rows = await connector.query<VersionRow>(
        {
          label: 'ruleSetVersions',
          text: `SELECT ${COLUMNS} FROM ${schema}.rule_set_versions WHERE position < $1::bigint ORDER BY position DESC LIMIT $2`,
        },
        [String(before), limit + 1],
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(versionFromRow), nextCursor: rows.length > limit && last !== undefined ? encodeRuleSetCursor(Number(last.position)) : null };
    },
    async recordDecision(recordId) {
      const [row] = await connector.query<{ revision: string; trace: string | null }>(
        { label: 'recordDecision', text: `SELECT revision, trace::text AS trace FROM ${schema}.record_decisions WHERE record_id = $1` },
        [readId(recordId, 'recordId')],
      );
      return row === undefined ? null : { recordId, revision: row.revision, trace: row.trace };
    },
  };
}

function versionFromRow(row: VersionRow): RuleSetVersion {
  return { revision: row.revision, ruleSet: row.rule_set, createdAt: new Date(row.created_at), actor: row.actor, note: row.note };
}
