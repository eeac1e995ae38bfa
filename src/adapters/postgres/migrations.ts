/**
 * The PostgreSQL store's schema, as numbered migrations. `migrate()` runs the
 * ones a database lacks, in order, with `search_path` set to the store's
 * schema (so the SQL names no schema and works in any); `schemaSql()` puts the
 * same SQL in one file (`schema.sql`) for people who manage schemas with their own tools.
 *
 * Functions are created with `SET search_path FROM CURRENT`, so they always
 * find their own schema's tables whatever the caller's `search_path` is.
 */

import { RULE_SET_VERSIONS_SQL } from './ruleSetVersionsSql.js';
import { BULK_WRITE_SQL } from './bulkWriteSql.js';
import { WAITING_QUEUE_SQL } from './waitingQueueSql.js';

/** One step of the schema's history. Never edit a released migration: add the next one. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Created before any migration runs: which migrations a schema has had. */
export const SCHEMA_VERSION_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_version (
  version integer PRIMARY KEY,
  description text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
`;

const INITIAL_SCHEMA_SQL = `-- Agent profiles as the CRM maintains them; everything but the id is JSON
-- (presence, capacity, skills, languages, attributes, name), so upsertAgents
-- can merge the properties it is given and keep the others.
CREATE TABLE agents (
  id text PRIMARY KEY,
  position bigint GENERATED ALWAYS AS IDENTITY,
  profile jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Customers and contacts with their dedicated agent. A transaction that
-- decides for a subject holds its row lock until it commits.
CREATE TABLE subjects (
  kind text NOT NULL CHECK (kind IN ('customer', 'contact')),
  id text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}',
  agent_id text,
  previous_agent_id text,
  agent_since timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);
CREATE INDEX subjects_agent ON subjects (agent_id) WHERE agent_id IS NOT NULL;

-- Assignment records (the audit trail). The two partial unique indexes make
-- a second effective or a second pending record of one subject impossible,
-- whatever the application does.
CREATE TABLE records (
  id text PRIMARY KEY,
  type text NOT NULL CHECK (type IN ('auto', 'manual', 'application')),
  status text NOT NULL CHECK (status IN ('pending_approval', 'pending_confirmation', 'effective',
    'rejected', 'declined', 'cancelled', 'expired', 'ended')),
  subject_kind text NOT NULL CHECK (subject_kind IN ('customer', 'contact')),
  subject_id text NOT NULL,
  agent_id text NOT NULL,
  previous_agent_id text,
  rule_id text,
  requested_by jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz,
  history jsonb NOT NULL,
  version integer NOT NULL CHECK (version >= 1)
);
CREATE UNIQUE INDEX records_one_effective ON records (subject_kind, subject_id) WHERE status = 'effective';
CREATE UNIQUE INDEX records_one_pending ON records (subject_kind, subject_id)
  WHERE status IN ('pending_approval', 'pending_confirmation');
-- The record screen: newest first with a keyset cursor on (created_at, id),
-- alone or after an equality filter on subject, agent, status or type.
CREATE INDEX records_created ON records (created_at, id);
CREATE INDEX records_subject ON records (subject_id, subject_kind, created_at, id);
CREATE INDEX records_agent ON records (agent_id, created_at, id);
CREATE INDEX records_status ON records (status, created_at, id);
CREATE INDEX records_type ON records (type, created_at, id);
-- expirePending: pending records by deadline.
CREATE INDEX records_due ON records (expires_at, created_at, id)
  WHERE status IN ('pending_approval', 'pending_confirmation') AND expires_at IS NOT NULL;

-- Per-rule memory (round-robin pointer, smooth weighted round-robin weights).
CREATE TABLE rule_state (
  rule_id text PRIMARY KEY,
  state jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Per agent, counter and period kind, one row per period (bucket_start: the
-- period's start), updated in place in the deciding transaction; the agent's
-- total serving count is the row with period 'total' and bucket_start
-- '-infinity'. Counting records instead would make every decision scan an
-- agent's records of the period (a year's over millions of records), so
-- counters keep each decision O(1) and exact.
CREATE TABLE counters (
  period text NOT NULL CHECK (period IN ('day', 'week', 'month', 'quarter', 'year', 'total')),
  bucket_start timestamptz NOT NULL,
  agent_id text NOT NULL,
  counter text NOT NULL CHECK (counter IN ('assigned', 'serving')),
  count bigint NOT NULL,
  PRIMARY KEY (period, bucket_start, agent_id, counter)
);

-- The same counts, one row per agent: for each counter and period kind the
-- latest bucket written (its start) and its count, plus the total serving
-- count. A decision reads one row per agent instead of summing eleven
-- counter rows. Exact: a bucket newer than the latest has no count yet, and
-- an older one is read from counters.
CREATE TABLE agent_counts (
  agent_id text PRIMARY KEY,
  assigned_day_start timestamptz NOT NULL DEFAULT '-infinity', assigned_day bigint NOT NULL DEFAULT 0,
  assigned_week_start timestamptz NOT NULL DEFAULT '-infinity', assigned_week bigint NOT NULL DEFAULT 0,
  assigned_month_start timestamptz NOT NULL DEFAULT '-infinity', assigned_month bigint NOT NULL DEFAULT 0,
  assigned_quarter_start timestamptz NOT NULL DEFAULT '-infinity', assigned_quarter bigint NOT NULL DEFAULT 0,
  assigned_year_start timestamptz NOT NULL DEFAULT '-infinity', assigned_year bigint NOT NULL DEFAULT 0,
  serving_day_start timestamptz NOT NULL DEFAULT '-infinity', serving_day bigint NOT NULL DEFAULT 0,
  serving_week_start timestamptz NOT NULL DEFAULT '-infinity', serving_week bigint NOT NULL DEFAULT 0,
  serving_month_start timestamptz NOT NULL DEFAULT '-infinity', serving_month bigint NOT NULL DEFAULT 0,
  serving_quarter_start timestamptz NOT NULL DEFAULT '-infinity', serving_quarter bigint NOT NULL DEFAULT 0,
  serving_year_start timestamptz NOT NULL DEFAULT '-infinity', serving_year bigint NOT NULL DEFAULT 0,
  serving_total bigint NOT NULL DEFAULT 0
);

-- Notifications written with the change that caused them and delivered at
-- least once. available_at is the lease: the due time at first, the lease
-- end while a dispatcher holds the entry, the retry time after a failure.
CREATE TABLE outbox (
  id text PRIMARY KEY,
  position bigint GENERATED ALWAYS AS IDENTITY,
  notification jsonb NOT NULL,
  available_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_available ON outbox (available_at, position);

-- Results of calls made with an idempotency key; the primary key makes a
-- second record for one key impossible. json keeps the result verbatim.
CREATE TABLE idempotency (
  key text PRIMARY KEY,
  result json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The count of an agent's bucket from counters: for a period older than
-- the latest one agent_counts keeps.
CREATE FUNCTION past_count(agent text, kind text, bucket_period text, bucket timestamptz) RETURNS bigint
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT coalesce((SELECT count FROM counters
    WHERE period = bucket_period AND bucket_start = bucket AND agent_id = agent AND counter = kind), 0)
$$;

-- A count after one change: a newer bucket starts over, the same bucket
-- adds up, an older one leaves the latest bucket's count alone.
CREATE FUNCTION count_after(latest timestamptz, count bigint, bucket timestamptz, delta bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN bucket IS NULL OR bucket < latest THEN count WHEN bucket = latest THEN count + delta ELSE delta END
$$;

-- Agents with their counts in the buckets starting at starts (day, week,
-- month, quarter, year) and their total serving count, as JSON: one array
-- [id, profile, assigned day … year, serving day … year, serving total] per
-- agent, in the order of ids (all agents by creation when ids is null).
CREATE FUNCTION agent_snapshots(starts timestamptz[], ids text[]) RETURNS json
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
BEGIN
  RETURN (
    SELECT coalesce(json_agg(json_build_array(a.id, a.profile,
      CASE WHEN k.assigned_day_start = starts[1] THEN k.assigned_day
        WHEN k.assigned_day_start > starts[1] THEN past_count(a.id, 'assigned', 'day', starts[1]) ELSE 0 END,
      CASE WHEN k.assigned_week_start = starts[2] THEN k.assigned_week
        WHEN k.assigned_week_start > starts[2] THEN past_count(a.id, 'assigned', 'week', starts[2]) ELSE 0 END,
      CASE WHEN k.assigned_month_start = starts[3] THEN k.assigned_month
        WHEN k.assigned_month_start > starts[3] THEN past_count(a.id, 'assigned', 'month', starts[3]) ELSE 0 END,
      CASE WHEN k.assigned_quarter_start = starts[4] THEN k.assigned_quarter
        WHEN k.assigned_quarter_start > starts[4] THEN past_count(a.id, 'assigned', 'quarter', starts[4]) ELSE 0 END,
      CASE WHEN k.assigned_year_start = starts[5] THEN k.assigned_year
        WHEN k.assigned_year_start > starts[5] THEN past_count(a.id, 'assigned', 'year', starts[5]) ELSE 0 END,
      CASE WHEN k.serving_day_start = starts[1] THEN k.serving_day
        WHEN k.serving_day_start > starts[1] THEN past_count(a.id, 'serving', 'day', starts[1]) ELSE 0 END,
      CASE WHEN k.serving_week_start = starts[2] THEN k.serving_week
        WHEN k.serving_week_start > starts[2] THEN past_count(a.id, 'serving', 'week', starts[2]) ELSE 0 END,
      CASE WHEN k.serving_month_start = starts[3] THEN k.serving_month
        WHEN k.serving_month_start > starts[3] THEN past_count(a.id, 'serving', 'month', starts[3]) ELSE 0 END,
      CASE WHEN k.serving_quarter_start = starts[4] THEN k.serving_quarter
        WHEN k.serving_quarter_start > starts[4] THEN past_count(a.id, 'serving', 'quarter', starts[4]) ELSE 0 END,
      CASE WHEN k.serving_year_start = starts[5] THEN k.serving_year
        WHEN k.serving_year_start > starts[5] THEN past_count(a.id, 'serving', 'year', starts[5]) ELSE 0 END,
      coalesce(k.serving_total, 0)) ORDER BY a.position), '[]'::json)
    FROM (
      SELECT a.id, a.profile, a.position FROM agents a WHERE ids IS NULL
      UNION ALL
      SELECT a.id, a.profile, given.position
      FROM unnest(ids) WITH ORDINALITY AS given (id, position) JOIN agents a ON a.id = given.id
      WHERE ids IS NOT NULL
    ) a
    LEFT JOIN agent_counts k ON k.agent_id = a.id);
END
$$;

-- The assignment lock, the rule state and (when starts is given) the agents'
-- snapshots in one round trip. Every transaction that decides by counts or
-- round robin queues on this transaction-scoped advisory lock (keyed by the
-- schema, so stores in other schemas do not wait for each other). What
-- follows the lock is read by later statements of this VOLATILE function, so
-- under READ COMMITTED they see every commit of the lock's previous holder.
CREATE FUNCTION lock_assignment(starts timestamptz[], ids text[]) RETURNS json
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1145128753, hashtext(current_schema()));
  RETURN json_build_object(
    'ruleState', coalesce((SELECT jsonb_object_agg(rule_id, state) FROM rule_state), '{}'::jsonb),
    'agents', CASE WHEN starts IS NULL THEN NULL ELSE agent_snapshots(starts, ids) END);
END
$$;

-- Writes one change set (see ChangeSet in ports.ts) in one round trip.
-- Records are written in the order given, which puts records leaving a
-- pending or effective status before records entering one, so the unique
-- indexes hold after every row. A record update must find the version read
-- (else SQLSTATE DAC01, a conflict the service retries); a broken unique
-- index is SQLSTATE 23505, also retried; DAS01 is a refused change.
CREATE FUNCTION commit_changes(changes jsonb, idempotency_key text, idempotency_result json) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  item jsonb;
  rec jsonb;
  stored record;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'records') LOOP
    rec := item -> 'record';
    IF jsonb_typeof(item -> 'expectedVersion') = 'number' THEN
      UPDATE records SET
        type = rec ->> 'type',
        status = rec ->> 'status',
        agent_id = rec ->> 'agentId',
        previous_agent_id = rec ->> 'previousAgentId',
        rule_id = rec ->> 'ruleId',
        requested_by = rec -> 'requestedBy',
        created_at = (rec ->> 'createdAt')::timestamptz,
        updated_at = (rec ->> 'updatedAt')::timestamptz,
        expires_at = (rec ->> 'expiresAt')::timestamptz,
        history = rec -> 'history',
        version = (rec ->> 'version')::integer
      WHERE id = rec ->> 'id'
        AND version = (item ->> 'expectedVersion')::integer
        AND subject_kind = rec -> 'subject' ->> 'kind'
        AND subject_id = rec -> 'subject' ->> 'id';
      IF NOT FOUND THEN
        SELECT r.version, r.subject_kind, r.subject_id INTO stored FROM records r WHERE r.id = rec ->> 'id';
        IF NOT FOUND THEN
          RAISE EXCEPTION 'record % does not exist, so it cannot be at version %', rec ->> 'id', item ->> 'expectedVersion'
            USING ERRCODE = 'DAC01';
        ELSIF stored.version <> (item ->> 'expectedVersion')::integer THEN
          RAISE EXCEPTION 'record % is at version %, not %: it changed meanwhile', rec ->> 'id', stored.version, item ->> 'expectedVersion'
            USING ERRCODE = 'DAC01';
        END IF;
        RAISE EXCEPTION 'record % cannot move to another subject', rec ->> 'id' USING ERRCODE = 'DAS01';
      END IF;
    ELSE
      INSERT INTO records (id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id,
        requested_by, created_at, updated_at, expires_at, history, version)
      VALUES (rec ->> 'id', rec ->> 'type', rec ->> 'status', rec -> 'subject' ->> 'kind', rec -> 'subject' ->> 'id',
        rec ->> 'agentId', rec ->> 'previousAgentId', rec ->> 'ruleId', rec -> 'requestedBy',
        (rec ->> 'createdAt')::timestamptz, (rec ->> 'updatedAt')::timestamptz, (rec ->> 'expiresAt')::timestamptz,
        rec -> 'history', (rec ->> 'version')::integer);
    END IF;
  END LOOP;

  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'subjects') LOOP
    UPDATE subjects SET
      agent_id = item ->> 'agentId',
      previous_agent_id = item ->> 'previousAgentId',
      agent_since = (item ->> 'agentSince')::timestamptz,
      updated_at = now()
    WHERE kind = item -> 'subject' ->> 'kind' AND id = item -> 'subject' ->> 'id';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'unknown % "%": its agent cannot change', item -> 'subject' ->> 'kind', item -> 'subject' ->> 'id'
        USING ERRCODE = 'DAS01';
    END IF;
  END LOOP;

  INSERT INTO rule_state (rule_id, state)
  SELECT value ->> 'ruleId', value -> 'state' FROM jsonb_array_elements(changes -> 'ruleState')
  ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, updated_at = now();

  -- One row per (period, bucket, agent, counter), in key order (the caller
  -- sums duplicates and sorts), so concurrent commits lock rows in one order.
  INSERT INTO counters AS c (period, bucket_start, agent_id, counter, count)
  SELECT value ->> 'period', (value ->> 'bucketStart')::timestamptz, value ->> 'agentId', value ->> 'counter',
    (value ->> 'delta')::bigint
  FROM jsonb_array_elements(changes -> 'counters') WITH ORDINALITY AS given (value, position)
  ORDER BY given.position
  ON CONFLICT (period, bucket_start, agent_id, counter) DO UPDATE SET count = c.count + excluded.count;

  -- Each item changes one agent's summary by at most one bucket per counter
  -- and period (starts and deltas: assigned day … year, serving day … year);
  -- an agent with two buckets in one slot comes in two items, older first.
  INSERT INTO agent_counts (agent_id)
  SELECT DISTINCT value ->> 'agentId' FROM jsonb_array_elements(changes -> 'agentCounts')
  ON CONFLICT (agent_id) DO NOTHING;
  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'agentCounts') LOOP
    UPDATE agent_counts SET
      assigned_day_start = greatest(assigned_day_start, (item -> 'starts' ->> 0)::timestamptz),
      assigned_day = count_after(assigned_day_start, assigned_day, (item -> 'starts' ->> 0)::timestamptz, (item -> 'deltas' ->> 0)::bigint),
      assigned_week_start = greatest(assigned_week_start, (item -> 'starts' ->> 1)::timestamptz),
      assigned_week = count_after(assigned_week_start, assigned_week, (item -> 'starts' ->> 1)::timestamptz, (item -> 'deltas' ->> 1)::bigint),
      assigned_month_start = greatest(assigned_month_start, (item -> 'starts' ->> 2)::timestamptz),
      assigned_month = count_after(assigned_month_start, assigned_month, (item -> 'starts' ->> 2)::timestamptz, (item -> 'deltas' ->> 2)::bigint),
      assigned_quarter_start = greatest(assigned_quarter_start, (item -> 'starts' ->> 3)::timestamptz),
      assigned_quarter = count_after(assigned_quarter_start, assigned_quarter, (item -> 'starts' ->> 3)::timestamptz, (item -> 'deltas' ->> 3)::bigint),
      assigned_year_start = greatest(assigned_year_start, (item -> 'starts' ->> 4)::timestamptz),
      assigned_year = count_after(assigned_year_start, assigned_year, (item -> 'starts' ->> 4)::timestamptz, (item -> 'deltas' ->> 4)::bigint),
      serving_day_start = greatest(serving_day_start, (item -> 'starts' ->> 5)::timestamptz),
      serving_day = count_after(serving_day_start, serving_day, (item -> 'starts' ->> 5)::timestamptz, (item -> 'deltas' ->> 5)::bigint),
      serving_week_start = greatest(serving_week_start, (item -> 'starts' ->> 6)::timestamptz),
      serving_week = count_after(serving_week_start, serving_week, (item -> 'starts' ->> 6)::timestamptz, (item -> 'deltas' ->> 6)::bigint),
      serving_month_start = greatest(serving_month_start, (item -> 'starts' ->> 7)::timestamptz),
      serving_month = count_after(serving_month_start, serving_month, (item -> 'starts' ->> 7)::timestamptz, (item -> 'deltas' ->> 7)::bigint),
      serving_quarter_start = greatest(serving_quarter_start, (item -> 'starts' ->> 8)::timestamptz),
      serving_quarter = count_after(serving_quarter_start, serving_quarter, (item -> 'starts' ->> 8)::timestamptz, (item -> 'deltas' ->> 8)::bigint),
      serving_year_start = greatest(serving_year_start, (item -> 'starts' ->> 9)::timestamptz),
      serving_year = count_after(serving_year_start, serving_year, (item -> 'starts' ->> 9)::timestamptz, (item -> 'deltas' ->> 9)::bigint),
      serving_total = serving_total + (item ->> 'servingTotal')::bigint
    WHERE agent_id = item ->> 'agentId';
  END LOOP;

  INSERT INTO outbox (id, notification, available_at)
  SELECT value ->> 'id', value, (value ->> 'at')::timestamptz
  FROM jsonb_array_elements(changes -> 'outbox') WITH ORDINALITY AS given (value, position)
  ORDER BY given.position;

  IF idempotency_key IS NOT NULL THEN
    INSERT INTO idempotency (key, result) VALUES (idempotency_key, idempotency_result);
  END IF;
END
$$;
`;

const FEWER_WRITES_SQL = `-- Agent profiles change rarely, and every decision reads them. A revision,
-- moved on before any statement writes agents, lets a store keep the
-- profiles it read and fetch them again only when the revision changed. It
-- comes from a sequence, so a value a rolled-back transaction took is never
-- seen again; and the one row is locked by each writing statement before it
-- touches an agent, so writers take turns and the revision follows commit
-- order.
CREATE SEQUENCE agent_revisions;
CREATE TABLE agent_revision (
  single boolean PRIMARY KEY DEFAULT true CHECK (single),
  revision bigint NOT NULL
);
INSERT INTO agent_revision (revision) VALUES (nextval('agent_revisions'));

CREATE FUNCTION next_agent_revision() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  UPDATE agent_revision SET revision = nextval('agent_revisions');
  RETURN NULL;
END
$$;
CREATE TRIGGER agents_revision BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON agents
  FOR EACH STATEMENT EXECUTE FUNCTION next_agent_revision();

-- From this version on, agent_counts alone holds each slot's latest bucket,
-- and counters only the buckets before it: a bucket's count is archived
-- there when a newer bucket starts, and a change to an older bucket (e.g.
-- serving -1 for care that began in an earlier period) goes there directly.
-- So a decision counting in the latest buckets, as nearly all do, writes one
-- agent_counts row per agent and nothing else. Rows of latest buckets that
-- version 1 wrote are no longer read (an archive overwrites them), nor are
-- the 'total' rows (agent_counts.serving_total is the total).
DELETE FROM counters WHERE period = 'total';
DROP FUNCTION count_after(timestamptz, bigint, timestamptz, bigint);

-- Adds one change to an agent's counts: starts and deltas by slot (assigned
-- day … year, serving day … year), a null start for a slot the change
-- leaves alone, and the change of the serving total.
CREATE FUNCTION add_counts(agent text, starts timestamptz[], deltas bigint[], serving_total_delta bigint) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  slot_counter text[] := ARRAY['assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'serving', 'serving', 'serving', 'serving', 'serving'];
  slot_period text[] := ARRAY['day', 'week', 'month', 'quarter', 'year', 'day', 'week', 'month', 'quarter', 'year'];
  existing agent_counts;
  latest timestamptz[];
  counts bigint[];
BEGIN
  -- Every slot it changes is at its latest bucket: one row update.
  UPDATE agent_counts SET
    assigned_day = assigned_day + deltas[1],
    assigned_week = assigned_week + deltas[2],
    assigned_month = assigned_month + deltas[3],
    assigned_quarter = assigned_quarter + deltas[4],
    assigned_year = assigned_year + deltas[5],
    serving_day = serving_day + deltas[6],
    serving_week = serving_week + deltas[7],
    serving_month = serving_month + deltas[8],
    serving_quarter = serving_quarter + deltas[9],
    serving_year = serving_year + deltas[10],
    serving_total = serving_total + serving_total_delta
  WHERE agent_id = agent
    AND (starts[1] IS NULL OR assigned_day_start = starts[1])
    AND (starts[2] IS NULL OR assigned_week_start = starts[2])
    AND (starts[3] IS NULL OR assigned_month_start = starts[3])
    AND (starts[4] IS NULL OR assigned_quarter_start = starts[4])
    AND (starts[5] IS NULL OR assigned_year_start = starts[5])
    AND (starts[6] IS NULL OR serving_day_start = starts[6])
    AND (starts[7] IS NULL OR serving_week_start = starts[7])
    AND (starts[8] IS NULL OR serving_month_start = starts[8])
    AND (starts[9] IS NULL OR serving_quarter_start = starts[9])
    AND (starts[10] IS NULL OR serving_year_start = starts[10]);
  IF FOUND THEN
    RETURN;
  END IF;
  INSERT INTO agent_counts (agent_id) VALUES (agent) ON CONFLICT (agent_id) DO NOTHING;
  SELECT * INTO existing FROM agent_counts WHERE agent_id = agent FOR UPDATE;
  latest := ARRAY[existing.assigned_day_start, existing.assigned_week_start, existing.assigned_month_start, existing.assigned_quarter_start, existing.assigned_year_start, existing.serving_day_start, existing.serving_week_start, existing.serving_month_start, existing.serving_quarter_start, existing.serving_year_start];
  counts := ARRAY[existing.assigned_day, existing.assigned_week, existing.assigned_month, existing.assigned_quarter, existing.assigned_year, existing.serving_day, existing.serving_week, existing.serving_month, existing.serving_quarter, existing.serving_year];
  FOR i IN 1..10 LOOP
    CONTINUE WHEN starts[i] IS NULL;
    IF starts[i] > latest[i] THEN
      IF counts[i] <> 0 THEN
        INSERT INTO counters AS c (period, bucket_start, agent_id, counter, count)
        VALUES (slot_period[i], latest[i], agent, slot_counter[i], counts[i])
        ON CONFLICT (period, bucket_start, agent_id, counter) DO UPDATE SET count = excluded.count;
      END IF;
      latest[i] := starts[i];
      counts[i] := deltas[i];
    ELSIF starts[i] = latest[i] THEN
      counts[i] := counts[i] + deltas[i];
    ELSE
      INSERT INTO counters AS c (period, bucket_start, agent_id, counter, count)
      VALUES (slot_period[i], starts[i], agent, slot_counter[i], deltas[i])
      ON CONFLICT (period, bucket_start, agent_id, counter) DO UPDATE SET count = c.count + excluded.count;
    END IF;
  END LOOP;
  UPDATE agent_counts SET
    assigned_day_start = latest[1], assigned_day = counts[1],
    assigned_week_start = latest[2], assigned_week = counts[2],
    assigned_month_start = latest[3], assigned_month = counts[3],
    assigned_quarter_start = latest[4], assigned_quarter = counts[4],
    assigned_year_start = latest[5], assigned_year = counts[5],
    serving_day_start = latest[6], serving_day = counts[6],
    serving_week_start = latest[7], serving_week = counts[7],
    serving_month_start = latest[8], serving_month = counts[8],
    serving_quarter_start = latest[9], serving_quarter = counts[9],
    serving_year_start = latest[10], serving_year = counts[10],
    serving_total = serving_total + serving_total_delta
  WHERE agent_id = agent;
END
$$;

-- Locks subjects and reads their records, for decisions that share a
-- transaction. request: { subjects: [{ kind, id, fields? }], statuses }. In
-- the order given, each subject is locked — created when absent (with its
-- fields, or none), its fields replaced when given — and then its records
-- in statuses are read, oldest first, by a later statement of this VOLATILE
-- function, so they include every commit of the lock's previous holder.
-- Returns [{ subject, records }] in the same order, rows as JSON objects.
CREATE FUNCTION lock_subjects(request jsonb) RETURNS json
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  entry jsonb;
  locked subjects;
  statuses text[] := ARRAY(SELECT jsonb_array_elements_text(request -> 'statuses'));
  found_subjects json[] := '{}';
BEGIN
  FOR entry IN SELECT value FROM jsonb_array_elements(request -> 'subjects') WITH ORDINALITY AS given (value, position)
    ORDER BY given.position LOOP
    IF entry ? 'fields' THEN
      INSERT INTO subjects AS s (kind, id, fields) VALUES (entry ->> 'kind', entry ->> 'id', entry -> 'fields')
      ON CONFLICT (kind, id) DO UPDATE SET fields = excluded.fields, updated_at = now()
      RETURNING * INTO locked;
    ELSE
      SELECT * INTO locked FROM subjects WHERE kind = entry ->> 'kind' AND id = entry ->> 'id' FOR UPDATE;
      IF NOT FOUND THEN
        INSERT INTO subjects (kind, id) VALUES (entry ->> 'kind', entry ->> 'id') ON CONFLICT (kind, id) DO NOTHING
        RETURNING * INTO locked;
        IF NOT FOUND THEN
          -- Created meanwhile by another transaction: lock it as it is.
          SELECT * INTO locked FROM subjects WHERE kind = entry ->> 'kind' AND id = entry ->> 'id' FOR UPDATE;
        END IF;
      END IF;
    END IF;
    found_subjects := found_subjects || json_build_object(
      'subject', json_build_object('kind', locked.kind, 'id', locked.id, 'fields', locked.fields, 'agent_id', locked.agent_id,
        'previous_agent_id', locked.previous_agent_id, 'agent_since', locked.agent_since),
      'records', (SELECT coalesce(json_agg(r ORDER BY r.created_at, r.id), '[]'::json) FROM (
        SELECT id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id, requested_by,
          created_at, updated_at, expires_at, history, version
        FROM records WHERE subject_id = locked.id AND subject_kind = locked.kind AND status = ANY (statuses)) r));
  END LOOP;
  RETURN array_to_json(found_subjects);
END
$$;

-- The agents' revision, profiles and counts in the buckets starting at
-- starts (day, week, month, quarter, year), as JSON: { revision, profiles,
-- counts }. profiles has one array [id, profile] per agent, in the order of
-- ids (all agents by creation when ids is null), or is null when
-- known_revision is the current revision (the caller has them). counts has
-- one array [id, assigned day … year, serving day … year, serving total] for
-- each of those agents that has counts, in no particular order: the others'
-- counts are all 0. PL/pgSQL rather than SQL, so that its plans are kept.
DROP FUNCTION lock_assignment(timestamptz[], text[]);
DROP FUNCTION agent_snapshots(timestamptz[], text[]);
CREATE FUNCTION agent_snapshots(starts timestamptz[], ids text[], known_revision bigint) RETURNS json
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'revision', r.revision,
    'profiles', CASE WHEN known_revision IS NOT DISTINCT FROM r.revision THEN NULL
      WHEN ids IS NULL THEN (SELECT coalesce(json_agg(json_build_array(a.id, a.profile) ORDER BY a.position), '[]'::json) FROM agents a)
      ELSE (SELECT coalesce(json_agg(json_build_array(a.id, a.profile) ORDER BY given.position), '[]'::json)
        FROM unnest(ids) WITH ORDINALITY AS given (id, position) JOIN agents a ON a.id = given.id) END,
    'counts', (SELECT coalesce(json_agg(json_build_array(k.agent_id,
      CASE WHEN k.assigned_day_start = starts[1] THEN k.assigned_day
        WHEN k.assigned_day_start > starts[1] THEN past_count(k.agent_id, 'assigned', 'day', starts[1]) ELSE 0 END,
      CASE WHEN k.assigned_week_start = starts[2] THEN k.assigned_week
        WHEN k.assigned_week_start > starts[2] THEN past_count(k.agent_id, 'assigned', 'week', starts[2]) ELSE 0 END,
      CASE WHEN k.assigned_month_start = starts[3] THEN k.assigned_month
        WHEN k.assigned_month_start > starts[3] THEN past_count(k.agent_id, 'assigned', 'month', starts[3]) ELSE 0 END,
      CASE WHEN k.assigned_quarter_start = starts[4] THEN k.assigned_quarter
        WHEN k.assigned_quarter_start > starts[4] THEN past_count(k.agent_id, 'assigned', 'quarter', starts[4]) ELSE 0 END,
      CASE WHEN k.assigned_year_start = starts[5] THEN k.assigned_year
        WHEN k.assigned_year_start > starts[5] THEN past_count(k.agent_id, 'assigned', 'year', starts[5]) ELSE 0 END,
      CASE WHEN k.serving_day_start = starts[1] THEN k.serving_day
        WHEN k.serving_day_start > starts[1] THEN past_count(k.agent_id, 'serving', 'day', starts[1]) ELSE 0 END,
      CASE WHEN k.serving_week_start = starts[2] THEN k.serving_week
        WHEN k.serving_week_start > starts[2] THEN past_count(k.agent_id, 'serving', 'week', starts[2]) ELSE 0 END,
      CASE WHEN k.serving_month_start = starts[3] THEN k.serving_month
        WHEN k.serving_month_start > starts[3] THEN past_count(k.agent_id, 'serving', 'month', starts[3]) ELSE 0 END,
      CASE WHEN k.serving_quarter_start = starts[4] THEN k.serving_quarter
        WHEN k.serving_quarter_start > starts[4] THEN past_count(k.agent_id, 'serving', 'quarter', starts[4]) ELSE 0 END,
      CASE WHEN k.serving_year_start = starts[5] THEN k.serving_year
        WHEN k.serving_year_start > starts[5] THEN past_count(k.agent_id, 'serving', 'year', starts[5]) ELSE 0 END,
      k.serving_total)), '[]'::json)
      FROM agent_counts k WHERE ids IS NULL OR k.agent_id = ANY (ids)))
  FROM agent_revision r);
