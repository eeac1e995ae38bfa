import { NotFoundError, StoreError } from '../../core/errors.js';
import { PERIODS } from '../../core/ruleset/types.js';
import type { AgentSnapshot, RuleState } from '../../core/types.js';
import type { AgentProfile, AgentProfileInput, StoreTransaction } from '../../ports.js';
import type { InputLimits } from '../../core/input/inputLimits.js';
import { readAgentPatch } from '../../core/input/readAgentPatch.js';
import { readFields } from '../../core/input/readFields.js';
import { readId } from '../../core/input/readId.js';
import { readIdList } from '../../core/input/readIdList.js';
import { readInstant } from '../../core/input/readInstant.js';
import { readSubjectRef } from '../../core/input/readSubjectRef.js';
import { readSubjectRefList } from '../../core/input/readSubjectRefList.js';
import { waitingEntryFromRow } from './waitingEntryFromRow.js';
import type { WaitingRow } from './waitingSql.js';
import type { AgentSnapshotReader, SnapshotPayload, SnapshotRequest } from './agentSnapshotReader.js';
import { bulkCommitArguments, commitArguments } from './commitArguments.js';
import type { PostgresStatements } from './postgresStatements.js';
import { type RecordRow, recordFromRow } from './recordFromRow.js';
import type { FinalStatement, SqlSession } from './sqlSession.js';
import { type SubjectRow, subjectFromRow } from './subjectFromRow.js';

/** A transaction of the PostgreSQL store and the means to end it. */
export interface PostgresTransaction {
  tx: StoreTransaction;
  /** The commit of the change set, to run just before `COMMIT`; null when `commit` was not called. */
  final(): FinalStatement | null;
  /** Ends the transaction: any later call on `tx` is refused. */
  close(): void;
}

/** From this many subjects (more than a group commit holds by default), a lock or commit of distinct subjects is set-based (`lock_subjects_bulk`, `commit_bulk`). */
const BULK_FROM = 100;

/** A subject row as JSON: instants are strings. */
type SubjectJson = Omit<SubjectRow, 'agent_since'> & { agent_since: string | null };

/** A record row as JSON: instants are strings. */
type RecordJson = Omit<RecordRow, 'created_at' | 'updated_at' | 'expires_at'> & { created_at: string; updated_at: string; expires_at: string | null };

/** An `agents` row; `profile` is everything but the id (as the CRM gave it); `last_assigned_at` from `agent_counts`. */
interface AgentRow {
  id: string;
  profile: Omit<AgentProfileInput, 'id'>;
  last_assigned_at: Date | string | null;
}

/**
 * The `StoreTransaction` of the PostgreSQL store, on a session that is inside
 * `BEGIN … COMMIT`. Each method is at most one statement (one round trip):
 * the subject lock is an upsert or `SELECT … FOR UPDATE` on its row; the
 * assignment lock a function that takes a transaction-scoped advisory lock and
 * then reads the rule state (and the snapshots the service asked for last,
 * which it asks for again right after: they change only with the day or the
 * rule set); snapshots carry profiles only when the agents changed (see
 * `AgentSnapshotReader`);
 * `commit` checks and keeps the change set, which one function call writes
 * just before `COMMIT`, in the same round trip. Results are built from fresh
 * rows, so they are the caller's own copies.
 *
 * @internal
 * @param session - the transaction's connection
 * @param sql - the store's statements
 * @param snapshots - the store's snapshot reader (its last request and the profiles it holds)
 * @param limits - bounds on the `fields` given to `lockSubject(s)`
 * @returns the transaction, its final statement and its `close`
 * @example
 * ```ts
 * const { tx, final, close } = openPostgresTransaction(session, sql, snapshots, limits);
 * try { return { value: await work(tx), final: final() }; } finally { close(); }
 * ```
 */
