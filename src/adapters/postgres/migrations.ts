/**
 * The PostgreSQL store's schema, as numbered migrations. `migrate()` runs the
 * ones a database lacks, in order, with `search_path` set to the store's
 * schema (so the SQL names no schema and works in any); `schema.sql` is the
 * same SQL in one file for people who manage schemas with their own tools.
 *
 * Functions are created with `SET search_path FROM CURRENT`, so they always
 * find their own schema's tables whatever the caller's `search_path` is.
 */

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

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, description: 'initial schema', sql: INITIAL_SCHEMA_SQL }];
