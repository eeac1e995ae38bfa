import { wrapCommitChangesSql } from './wrapCommitChangesSql.js';

/**
 * Migration 7: rule-set versions and the decision kept for each record.
 * `rule_set_versions` is the append-only history (a trigger refuses updates
 * and deletes; `save_rule_set` appends one at a time, so positions are
 * committed in the order they are given); `record_decisions` holds, per
 * record, the revision it was made under and, for automatic records, the
 * trace (JSON text, kept as it was written). The `commit_changes` before it is kept (renamed
 * `commit_changes_before_v7`) and wrapped by one that writes the change
 * set's `decisions` after it, in the same transaction. Like the migrations
 * before it, it can run again over itself and change nothing.
 */
export const RULE_SET_VERSIONS_SQL = `-- The rule-set history, oldest first by position; the current version is
-- the one with the highest position.
CREATE TABLE IF NOT EXISTS rule_set_versions (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  revision text NOT NULL,
  rule_set jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  actor jsonb NOT NULL,
  note text
);
CREATE INDEX IF NOT EXISTS rule_set_versions_revision ON rule_set_versions (revision, position);

CREATE OR REPLACE FUNCTION refuse_rule_set_change() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  RAISE EXCEPTION 'the rule-set history is append-only: % refused', TG_OP USING ERRCODE = 'DAS01';
END
$$;
DROP TRIGGER IF EXISTS rule_set_versions_append_only ON rule_set_versions;
CREATE TRIGGER rule_set_versions_append_only BEFORE UPDATE OR DELETE ON rule_set_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_rule_set_change();

-- One save at a time (the lock lasts until the saving transaction ends), so
-- a position is never committed after a higher one and a page read meanwhile
-- misses nothing.
CREATE OR REPLACE FUNCTION save_rule_set(version jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
BEGIN
  LOCK TABLE rule_set_versions IN SHARE ROW EXCLUSIVE MODE;
  INSERT INTO rule_set_versions (revision, rule_set, created_at, actor, note)
  VALUES (version ->> 'revision', version -> 'ruleSet', (version ->> 'createdAt')::timestamptz, version -> 'actor', version ->> 'note');
END
$$;

-- Per record: the revision of the rule set it was made under, and the
-- automatic decision's trace (null for other records).
CREATE TABLE IF NOT EXISTS record_decisions (
  record_id text PRIMARY KEY REFERENCES records (id),
  revision text NOT NULL,
  trace text
);

${keptDecisionsSql()}`;

/**
 * The `commit_changes` of migration 7 and later: the one before it
 * (`commit_changes_before_v7`), then the change set's `decisions` into
 * `record_decisions`.
 *
 * @internal
 * @returns the SQL, for a migration (7, and 8 for schemas whose version 7 still parsed traces into jsonb)
 * @example
 * ```ts
 * const sql = keptDecisionsSql();
 * ```
 */
export function keptDecisionsSql(): string {
  return wrapCommitChangesSql(
    'commit_changes_before_v7',
    `  IF jsonb_typeof(changes -> 'decisions') = 'array' THEN
    INSERT INTO record_decisions (record_id, revision, trace)
    SELECT value ->> 'recordId', value ->> 'revision', value ->> 'trace'
    FROM jsonb_array_elements(changes -> 'decisions');
  END IF;`,
  );
}
