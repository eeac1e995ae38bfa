import { wrapCommitChangesSql } from './wrapCommitChangesSql.js';

/**
 * Migration 4: the waiting queue. One row per waiting subject; the commit
 * function of version 3 is kept (renamed) and wrapped by a new
 * `commit_changes` that applies the change set's `waiting` changes after it,
 * in the same transaction. Like the migrations before it, it can run again
 * over itself and change nothing.
 */
export const WAITING_QUEUE_SQL = `-- Subjects waiting for an agent (at most one row per subject). Queue order:
-- priority descending, then the longest wait, then subject id and kind; the
-- order index holds -priority, so a page after a position is one row
-- comparison, (-priority, since, subject_id, subject_kind) > (…), which the
-- index serves as a range.
CREATE TABLE IF NOT EXISTS waiting (
  subject_kind text NOT NULL,
  subject_id text NOT NULL,
  since timestamptz NOT NULL,
  reason text NOT NULL CHECK (reason IN ('no_eligible_agent', 'outside_schedule', 'no_rule_applies', 'auto_disabled', 'declined', 'expired')),
  rule_id text,
  retry_at timestamptz,
  priority double precision NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  alerted_at timestamptz,
  PRIMARY KEY (subject_kind, subject_id),
  FOREIGN KEY (subject_kind, subject_id) REFERENCES subjects (kind, id)
);
CREATE INDEX IF NOT EXISTS waiting_order ON waiting ((-priority), since, subject_id COLLATE "C", subject_kind);
CREATE INDEX IF NOT EXISTS waiting_retry ON waiting (retry_at) WHERE retry_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS waiting_unalerted ON waiting (since) WHERE alerted_at IS NULL;

-- A change set's waiting changes: every subject leaves or waits (a new row
-- keeps the given since; an existing one keeps its since and alert, and a
-- drain's decision adds an attempt), then alerts are marked.
CREATE OR REPLACE FUNCTION apply_waiting(changes jsonb) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
BEGIN
  IF changes IS NULL OR jsonb_array_length(changes) = 0 THEN
    RETURN;
  END IF;
  DELETE FROM waiting w USING jsonb_array_elements(changes) AS c (value)
  WHERE c.value ->> 'type' = 'leave'
    AND w.subject_kind = c.value ->> 'kind' AND w.subject_id = c.value ->> 'id';
  INSERT INTO waiting AS w (subject_kind, subject_id, since, reason, rule_id, retry_at, priority, attempts)
  SELECT c.value ->> 'kind', c.value ->> 'id', (c.value ->> 'since')::timestamptz, c.value ->> 'reason', c.value ->> 'ruleId',
    (c.value ->> 'retryAt')::timestamptz, (c.value ->> 'priority')::double precision,
    CASE WHEN (c.value ->> 'attempted')::boolean THEN 1 ELSE 0 END
  FROM jsonb_array_elements(changes) WITH ORDINALITY AS c (value, position)
  WHERE c.value ->> 'type' = 'wait'
  ORDER BY c.value ->> 'kind', c.value ->> 'id'
  ON CONFLICT (subject_kind, subject_id) DO UPDATE SET
    reason = excluded.reason,
    rule_id = excluded.rule_id,
    retry_at = excluded.retry_at,
    priority = excluded.priority,
    attempts = w.attempts + excluded.attempts;
  UPDATE waiting w SET alerted_at = (c.value ->> 'at')::timestamptz
  FROM jsonb_array_elements(changes) AS c (value)
  WHERE c.value ->> 'type' = 'alerted'
    AND w.subject_kind = c.value ->> 'kind' AND w.subject_id = c.value ->> 'id';
END
$$;

${wrapCommitChangesSql('commit_changes_v3', `  PERFORM apply_waiting(changes -> 'waiting');`)}`;