END
$$;

-- The assignment lock, the rule state and (when starts is given) the agents'
-- snapshots in one round trip. Every transaction that decides by counts or
-- round robin queues on this transaction-scoped advisory lock (keyed by the
-- schema, so stores in other schemas do not wait for each other). What
-- follows the lock is one later statement of this VOLATILE function, so
-- under READ COMMITTED it sees every commit of the lock's previous holder.
CREATE FUNCTION lock_assignment(starts timestamptz[], ids text[], known_revision bigint) RETURNS json
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1145128753, hashtext(current_schema()));
  RETURN json_build_object(
    'ruleState', coalesce((SELECT jsonb_object_agg(rule_id, state) FROM rule_state), '{}'::jsonb),
    'agents', CASE WHEN starts IS NULL THEN NULL ELSE agent_snapshots(starts, ids, known_revision) END);
END
$$;

-- Writes one change set (see ChangeSet in ports.ts) in one round trip:
-- record updates in the order given, then the new records (so, for each
-- subject, records leaving a pending or effective status still come before
-- records entering one, and the unique indexes hold after every row), the
-- subjects' agents, rule state, each agent's counts (add_counts), the
-- outbox, and the idempotency results (json, kept verbatim). A record update
-- must find the version read (else SQLSTATE DAC01, a conflict the service
-- retries); a broken unique index is SQLSTATE 23505, also retried; DAS01 is a
-- refused change.
DROP FUNCTION commit_changes(jsonb, text, json);
CREATE FUNCTION commit_changes(changes jsonb, idempotent_results json) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  item jsonb;
  rec jsonb;
  stored record;
  counts record;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'records') WITH ORDINALITY AS given (value, position)
    WHERE jsonb_typeof(value -> 'expectedVersion') = 'number' ORDER BY given.position LOOP
    rec := item -> 'record';
    UPDATE records SET
      type = rec ->> 'type',
      status = rec ->> 'status',
      agent_id = rec ->> 'agentId',
      previous_agent_id = rec ->> 'previousAgentId',
      rule_id = rec ->> 'ruleId',
      requested_by = rec -> 'requestedBy',
      created_at = (rec ->> 'createdAt')::timestamptz,
      updated_at = (rec ->> 'updatedAt')::timestamptz,
      expires_at = (rec ->> 'expiresAt')::timestamptz,
      history = rec -> 'history',
      version = (rec ->> 'version')::integer
    WHERE id = rec ->> 'id'
      AND version = (item ->> 'expectedVersion')::integer
      AND subject_kind = rec -> 'subject' ->> 'kind'
      AND subject_id = rec -> 'subject' ->> 'id';
    IF NOT FOUND THEN
      SELECT r.version, r.subject_kind, r.subject_id INTO stored FROM records r WHERE r.id = rec ->> 'id';
      IF NOT FOUND THEN
        RAISE EXCEPTION 'record % does not exist, so it cannot be at version %', rec ->> 'id', item ->> 'expectedVersion'
          USING ERRCODE = 'DAC01';
      ELSIF stored.version <> (item ->> 'expectedVersion')::integer THEN
        RAISE EXCEPTION 'record % is at version %, not %: it changed meanwhile', rec ->> 'id', stored.version, item ->> 'expectedVersion'
          USING ERRCODE = 'DAC01';
      END IF;
      RAISE EXCEPTION 'record % cannot move to another subject', rec ->> 'id' USING ERRCODE = 'DAS01';
    END IF;
  END LOOP;

  INSERT INTO records (id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id,
    requested_by, created_at, updated_at, expires_at, history, version)
  SELECT r.body ->> 'id', r.body ->> 'type', r.body ->> 'status', r.body -> 'subject' ->> 'kind', r.body -> 'subject' ->> 'id',
    r.body ->> 'agentId', r.body ->> 'previousAgentId', r.body ->> 'ruleId', r.body -> 'requestedBy',
    (r.body ->> 'createdAt')::timestamptz, (r.body ->> 'updatedAt')::timestamptz, (r.body ->> 'expiresAt')::timestamptz,
    r.body -> 'history', (r.body ->> 'version')::integer
  FROM jsonb_array_elements(changes -> 'records') WITH ORDINALITY AS given (value, position)
    CROSS JOIN LATERAL (SELECT given.value -> 'record' AS body) AS r
  WHERE jsonb_typeof(given.value -> 'expectedVersion') <> 'number'
  ORDER BY given.position;

  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'subjects') LOOP
    UPDATE subjects SET
      agent_id = item ->> 'agentId',
      previous_agent_id = item ->> 'previousAgentId',
      agent_since = (item ->> 'agentSince')::timestamptz,
      updated_at = now()
    WHERE kind = item -> 'subject' ->> 'kind' AND id = item -> 'subject' ->> 'id';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'unknown % "%": its agent cannot change', item -> 'subject' ->> 'kind', item -> 'subject' ->> 'id'
        USING ERRCODE = 'DAS01';
    END IF;
  END LOOP;

  INSERT INTO rule_state (rule_id, state)
  SELECT value ->> 'ruleId', value -> 'state' FROM jsonb_array_elements(changes -> 'ruleState')
  ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, updated_at = now();

  -- In the order given: agents sorted by id, so concurrent commits lock
  -- agent_counts rows in one order.
  FOR counts IN SELECT * FROM ROWS FROM (jsonb_to_recordset(changes -> 'agentCounts')
      AS (agent_id text, starts timestamptz[], deltas bigint[], serving_total bigint))
    WITH ORDINALITY AS given (agent_id, starts, deltas, serving_total, position)
    ORDER BY given.position LOOP
    PERFORM add_counts(counts.agent_id, counts.starts, counts.deltas, counts.serving_total);
  END LOOP;

  INSERT INTO outbox (id, notification, available_at)
  SELECT value ->> 'id', value, (value ->> 'at')::timestamptz
  FROM jsonb_array_elements(changes -> 'outbox') WITH ORDINALITY AS given (value, position)
  ORDER BY given.position;

  INSERT INTO idempotency (key, result)
  SELECT value ->> 'key', value -> 'result' FROM json_array_elements(idempotent_results);
