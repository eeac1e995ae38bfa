import { InputError } from '../../core/errors.js';
import { readAgents } from '../../core/input/readAgents.js';
import { readId } from '../../core/input/readId.js';
import { readIdList } from '../../core/input/readIdList.js';
import { type FieldLimits, readInputLimits } from '../../core/input/readInputLimits.js';
import { readInstant } from '../../core/input/readInstant.js';
import { readOptions } from '../../core/input/readOptions.js';
import { readRecordQuery } from '../../core/input/readRecordQuery.js';
import { readStatsQuery } from '../../core/input/readStatsQuery.js';
import { readSubjectRef } from '../../core/input/readSubjectRef.js';
import { readSubjectUpdate } from '../../core/input/readSubjectUpdate.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import type { SubjectKind } from '../../core/ruleset/types.js';
import { readWaitingQuery } from '../../core/input/readWaitingQuery.js';
import { WAITING_REASONS } from '../../core/types.js';
import type {
  AssignmentStore,
  Notification,
  OutboxEntry,
  QueueStats,
  RecordDecision,
  RuleSetVersion,
  RuleSetVersionPage,
  RuleSetVersionQuery,
} from '../../ports.js';
import { encodeWaitingCursor } from '../waitingCursor.js';
import { waitingEntryFromRow } from './waitingEntryFromRow.js';
import { type WaitingRow, waitingPageQuery } from './waitingSql.js';
import { AgentSnapshotReader } from './agentSnapshotReader.js';
import { migrateSchema } from './migrateSchema.js';
import type { PostgresClient } from './postgresClient.js';
import { postgresConnector } from './postgresConnector.js';
import { postgresRuleSetVersions } from './postgresRuleSetVersions.js';
import { postgresStatements } from './postgresStatements.js';
import { openPostgresTransaction } from './postgresTransaction.js';
import { encodeRecordCursor } from './recordCursor.js';
import { type RecordRow, recordFromRow } from './recordFromRow.js';
import { recordPageQuery } from './recordPageQuery.js';
import { type StatsJson, statsFromJson } from './statsFromJson.js';
import { type SubjectRow, subjectFromRow } from './subjectFromRow.js';
import { quoteIdentifier } from './quoteIdentifier.js';

/** Options of `createPostgresStore`. */
export interface PostgresStoreOptions {
  /** A `pg.Pool` (recommended for servers), a `pg.Client` or a PGlite instance. The store never closes it. */
  client: PostgresClient;
  /** The schema holding the store's tables (default `dedicated_agent`); created by `migrate()`. */
  schema?: string;
  /**
   * Keep the store's frequent statements prepared on `pg` connections (default
   * true). Turn off behind a pooler that cannot keep prepared statements
   * (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
  /** Bounds on subjects' `fields` (default 32 levels, 65,536 characters of JSON); give the service the same. */
  limits?: FieldLimits;
}

/** The PostgreSQL store: an `AssignmentStore` with rule-set versions and kept decisions, plus `migrate()`. */
export interface PostgresStore extends AssignmentStore {
  saveRuleSet(version: RuleSetVersion): Promise<void>;
  currentRuleSet(): Promise<RuleSetVersion | null>;
  ruleSetRevision(): Promise<string | null>;
  ruleSetVersion(revision: string): Promise<RuleSetVersion | null>;
  ruleSetVersions(query: RuleSetVersionQuery): Promise<RuleSetVersionPage>;
  recordDecision(recordId: string): Promise<RecordDecision | null>;
  /** The schema name, unquoted. */
  readonly schema: string;
  /**
   * Creates or upgrades the schema and its tables; idempotent and safe when
   * several processes run it at once. Resolves to the store, so
   * `const store = await createPostgresStore({ client }).migrate()` works.
   */
  migrate(): Promise<PostgresStore>;
}

