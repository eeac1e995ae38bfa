import type { CommitValues } from './commitArguments.js';
import type { SqlStatement } from './sqlSession.js';
import { sqlLiteral } from './sqlLiteral.js';
import { statementName } from './statementName.js';
import { WAITING_COLUMNS } from './waitingSql.js';

/** Columns of `records`, in the order `recordFromRow` reads them. */
export const RECORD_COLUMNS =
  'id, type, status, subject_kind, subject_id, agent_id, previous_agent_id, rule_id, requested_by, created_at, updated_at, expires_at, history, version';

const SUBJECT_COLUMNS = 'kind, id, fields, agent_id, previous_agent_id, agent_since';

/** Every fixed statement of the store, for one schema. */
export type PostgresStatements = ReturnType<typeof postgresStatements>;

/**
 * The store's fixed SQL for one schema, built once per store: tables are
 * qualified with the quoted schema, so no statement depends on the
 * connection's `search_path`. Each is a prepared statement on `pg`
 * connections unless `prepared` is false (for poolers that cannot keep them,
 * such as PgBouncer in transaction mode before 1.21).
 *
 * @internal
 * @param schema - the quoted schema identifier
 * @param prepared - whether to name the statements
 * @returns the statements by purpose
 * @example
 * ```ts
 * const sql = postgresStatements('"dedicated_agent"', true);
 * await session.query(sql.lockAssignment);
 * ```
 */