END
$$;
`;

const LAST_ASSIGNED_SQL = `-- Each agent's latest automatic assignment (lastAssignedAt, for the
-- longestIdle order), kept beside its counts: written by the commit that
-- counts the assignment (never moved back by an older one), read with the
-- counts on every decision. Not in the profile JSON, whose cached copy it
-- would invalidate at every assignment. Agents' schedule, leave and
-- maxAssigned need no column: they are profile properties like skills.
ALTER TABLE agent_counts ADD COLUMN IF NOT EXISTS last_assigned_at timestamptz;

-- Agents assigned before this version: their latest automatic record.
UPDATE agent_counts k SET last_assigned_at = latest.created_at
FROM (SELECT agent_id, max(created_at) AS created_at FROM records WHERE type = 'auto' GROUP BY agent_id) latest
WHERE k.agent_id = latest.agent_id AND k.last_assigned_at IS NULL;

-- add_counts with the instant of the automatic assignments it counts (null:
-- none); commit_changes passes it from each agent's first item.
DROP FUNCTION IF EXISTS add_counts(text, timestamptz[], bigint[], bigint);
CREATE OR REPLACE FUNCTION add_counts(agent text, starts timestamptz[], deltas bigint[], serving_total_delta bigint,
  assigned_at timestamptz) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  slot_counter text[] := ARRAY['assigned', 'assigned', 'assigned', 'assigned', 'assigned', 'serving', 'serving', 'serving', 'serving', 'serving'];
  slot_period text[] := ARRAY['day', 'week', 'month', 'quarter', 'year', 'day', 'week', 'month', 'quarter', 'year'];
  existing agent_counts;
  latest timestamptz[];
  counts bigint[];