/**
 * An `AssignmentStore` on PostgreSQL that many application servers can share.
 * Correctness comes from the database: a decision's reads and writes run in
 * one READ COMMITTED transaction that holds the subject's row lock and, for
 * count- and round-robin-based decisions, a schema-wide advisory lock; unique
 * partial indexes make a second effective or pending record of a subject (and
 * a second use of an idempotency key) impossible; record updates check the
 * version read. Conflicts surface as `ConcurrencyError` (the service retries),
 * every other database failure as `StoreError` with the cause.
 *
 * Built for throughput: a transaction costs one round trip per statement
 * (`BEGIN` travels with the first, `COMMIT` with the last), `lockSubjects`
 * locks all the subjects of a group of `autoAssign` calls at once, counts are
 * one row per agent updated in place, and agent profiles are kept between
 * transactions and fetched again only when the agents changed.
 *
 * Works with a `pg.Pool` (each transaction on its own connection), a
 * `pg.Client` or a PGlite instance (transactions take turns on the one
 * connection); neither package is imported. Run `migrate()` once before use.
 *
 * @param options - the client, and optionally the schema name and whether to keep statements prepared
 * @returns the store
 * @throws AssignmentError `invalid_input` for a client of unknown shape or an unusable schema name
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStore } from 'dedicated-agent/postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = await createPostgresStore({ client: pool }).migrate();
 * const svc = createAssignmentService({ store, ruleSet });
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  if (options === undefined) throw new InputError('options', 'an object { client, schema?, … }', describeValue(options));
  const given = readOptions(options, 'options', ['client', 'schema', 'preparedStatements', 'limits']);
  if (typeof given.client !== 'object' || given.client === null) {
    throw new InputError('options.client', 'a pg.Pool, a pg.Client or a PGlite instance', describeValue(given.client));
  }
  if (given.schema !== undefined && typeof given.schema !== 'string') throw new InputError('options.schema', 'a string', describeValue(given.schema));
  if (given.preparedStatements !== undefined && typeof given.preparedStatements !== 'boolean') {
    throw new InputError('options.preparedStatements', 'a boolean', describeValue(given.preparedStatements));
  }
  const limits = readInputLimits(given.limits, 'options.limits');
  const schemaName = options.schema ?? 'dedicated_agent';
  const schema = quoteIdentifier(schemaName);
  const connector = postgresConnector(options.client);
  const sql = postgresStatements(schema, options.preparedStatements ?? true);
  const snapshots = new AgentSnapshotReader();

  const store: PostgresStore = {
    schema: schemaName,
    async migrate() {
      await migrateSchema(connector, schemaName, schema);
      return store;
    },
    transaction(work) {
      return connector.transaction(async (session) => {
        const { tx, final, close } = openPostgresTransaction(session, sql, snapshots, limits);
        try {
          return { value: await work(tx), final: final() };
        } finally {
          close();
        }
      });
    },
    async upsertAgents(agents) {
      const rows = readAgents(agents, 'agents', false).map(({ id, ...profile }) => ({ id, profile }));
      if (rows.length === 0) return;
      await connector.query(sql.upsertAgents, [JSON.stringify(rows)]);
    },
    async upsertSubjects(subjects) {
      const merged = new Map<string, { kind: SubjectKind; id: string; fields: Record<string, unknown> | null }>();
      if (!Array.isArray(subjects)) throw new InputError('subjects', 'an array of subjects { id, kind?, fields? }', describeValue(subjects));
      for (const [index, input] of subjects.entries()) {
        const { kind, id, fields } = readSubjectUpdate(input, `subjects[${index}]`, limits);
        const key = JSON.stringify([kind, id]);
        merged.set(key, { kind, id, fields: fields ?? merged.get(key)?.fields ?? null });
      }
      if (merged.size === 0) return;
      await connector.query(sql.upsertSubjects, [JSON.stringify([...merged.values()])]);
    },
    async subject(subject) {
      const { kind, id } = readSubjectRef(subject, 'subject');
      const rows = await connector.query<SubjectRow>(sql.subject, [kind, id]);
      return rows[0] === undefined ? null : subjectFromRow(rows[0]);
    },
    async subjectsOfAgent(agentId) {
      return connector.query<{ kind: SubjectKind; id: string }>(sql.subjectsOfAgent, [readId(agentId, 'agentId')]);
    },
    async queryRecords(given) {
      const query = readRecordQuery(given, 'query');
      const { statement, values } = recordPageQuery(schema, query);
      const rows = await connector.query<RecordRow>(statement, values);
      const items = rows.slice(0, query.limit).map(recordFromRow);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last !== undefined ? encodeRecordCursor(last) : null };
    },
    async waiting(given) {
      const query = readWaitingQuery(given, 'query');
      const { statement, values } = waitingPageQuery(schema, query);
      const rows = await connector.query<WaitingRow>(statement, values);
      const items = rows.slice(0, query.limit).map(waitingEntryFromRow);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last !== undefined ? encodeWaitingCursor(last) : null };
    },
    async queueStats(now) {
      const at = new Date(readInstant(now, 'now')).toISOString();
      const [row] = await connector.query<QueueStatsRow>(sql.queueStats, [at]);
      const byReason = Object.fromEntries(WAITING_REASONS.map((reason) => [reason, Number(row!.by_reason[reason] ?? 0)]));
      const age = (value: number | string | null) => (value === null ? null : Math.round(Number(value)));
      return {
        size: Number(row!.size),
        byReason: byReason as QueueStats['byReason'],
        byRule: row!.by_rule.map(({ ruleId, size }) => ({ ruleId, size: Number(size) })),
        oldestAgeMs: age(row!.oldest_ms),
        p50AgeMs: age(row!.p50_ms),
        p95AgeMs: age(row!.p95_ms),
      };
    },
    async waitingWake() {
      const [row] = await connector.query<{ retry_at: Date | string | null; unalerted_since: Date | string | null }>(sql.waitingWake, []);
      const instant = (value: Date | string | null) => (value === null ? null : new Date(value));
      return { retryAt: instant(row!.retry_at), unalertedSince: instant(row!.unalerted_since) };
    },
    async assignmentStats(given) {
      const query = readStatsQuery(given, 'query');
      const [row] = await connector.query<{ stats: StatsJson }>(sql.assignmentStats, [
        query.from.toISOString(),
        query.to.toISOString(),
        query.timeZone,
        query.sections,
      ]);
      return statsFromJson(row!.stats, query);
    },
    async claimOutbox(now, limit, leaseUntil) {
      const rows = await connector.query<{ notification: StoredNotification; attempts: number; last_error: string | null }>(sql.claimOutbox, [
        new Date(readInstant(now, 'now')).toISOString(),
        limit,
        new Date(readInstant(leaseUntil, 'leaseUntil')).toISOString(),
      ]);
      return rows.map(
        (row): OutboxEntry => ({
          notification: { ...row.notification, at: new Date(row.notification.at) },
          attempts: row.attempts,
          lastError: row.last_error,
        }),
      );
    },
    async completeOutbox(ids) {
      const read = readIdList(ids, 'ids');
      if (read.length === 0) return;
      await connector.query(sql.completeOutbox, [read]);
    },
    async failOutbox(id, retryAt, error) {
      await connector.query(sql.failOutbox, [readId(id, 'id'), new Date(readInstant(retryAt, 'retryAt')).toISOString(), error]);
    },
    ...postgresRuleSetVersions(connector, schema),
  };
  return store;
}

/** The row of `queueStats`: counts may come back as strings (bigint), ages as numbers or numeric strings. */
interface QueueStatsRow {
  size: number | string;
  by_reason: Record<string, number | string>;
  by_rule: { ruleId: string | null; size: number | string }[];
  oldest_ms: number | string | null;
  p50_ms: number | string | null;
  p95_ms: number | string | null;
}

/** A notification as the outbox keeps it: JSON, `at` an ISO-8601 string. */
type StoredNotification = Omit<Notification, 'at'> & { at: string };