export function postgresStatements(schema: string, prepared: boolean) {
  const statement = (label: string, text: string): SqlStatement =>
    prepared ? { label, text, name: statementName(text) } : { label, text };
  return {
    lockSubject: statement('lockSubject', `SELECT ${SUBJECT_COLUMNS} FROM ${schema}.subjects WHERE kind = $1 AND id = $2 FOR UPDATE`),
    upsertLockSubject: statement(
      'lockSubject',
      `INSERT INTO ${schema}.subjects AS s (kind, id, fields) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (kind, id) DO UPDATE SET fields = excluded.fields, updated_at = now()
       RETURNING ${SUBJECT_COLUMNS}`,
    ),
    lockSubjects: statement('lockSubjects', `SELECT ${schema}.lock_subjects($1::jsonb) AS locked`),
    assignmentStats: statement(
      'assignmentStats',
      `SELECT ${schema}.assignment_stats($1::timestamptz, $2::timestamptz, $3::text, $4::text[]) AS stats`,
    ),
    lockSubjectsBulk: statement('lockSubjects', `SELECT ${schema}.lock_subjects_bulk($1::jsonb) AS locked`),
    subject: statement('subject', `SELECT ${SUBJECT_COLUMNS} FROM ${schema}.subjects WHERE kind = $1 AND id = $2`),
    lockAssignment: statement(
      'lockAssignment',
      `SELECT ${schema}.lock_assignment($1::timestamptz[], $2::text[], $3::bigint) AS locked`,
    ),
    agentSnapshots: statement(
      'agentSnapshots',
      `SELECT ${schema}.agent_snapshots($1::timestamptz[], $2::text[], $3::bigint) AS agents`,
    ),
    allAgents: statement(
      'agents',
      `SELECT a.id, a.profile, k.last_assigned_at FROM ${schema}.agents a
       LEFT JOIN ${schema}.agent_counts k ON k.agent_id = a.id ORDER BY a.position`,
    ),
    agentsOf: statement(
      'agents',
      `SELECT a.id, a.profile, k.last_assigned_at FROM unnest($1::text[]) WITH ORDINALITY AS w (id, position)
       JOIN ${schema}.agents a ON a.id = w.id LEFT JOIN ${schema}.agent_counts k ON k.agent_id = a.id ORDER BY w.position`,
    ),
    updateAgent: statement(
      'updateAgent',
      `UPDATE ${schema}.agents SET profile = profile || $2::jsonb, updated_at = now() WHERE id = $1 RETURNING id`,
    ),
    record: statement('record', `SELECT ${RECORD_COLUMNS} FROM ${schema}.records WHERE id = $1`),
    lockRecord: statement('record', `SELECT ${RECORD_COLUMNS} FROM ${schema}.records WHERE id = $1 FOR UPDATE`),
    subjectRecords: statement(
      'subjectRecords',
      `SELECT ${RECORD_COLUMNS} FROM ${schema}.records
       WHERE subject_id = $2 AND subject_kind = $1 AND status = ANY($3::text[]) ORDER BY created_at, id`,
    ),
    agentRecords: statement(
      'agentRecords',
      `SELECT ${RECORD_COLUMNS} FROM ${schema}.records WHERE agent_id = $1 AND status = ANY($2::text[]) ORDER BY created_at, id`,
    ),
    dueRecords: statement(
      'dueRecords',
      `SELECT ${RECORD_COLUMNS} FROM ${schema}.records
       WHERE status IN ('pending_approval', 'pending_confirmation') AND expires_at IS NOT NULL AND expires_at <= $1
       ORDER BY expires_at, created_at, id LIMIT $2`,
    ),
    waitingEntries: statement(
      'waitingEntries',
      `SELECT ${WAITING_COLUMNS} FROM ${schema}.waiting w
       JOIN jsonb_to_recordset($1::jsonb) AS s (kind text, id text) ON w.subject_kind = s.kind AND w.subject_id = s.id`,
    ),
    // Ages by nearest rank: percentile_disc is the smallest age with at least p of the entries at or below it.
    queueStats: statement(
      'queueStats',
      `WITH aged AS (SELECT reason, rule_id, extract(epoch FROM ($1::timestamptz - since)) * 1000 AS age_ms FROM ${schema}.waiting)
       SELECT
         (SELECT count(*) FROM aged)::bigint AS size,
         (SELECT coalesce(json_object_agg(reason, n), '{}'::json) FROM (SELECT reason, count(*) AS n FROM aged GROUP BY reason) r) AS by_reason,
         (SELECT coalesce(json_agg(json_build_object('ruleId', rule_id, 'size', n) ORDER BY n DESC, rule_id COLLATE "C" NULLS LAST), '[]'::json)
            FROM (SELECT rule_id, count(*) AS n FROM aged GROUP BY rule_id) g) AS by_rule,
         (SELECT max(age_ms) FROM aged) AS oldest_ms,
         (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY age_ms) FROM aged) AS p50_ms,
         (SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY age_ms) FROM aged) AS p95_ms`,
    ),
    waitingWake: statement(
      'waitingWake',
      `SELECT (SELECT min(retry_at) FROM ${schema}.waiting WHERE retry_at IS NOT NULL) AS retry_at,
         (SELECT min(since) FROM ${schema}.waiting WHERE alerted_at IS NULL) AS unalerted_since`,
    ),
    idempotentResult: statement('idempotentResult', `SELECT result FROM ${schema}.idempotency WHERE key = $1`),
    keptTrace: statement('keptTrace', `SELECT trace FROM ${schema}.record_decisions WHERE record_id = $1`),
    idempotentResults: statement('idempotentResults', `SELECT key, result FROM ${schema}.idempotency WHERE key = ANY($1::text[])`),
    commit: statement('commit', `SELECT ${schema}.commit_changes($1::jsonb, $2::json)`),
    /** `commit` with its values inlined, to travel with `COMMIT` in one round trip. */
    inlinedCommit: ([changes, idempotentResults]: CommitValues): string =>
      `SELECT ${schema}.commit_changes(${sqlLiteral(changes)}::jsonb, ${sqlLiteral(idempotentResults)}::json)`,
    /** A large commit of distinct subjects, with parameters (`bulkCommitArguments`): its own round trip before `COMMIT`. */
    commitBulk: statement('commit', `SELECT ${schema}.commit_bulk($1::jsonb, $2::json, $3::text[], $4::text[], $5::json)`),
    upsertAgents: statement(
      'upsertAgents',
      `INSERT INTO ${schema}.agents AS a (id, profile)
       SELECT x.value ->> 'id', x.value -> 'profile' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x (value, position)
       ORDER BY x.position
       ON CONFLICT (id) DO UPDATE SET profile = a.profile || excluded.profile, updated_at = now()`,
    ),
    // Subjects given with fields replace them; the others are only created when absent.
    upsertSubjects: statement(
      'upsertSubjects',
      `WITH given AS (
         SELECT x.value ->> 'kind' AS kind, x.value ->> 'id' AS id, nullif(x.value -> 'fields', 'null'::jsonb) AS fields, x.position
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x (value, position)),
       with_fields AS (
         INSERT INTO ${schema}.subjects AS s (kind, id, fields)
         SELECT kind, id, fields FROM given WHERE fields IS NOT NULL ORDER BY position
         ON CONFLICT (kind, id) DO UPDATE SET fields = excluded.fields, updated_at = now())
       INSERT INTO ${schema}.subjects (kind, id)
       SELECT kind, id FROM given WHERE fields IS NULL ORDER BY position
       ON CONFLICT (kind, id) DO NOTHING`,
    ),
    subjectsOfAgent: statement(
      'subjectsOfAgent',
      `SELECT kind, id FROM ${schema}.subjects WHERE agent_id = $1 ORDER BY created_at, kind, id`,
    ),
    // SKIP LOCKED: concurrent dispatchers each take different entries instead of queueing.
    claimOutbox: statement(
      'claimOutbox',
      `WITH due AS (
         SELECT id, available_at, position FROM ${schema}.outbox
         WHERE available_at <= $1 ORDER BY available_at, position LIMIT $2
         FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE ${schema}.outbox o SET available_at = $3, attempts = o.attempts + 1
         FROM due WHERE o.id = due.id
         RETURNING o.notification, o.attempts - 1 AS attempts, o.last_error, due.available_at AS due_at, due.position)
       SELECT notification, attempts, last_error FROM claimed ORDER BY due_at, position`,
    ),
    completeOutbox: statement('completeOutbox', `DELETE FROM ${schema}.outbox WHERE id = ANY($1::text[])`),
    failOutbox: statement(
      'failOutbox',
      `UPDATE ${schema}.outbox SET available_at = $2, last_error = $3 WHERE id = $1`,
    ),
  };
}