BEGIN
  -- Every slot it changes is at its latest bucket: one row update.
  UPDATE agent_counts SET
    assigned_day = assigned_day + deltas[1],
    assigned_week = assigned_week + deltas[2],
    assigned_month = assigned_month + deltas[3],
    assigned_quarter = assigned_quarter + deltas[4],
    assigned_year = assigned_year + deltas[5],
    serving_day = serving_day + deltas[6],
    serving_week = serving_week + deltas[7],
    serving_month = serving_month + deltas[8],
    serving_quarter = serving_quarter + deltas[9],
    serving_year = serving_year + deltas[10],
    serving_total = serving_total + serving_total_delta,
    last_assigned_at = greatest(last_assigned_at, assigned_at)
  WHERE agent_id = agent
    AND (starts[1] IS NULL OR assigned_day_start = starts[1])
    AND (starts[2] IS NULL OR assigned_week_start = starts[2])
    AND (starts[3] IS NULL OR assigned_month_start = starts[3])
    AND (starts[4] IS NULL OR assigned_quarter_start = starts[4])
    AND (starts[5] IS NULL OR assigned_year_start = starts[5])
    AND (starts[6] IS NULL OR serving_day_start = starts[6])
    AND (starts[7] IS NULL OR serving_week_start = starts[7])
    AND (starts[8] IS NULL OR serving_month_start = starts[8])
    AND (starts[9] IS NULL OR serving_quarter_start = starts[9])
    AND (starts[10] IS NULL OR serving_year_start = starts[10]);
  IF FOUND THEN
    RETURN;
  END IF;
  INSERT INTO agent_counts (agent_id) VALUES (agent) ON CONFLICT (agent_id) DO NOTHING;
  SELECT * INTO existing FROM agent_counts WHERE agent_id = agent FOR UPDATE;
  latest := ARRAY[existing.assigned_day_start, existing.assigned_week_start, existing.assigned_month_start, existing.assigned_quarter_start, existing.assigned_year_start, existing.serving_day_start, existing.serving_week_start, existing.serving_month_start, existing.serving_quarter_start, existing.serving_year_start];
  counts := ARRAY[existing.assigned_day, existing.assigned_week, existing.assigned_month, existing.assigned_quarter, existing.assigned_year, existing.serving_day, existing.serving_week, existing.serving_month, existing.serving_quarter, existing.serving_year];
  FOR i IN 1..10 LOOP
    CONTINUE WHEN starts[i] IS NULL;
    IF starts[i] > latest[i] THEN
      IF counts[i] <> 0 THEN
        INSERT INTO counters AS c (period, bucket_start, agent_id, counter, count)
        VALUES (slot_period[i], latest[i], agent, slot_counter[i], counts[i])
        ON CONFLICT (period, bucket_start, agent_id, counter) DO UPDATE SET count = excluded.count;
      END IF;
      latest[i] := starts[i];
      counts[i] := deltas[i];
    ELSIF starts[i] = latest[i] THEN
      counts[i] := counts[i] + deltas[i];
    ELSE
      INSERT INTO counters AS c (period, bucket_start, agent_id, counter, count)
      VALUES (slot_period[i], starts[i], agent, slot_counter[i], deltas[i])
      ON CONFLICT (period, bucket_start, agent_id, counter) DO UPDATE SET count = c.count + excluded.count;
    END IF;
  END LOOP;
  UPDATE agent_counts SET
    assigned_day_start = latest[1], assigned_day = counts[1],
    assigned_week_start = latest[2], assigned_week = counts[2],
    assigned_month_start = latest[3], assigned_month = counts[3],
    assigned_quarter_start = latest[4], assigned_quarter = counts[4],
    assigned_year_start = latest[5], assigned_year = counts[5],
    serving_day_start = latest[6], serving_day = counts[6],
    serving_week_start = latest[7], serving_week = counts[7],
    serving_month_start = latest[8], serving_month = counts[8],
    serving_quarter_start = latest[9], serving_quarter = counts[9],
    serving_year_start = latest[10], serving_year = counts[10],
    serving_total = serving_total + serving_total_delta,
    last_assigned_at = greatest(last_assigned_at, assigned_at)
  WHERE agent_id = agent;