export function openPostgresTransaction(
  session: SqlSession,
  sql: PostgresStatements,
  snapshots: AgentSnapshotReader,
  limits: InputLimits,
): PostgresTransaction {
  let final: FinalStatement | null = null;
  let prefetched: { request: SnapshotRequest; agents: AgentSnapshot[] } | null = null;
  let closed = false;
  const open = (): void => {
    if (closed) throw new StoreError('The transaction has ended; its methods can no longer be called');
    if (final !== null) throw new StoreError('commit must be the last call of a transaction');
  };

  const tx: StoreTransaction = {
    async lockSubject(subject, fields) {
      open();
      const { kind, id } = readSubjectRef(subject, 'subject');
      const rows =
        fields === undefined
          ? await session.query<SubjectRow>(sql.lockSubject, [kind, id])
          : await session.query<SubjectRow>(sql.upsertLockSubject, [kind, id, JSON.stringify(readFields(fields, 'fields', limits))]);
      return rows[0] === undefined ? null : subjectFromRow(rows[0]);
    },
    async lockSubjects(entries, statuses) {
      open();
      const subjects = entries.map(({ subject, fields }, index) => {
        const { kind, id } = readSubjectRef(subject, `entries[${index}].subject`);
        return fields === undefined ? { kind, id } : { kind, id, fields: readFields(fields, `entries[${index}].fields`, limits) };
      });
      const statement = subjects.length >= BULK_FROM && distinct(subjects) ? sql.lockSubjectsBulk : sql.lockSubjects;
      const [row] = await session.query<{ locked: { subject: SubjectJson; records: RecordJson[] }[] }>(statement, [
        JSON.stringify({ subjects, statuses }),
      ]);
      return row!.locked.map(({ subject, records }) => ({
        subject: subjectFromRow({ ...subject, agent_since: dateOrNull(subject.agent_since) }),
        records: records.map((record) =>
          recordFromRow({
            ...record,
            created_at: new Date(record.created_at),
            updated_at: new Date(record.updated_at),
            expires_at: dateOrNull(record.expires_at),
          }),
        ),
      }));
    },
    async lockAssignment() {
      open();
      const request = snapshots.last;
      const question = request === null ? null : snapshots.ask(request);
      const [row] = await session.query<{ locked: { ruleState: Record<string, RuleState>; agents: SnapshotPayload | null } }>(
        sql.lockAssignment,
        [request?.starts ?? null, request?.ids ?? null, question?.knownRevision ?? null],
      );
      const { ruleState, agents } = row!.locked;
      prefetched = request === null || question === null || agents === null ? null : { request, agents: question.read(agents) };
      return ruleState;
    },
    async agentSnapshots(periods, ids) {
      open();
      const request: SnapshotRequest = {
        starts: PERIODS.map((period) => periods[period].start.toISOString()),
        ids: ids === undefined ? null : readIdList(ids, 'ids'),
      };
      snapshots.last = request;
      const ready = prefetched !== null && sameRequest(prefetched.request, request) ? prefetched.agents : null;
      prefetched = null;
      if (ready !== null) return ready;
      const question = snapshots.ask(request);
      const [row] = await session.query<{ agents: SnapshotPayload }>(sql.agentSnapshots, [request.starts, request.ids, question.knownRevision]);
      return question.read(row!.agents);
    },
    async agents(ids) {
      open();
      const rows =
        ids === undefined ? await session.query<AgentRow>(sql.allAgents) : await session.query<AgentRow>(sql.agentsOf, [readIdList(ids, 'ids')]);
      return rows.map(profileFromRow);
    },
    async updateAgent(id, patch) {
      open();
      readId(id, 'id');
      const changes = readAgentPatch(patch, id, 'patch');
      // The snapshots read along with the lock no longer show this agent as it is now.
      prefetched = null;
      const rows = await session.query(sql.updateAgent, [id, JSON.stringify(changes)]);
      if (rows.length === 0) throw new NotFoundError('agent', id);
    },
    async record(id, options) {
      open();
      const rows = await session.query<RecordRow>(options?.lock === true ? sql.lockRecord : sql.record, [readId(id, 'id')]);
      return rows[0] === undefined ? null : recordFromRow(rows[0]);
    },
    async subjectRecords(subject, statuses) {
      open();
      const { kind, id } = readSubjectRef(subject, 'subject');
      const rows = await session.query<RecordRow>(sql.subjectRecords, [kind, id, [...statuses]]);
      return rows.map(recordFromRow);
    },
    async agentRecords(agentId, statuses) {
      open();
      const rows = await session.query<RecordRow>(sql.agentRecords, [readId(agentId, 'agentId'), [...statuses]]);
      return rows.map(recordFromRow);
    },
    async dueRecords(now, limit) {
      open();
      const rows = await session.query<RecordRow>(sql.dueRecords, [new Date(readInstant(now, 'now')).toISOString(), limit]);
      return rows.map(recordFromRow);
    },
    async idempotentResult(key) {
      open();
      const rows = await session.query<{ result: unknown }>(sql.idempotentResult, [readId(key, 'key')]);
      return rows.length === 0 ? undefined : rows[0]!.result;
    },
    async keptTrace(recordId) {
      open();
      const rows = await session.query<{ trace: string | null }>(sql.keptTrace, [readId(recordId, 'recordId')]);
      return rows[0]?.trace ?? null;
    },
    async idempotentResults(keys) {
      open();
      const given = readIdList(keys, 'keys');
      if (given.length === 0) return [];
      const rows = await session.query<{ key: string; result: unknown }>(sql.idempotentResults, [given]);
      const found = new Map(rows.map(({ key, result }) => [key, result]));
      return given.map((key) => found.get(key));
    },
    async waitingEntries(subjects) {
      open();
      const refs = readSubjectRefList(subjects, 'subjects');
      if (refs.length === 0) return [];
      const rows = await session.query<WaitingRow>(sql.waitingEntries, [JSON.stringify(refs)]);
      return rows.map(waitingEntryFromRow);
    },
    async commit(changes) {
      open();
      const subjects = changes.subjects.map(({ subject }) => subject);
      if (subjects.length >= BULK_FROM && distinct(subjects)) {
        final = { statement: sql.commitBulk, values: bulkCommitArguments(changes), inlined: null };
      } else {
        const values = commitArguments(changes);
        final = { statement: sql.commit, values, inlined: sql.inlinedCommit(values) };
      }
    },
  };

  return {
    tx,
    final: () => final,
    close() {
      closed = true;
    },
  };
}

/** Whether the subjects are distinct (the set-based statements need it: one row changes once). */
function distinct(subjects: readonly { kind: string; id: string }[]): boolean {
  return new Set(subjects.map(({ kind, id }) => `${kind}\u0000${id}`)).size === subjects.length;
}

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

function profileFromRow(row: AgentRow): AgentProfile {
  const last = row.last_assigned_at;
  return { ...row.profile, id: row.id, lastAssignedAt: last === null ? null : new Date(last) };
}

function sameRequest(a: SnapshotRequest, b: SnapshotRequest): boolean {
  const sameList = (x: readonly string[] | null, y: readonly string[] | null): boolean =>
    x === y || (x !== null && y !== null && x.length === y.length && x.every((item, index) => item === y[index]));
  return sameList(a.starts, b.starts) && sameList(a.ids, b.ids);
}
