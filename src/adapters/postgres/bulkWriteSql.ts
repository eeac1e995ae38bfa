import { keptDecisionsSql } from './ruleSetVersionsSql.js';

/**
 * Migration 8: set-based statements for transactions of many subjects
 * (`autoAssignMany`'s batches, large group commits). `lock_subjects_bulk`
 * does what `lock_subjects` does for distinct subjects in two statements
 * instead of two per subject; `commit_bulk` writes the subjects' agents with
 * one `UPDATE` and hands the rest of the change set to `commit_changes`
 * (whatever later versions make of it). Like the migrations before it, it can
 * run again over itself and change nothing.
 */
export const BULK_WRITE_SQL = `-- Locks distinct subjects and reads their records, as lock_subjects does,
-- set-based. One upsert locks every subject in the order given — created
-- when absent (with its fields, or none), its fields replaced when given
-- (an entry without fields is marked by an updated_at of -infinity, which
-- the next statement turns into now() for the subjects it created) — and a
-- later statement reads their records in statuses, oldest first, so they
-- include every commit of a lock's previous holder.
CREATE OR REPLACE FUNCTION lock_subjects_bulk(request jsonb) RETURNS json
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  statuses text[] := ARRAY(SELECT jsonb_array_elements_text(request -> 'statuses'));
  locked jsonb;
BEGIN
  WITH given AS (
    SELECT g.value ->> 'kind' AS kind, g.value ->> 'id' AS id, g.value -> 'fields' AS fields, g.position
    FROM jsonb_array_elements(request -> 'subjects') WITH ORDINALITY AS g (value, position)),
  upserted AS (
    INSERT INTO subjects AS s (kind, id, fields, updated_at)
    SELECT kind, id, coalesce(fields, '{}'::jsonb), CASE WHEN fields IS NULL THEN '-infinity'::timestamptz ELSE now() END
    FROM given ORDER BY position
    ON CONFLICT (kind, id) DO UPDATE SET
      fields = CASE WHEN excluded.updated_at = '-infinity' THEN s.fields ELSE excluded.fields END,
      updated_at = CASE WHEN excluded.updated_at = '-infinity' THEN s.updated_at ELSE now() END
    RETURNING s.kind, s.id, s.fields, s.agent_id, s.previous_agent_id, s.agent_since, s.updated_at)
  SELECT jsonb_agg(jsonb_build_object('position', g.position, 'kind', u.kind, 'id', u.id, 'fields', u.fields, 'agent_id', u.agent_id,
      'previous_agent_id', u.previous_agent_id, 'agent_since', u.agent_since, 'created', u.updated_at = '-infinity'))
    INTO locked
  FROM upserted u JOIN given g ON g.kind = u.kind AND g.id = u.id;
  UPDATE subjects s SET updated_at = now()
  FROM jsonb_to_recordset(locked) AS l (kind text, id text, created boolean)
  WHERE l.created AND s.kind = l.kind AND s.id = l.id;
  RETURN (SELECT coalesce(json_agg(json_build_object(
      'subject', json_build_object('kind', l.kind, 'id', l.id, 'fields', l.fields, 'agent_id', l.agent_id,
        'previous_agent_id', l.previous_agent_id, 'agent_since', l.agent_since),
      'records', (SELECT coalesce(json_agg(r ORDER BY r.created_at, r.id), '[]'::json) FROM (
        SELECT id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id, requested_by,
          created_at, updated_at, expires_at, history, version
        FROM records WHERE subject_id = l.id AND subject_kind = l.kind AND status = ANY (statuses)) r)) ORDER BY l.position), '[]'::json)
    FROM jsonb_to_recordset(locked) AS l (position bigint, kind text, id text, fields jsonb, agent_id text, previous_agent_id text,
      agent_since timestamptz));
END
$$;

-- Traces are kept as the JSON text the library wrote (it reads them back
-- with JSON.parse and never queries inside them): text is stored as it
-- comes, where jsonb would parse every trace again (about half of a bulk
-- commit's time). Version 7 now creates them so; a schema made by an
-- earlier build of it is brought to the same.
ALTER TABLE record_decisions ALTER COLUMN trace TYPE text USING trace::text;
${keptDecisionsSql()}

-- A change set whose subjects are distinct: their agents in one UPDATE,
-- everything else but the kept decisions by commit_changes, then the kept
-- decisions from two arrays (record ids, revisions) and one JSON array of
-- traces, whose elements are stored as the text they were sent as (json, not
-- jsonb: no second parse). An unknown subject is refused as commit_changes
-- refuses it.
DROP FUNCTION IF EXISTS commit_bulk(jsonb, json);
CREATE OR REPLACE FUNCTION commit_bulk(changes jsonb, idempotent_results json, decision_records text[], decision_revisions text[],
  decision_traces json) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  changed bigint;
BEGIN
  UPDATE subjects s SET
    agent_id = c.value ->> 'agentId',
    previous_agent_id = c.value ->> 'previousAgentId',
    agent_since = (c.value ->> 'agentSince')::timestamptz,
    updated_at = now()
  FROM jsonb_array_elements(changes -> 'subjects') AS c (value)
  WHERE s.kind = c.value -> 'subject' ->> 'kind' AND s.id = c.value -> 'subject' ->> 'id';
  GET DIAGNOSTICS changed = ROW_COUNT;
  IF changed <> jsonb_array_length(changes -> 'subjects') THEN
    RAISE EXCEPTION 'unknown subject: its agent cannot change' USING ERRCODE = 'DAS01';
  END IF;
  PERFORM commit_changes(changes || jsonb_build_object('subjects', '[]'::jsonb), idempotent_results);
  INSERT INTO record_decisions (record_id, revision, trace)
  SELECT d.record_id, d.revision, CASE WHEN json_typeof(t.trace) = 'null' THEN NULL ELSE t.trace::text END
  FROM unnest(decision_records, decision_revisions) WITH ORDINALITY AS d (record_id, revision, position)
    JOIN json_array_elements(decision_traces) WITH ORDINALITY AS t (trace, position) USING (position);
END
$$;
`;