END
$$;

-- As in version 2, each agent's counts followed by its last_assigned_at:
-- [id, assigned day … year, serving day … year, serving total, last assigned at].
CREATE OR REPLACE FUNCTION agent_snapshots(starts timestamptz[], ids text[], known_revision bigint) RETURNS json
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
BEGIN
  RETURN (SELECT json_build_object(
    'revision', r.revision,
    'profiles', CASE WHEN known_revision IS NOT DISTINCT FROM r.revision THEN NULL
      WHEN ids IS NULL THEN (SELECT coalesce(json_agg(json_build_array(a.id, a.profile) ORDER BY a.position), '[]'::json) FROM agents a)
      ELSE (SELECT coalesce(json_agg(json_build_array(a.id, a.profile) ORDER BY given.position), '[]'::json)
        FROM unnest(ids) WITH ORDINALITY AS given (id, position) JOIN agents a ON a.id = given.id) END,
    'counts', (SELECT coalesce(json_agg(json_build_array(k.agent_id,
      CASE WHEN k.assigned_day_start = starts[1] THEN k.assigned_day
        WHEN k.assigned_day_start > starts[1] THEN past_count(k.agent_id, 'assigned', 'day', starts[1]) ELSE 0 END,
      CASE WHEN k.assigned_week_start = starts[2] THEN k.assigned_week
        WHEN k.assigned_week_start > starts[2] THEN past_count(k.agent_id, 'assigned', 'week', starts[2]) ELSE 0 END,
      CASE WHEN k.assigned_month_start = starts[3] THEN k.assigned_month
        WHEN k.assigned_month_start > starts[3] THEN past_count(k.agent_id, 'assigned', 'month', starts[3]) ELSE 0 END,
      CASE WHEN k.assigned_quarter_start = starts[4] THEN k.assigned_quarter
        WHEN k.assigned_quarter_start > starts[4] THEN past_count(k.agent_id, 'assigned', 'quarter', starts[4]) ELSE 0 END,
      CASE WHEN k.assigned_year_start = starts[5] THEN k.assigned_year
        WHEN k.assigned_year_start > starts[5] THEN past_count(k.agent_id, 'assigned', 'year', starts[5]) ELSE 0 END,
      CASE WHEN k.serving_day_start = starts[1] THEN k.serving_day
        WHEN k.serving_day_start > starts[1] THEN past_count(k.agent_id, 'serving', 'day', starts[1]) ELSE 0 END,
      CASE WHEN k.serving_week_start = starts[2] THEN k.serving_week
        WHEN k.serving_week_start > starts[2] THEN past_count(k.agent_id, 'serving', 'week', starts[2]) ELSE 0 END,
      CASE WHEN k.serving_month_start = starts[3] THEN k.serving_month
        WHEN k.serving_month_start > starts[3] THEN past_count(k.agent_id, 'serving', 'month', starts[3]) ELSE 0 END,
      CASE WHEN k.serving_quarter_start = starts[4] THEN k.serving_quarter
        WHEN k.serving_quarter_start > starts[4] THEN past_count(k.agent_id, 'serving', 'quarter', starts[4]) ELSE 0 END,
      CASE WHEN k.serving_year_start = starts[5] THEN k.serving_year
        WHEN k.serving_year_start > starts[5] THEN past_count(k.agent_id, 'serving', 'year', starts[5]) ELSE 0 END,
      k.serving_total, k.last_assigned_at)), '[]'::json)
      FROM agent_counts k WHERE ids IS NULL OR k.agent_id = ANY (ids)))
  FROM agent_revision r);
END
$$;

-- As in version 2, with each agentCounts item's lastAssignedAt.
CREATE OR REPLACE FUNCTION commit_changes(changes jsonb, idempotent_results json) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT AS $$
DECLARE
  item jsonb;
  rec jsonb;
  stored record;
  counts record;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'records') WITH ORDINALITY AS given (value, position)
    WHERE jsonb_typeof(value -> 'expectedVersion') = 'number' ORDER BY given.position LOOP
    rec := item -> 'record';
    UPDATE records SET
      type = rec ->> 'type',
      status = rec ->> 'status',
      agent_id = rec ->> 'agentId',
      previous_agent_id = rec ->> 'previousAgentId',
      rule_id = rec ->> 'ruleId',
      requested_by = rec -> 'requestedBy',
      created_at = (rec ->> 'createdAt')::timestamptz,
      updated_at = (rec ->> 'updatedAt')::timestamptz,
      expires_at = (rec ->> 'expiresAt')::timestamptz,
      history = rec -> 'history',
      version = (rec ->> 'version')::integer
    WHERE id = rec ->> 'id'
      AND version = (item ->> 'expectedVersion')::integer
      AND subject_kind = rec -> 'subject' ->> 'kind'
      AND subject_id = rec -> 'subject' ->> 'id';
    IF NOT FOUND THEN
      SELECT r.version, r.subject_kind, r.subject_id INTO stored FROM records r WHERE r.id = rec ->> 'id';
      IF NOT FOUND THEN
        RAISE EXCEPTION 'record % does not exist, so it cannot be at version %', rec ->> 'id', item ->> 'expectedVersion'
          USING ERRCODE = 'DAC01';
      ELSIF stored.version <> (item ->> 'expectedVersion')::integer THEN
        RAISE EXCEPTION 'record % is at version %, not %: it changed meanwhile', rec ->> 'id', stored.version, item ->> 'expectedVersion'
          USING ERRCODE = 'DAC01';
      END IF;
      RAISE EXCEPTION 'record % cannot move to another subject', rec ->> 'id' USING ERRCODE = 'DAS01';
    END IF;
  END LOOP;

  INSERT INTO records (id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id,
    requested_by, created_at, updated_at, expires_at, history, version)
  SELECT r.body ->> 'id', r.body ->> 'type', r.body ->> 'status', r.body -> 'subject' ->> 'kind', r.body -> 'subject' ->> 'id',
    r.body ->> 'agentId', r.body ->> 'previousAgentId', r.body ->> 'ruleId', r.body -> 'requestedBy',
    (r.body ->> 'createdAt')::timestamptz, (r.body ->> 'updatedAt')::timestamptz, (r.body ->> 'expiresAt')::timestamptz,
    r.body -> 'history', (r.body ->> 'version')::integer
  FROM jsonb_array_elements(changes -> 'records') WITH ORDINALITY AS given (value, position)
    CROSS JOIN LATERAL (SELECT given.value -> 'record' AS body) AS r
  WHERE jsonb_typeof(given.value -> 'expectedVersion') <> 'number'
  ORDER BY given.position;

  FOR item IN SELECT value FROM jsonb_array_elements(changes -> 'subjects') LOOP
    UPDATE subjects SET
      agent_id = item ->> 'agentId',
      previous_agent_id = item ->> 'previousAgentId',
      agent_since = (item ->> 'agentSince')::timestamptz,
      updated_at = now()
    WHERE kind = item -> 'subject' ->> 'kind' AND id = item -> 'subject' ->> 'id';
    IF NOT FOUND THEN
      RAISE EXCEPTION 'unknown % "%": its agent cannot change', item -> 'subject' ->> 'kind', item -> 'subject' ->> 'id'
        USING ERRCODE = 'DAS01';
    END IF;
  END LOOP;

  INSERT INTO rule_state (rule_id, state)
  SELECT value ->> 'ruleId', value -> 'state' FROM jsonb_array_elements(changes -> 'ruleState')
  ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, updated_at = now();

  -- In the order given: agents sorted by id, so concurrent commits lock
  -- agent_counts rows in one order.
  FOR counts IN SELECT * FROM ROWS FROM (jsonb_to_recordset(changes -> 'agentCounts')
      AS (agent_id text, starts timestamptz[], deltas bigint[], serving_total bigint, last_assigned_at timestamptz))
    WITH ORDINALITY AS given (agent_id, starts, deltas, serving_total, last_assigned_at, position)
    ORDER BY given.position LOOP
    PERFORM add_counts(counts.agent_id, counts.starts, counts.deltas, counts.serving_total, counts.last_assigned_at);
  END LOOP;

  INSERT INTO outbox (id, notification, available_at)
  SELECT value ->> 'id', value, (value ->> 'at')::timestamptz
  FROM jsonb_array_elements(changes -> 'outbox') WITH ORDINALITY AS given (value, position)
  ORDER BY given.position;

  INSERT INTO idempotency (key, result)
  SELECT value ->> 'key', value -> 'result' FROM json_array_elements(idempotent_results);
END
$$;
`;

const STATISTICS_SQL = `-- Statistics (svc.stats; docs/reports.md): each record's way to effective,
-- read from its history by a trigger, so aggregates read no JSON.
ALTER TABLE records
  ADD COLUMN IF NOT EXISTS confirmation_asked boolean NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS effective_ms bigint,
  ADD COLUMN IF NOT EXISTS effective_via text CHECK (effective_via IN ('confirmation', 'approval', 'direct'));

CREATE OR REPLACE FUNCTION record_outcome() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  step jsonb;
BEGIN
  NEW.confirmation_asked := false;
  NEW.effective_ms := NULL;
  NEW.effective_via := NULL;
  FOR step IN SELECT value FROM jsonb_array_elements(NEW.history) LOOP
    IF step ->> 'to' = 'pending_confirmation' THEN
      NEW.confirmation_asked := true;
    ELSIF step ->> 'to' = 'effective' AND NEW.effective_via IS NULL THEN
      NEW.effective_ms := round(extract(epoch FROM (step ->> 'at')::timestamptz - NEW.created_at) * 1000);
      NEW.effective_via := CASE step ->> 'from' WHEN 'pending_confirmation' THEN 'confirmation'
        WHEN 'pending_approval' THEN 'approval' ELSE 'direct' END;
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS records_outcome ON records;
CREATE TRIGGER records_outcome BEFORE INSERT OR UPDATE OF history ON records
  FOR EACH ROW EXECUTE FUNCTION record_outcome();
UPDATE records SET history = history;

-- Index-only scans of a window.
CREATE INDEX IF NOT EXISTS records_stats ON records (created_at)
  INCLUDE (agent_id, type, status, rule_id, confirmation_asked, effective_ms, effective_via);

-- StoreStats for [from_at, to_at): 'groups', one pass hashed into the
-- grouping sets the sections need (a column none needs is NULL, in the
-- (type, status) set), each row with grouping(); 'times', per agent and way to
-- effective, percentile_disc of effective_ms. The sets are fixed text.
CREATE OR REPLACE FUNCTION assignment_stats(from_at timestamptz, to_at timestamptz, zone text, sections text[]) RETURNS json
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT SET work_mem = '64MB' AS $$
DECLARE
  by_agent boolean := sections && ARRAY['agent', 'rule', 'day'];
  sets text[] := ARRAY[]::text[];
  unused text := '';
  groups json;
  times json;
BEGIN
  IF 'agent' = ANY (sections) THEN sets := sets || '(agent_id, type, status)'::text; END IF;
  IF 'rule' = ANY (sections) THEN sets := sets || '(rule_id, agent_id, type)'::text; END IF;
  IF 'day' = ANY (sections) THEN sets := sets || '(day, agent_id, type)'::text; END IF;
  IF 'hour' = ANY (sections) THEN sets := sets || '(hour, type)'::text; END IF;
  IF NOT by_agent THEN unused := unused || ', agent_id'; END IF;
  IF NOT 'rule' = ANY (sections) THEN unused := unused || ', rule_id'; END IF;
  IF NOT 'day' = ANY (sections) THEN unused := unused || ', day'; END IF;
  IF NOT 'hour' = ANY (sections) THEN unused := unused || ', hour'; END IF;
  sets := ('(type, status' || unused || ')') || sets;
  EXECUTE format($query$
    SELECT coalesce(json_agg(json_build_array(mask, agent_id, rule_id, type, status, to_char(day, 'YYYY-MM-DD'), hour, n, asked, confirmed)), '[]')
    FROM (
      SELECT grouping(agent_id, rule_id, status, day, hour) AS mask, agent_id, rule_id, type, status, day, hour, count(*) AS n,
        count(*) FILTER (WHERE confirmation_asked AND status <> 'pending_confirmation') AS asked,
        count(*) FILTER (WHERE effective_via = 'confirmation') AS confirmed
      FROM (
        SELECT CASE WHEN $4 THEN agent_id END AS agent_id, CASE WHEN $5 THEN rule_id END AS rule_id, type, status,
          confirmation_asked, effective_via,
          CASE WHEN $6 THEN (created_at AT TIME ZONE $3)::date END AS day,
          CASE WHEN $7 THEN extract(hour FROM created_at AT TIME ZONE $3)::integer END AS hour
        FROM records WHERE created_at >= $1 AND created_at < $2
      ) in_window
      GROUP BY GROUPING SETS (%s)
    ) grouped
    $query$, array_to_string(sets, ', ')) INTO groups
    USING from_at, to_at, zone, by_agent, 'rule' = ANY (sections), 'day' = ANY (sections), 'hour' = ANY (sections);
  IF 'agent' = ANY (sections) THEN
    SELECT coalesce(json_agg(json_build_array(agent_id, effective_via, n, percentiles)), '[]') INTO times
    FROM (
      SELECT agent_id, effective_via, count(*) AS n,
        percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY effective_ms) AS percentiles
      FROM records
      WHERE created_at >= from_at AND created_at < to_at AND effective_via IN ('confirmation', 'approval')
      GROUP BY agent_id, effective_via
    ) per_agent;
  END IF;
  RETURN json_build_object('groups', groups, 'times', times);
END
$$;
`;

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'initial schema', sql: INITIAL_SCHEMA_SQL },
  { version: 2, description: 'counts in place, cached agent profiles, several calls per transaction', sql: FEWER_WRITES_SQL },
  { version: 3, description: 'latest automatic assignment per agent (lastAssignedAt)', sql: LAST_ASSIGNED_SQL },
  { version: 4, description: 'the waiting queue', sql: WAITING_QUEUE_SQL },
  { version: 5, description: 'statistics: outcome columns, a covering index and assignment_stats()', sql: STATISTICS_SQL },
  { version: 7, description: 'rule-set versions and the decision kept for each record', sql: RULE_SET_VERSIONS_SQL },
  { version: 8, description: 'set-based locks and commits for many subjects (bulk import)', sql: BULK_WRITE_SQL },
];
