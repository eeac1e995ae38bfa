import { InputError } from '../../core/errors.js';
import type { InputLimits } from '../../core/input/inputLimits.js';
import { readAgents } from '../../core/input/readAgents.js';
import { readId } from '../../core/input/readId.js';
import { readIdList } from '../../core/input/readIdList.js';
import { type FieldLimits, readInputLimits } from '../../core/input/readInputLimits.js';
import { readInstant } from '../../core/input/readInstant.js';
import { readOptions } from '../../core/input/readOptions.js';
import { readRecordQuery } from '../../core/input/readRecordQuery.js';
import { readStatsQuery } from '../../core/input/readStatsQuery.js';
import { readSubjectRef } from '../../core/input/readSubjectRef.js';
import { readSubjectUpdate, type SubjectUpdateRead } from '../../core/input/readSubjectUpdate.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import { readWaitingQuery, type WaitingQueryRead } from '../../core/input/readWaitingQuery.js';
import type { AssignmentRecord, WaitingEntry } from '../../core/types.js';
import type { AssignmentStore, OutboxEntry, RecordQuery, StoredSubject, WaitingPage } from '../../ports.js';
import { decodeWaitingCursor, encodeWaitingCursor } from '../waitingCursor.js';
import { memoryQueueStats } from './memoryQueueStats.js';
import { emptyMemoryState, type MemoryState } from './memoryState.js';
import { subjectKey } from './subjectKey.js';
import { openMemoryTransaction } from './memoryTransaction.js';
import { memoryRuleSetVersions } from './memoryRuleSetVersions.js';
import { decodeRecordCursor, encodeRecordCursor } from './recordCursor.js';
import { recordStats } from './recordStats.js';

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Bounds on subjects' `fields` (default 32 levels, 65,536 characters of JSON); give the service the same. */
  limits?: FieldLimits;
}

/**
 * An `AssignmentStore` that keeps everything in this process's memory, with
 * real transaction semantics: transactions run one at a time (queued on a
 * promise chain), reads see committed data only and return copies, `commit`
 * checks the whole change set before writing any of it, and a throw anywhere
 * in a transaction leaves nothing behind. Good for tests, demos and
 * single-process apps; it passes `runStoreConformance`.
 *
 * Transactions must not call the store's own methods (only the `tx` they are
 * given): the store would wait for itself.
 *
 * Every method reads its arguments with the library's input readers, so it
 * refuses exactly what the PostgreSQL store refuses (`InputError`,
 * `invalid_input`): ids with NUL or lone surrogates, non-JSON fields, …
 *
 * @param options - optional `limits` on subjects' fields
 * @returns a fresh, empty store
 * @example
 * ```ts
 * import { createMemoryStore } from 'dedicated-agent/memory';
 * const store = createMemoryStore();
 * await store.upsertAgents([{ id: 'li-lei', presence: 'online', capacity: 200 }]);
 * const svc = createAssignmentService({ store, ruleSet });
 * ```
 */
export function createMemoryStore(options?: MemoryStoreOptions): AssignmentStore {
  const { limits: givenLimits } = readOptions(options, 'options', ['limits']);
  const limits = readInputLimits(givenLimits, 'options.limits');
  const state = emptyMemoryState();
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(job: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    transaction(work) {
      return serialised(async () => {
        const transaction = openMemoryTransaction(state, limits);
        try {
          const result = await work(transaction.tx);
          transaction.finish();
          return result;
        } finally {
          transaction.close();
        }
      });
    },
    // Writes go through the queue too, so a transaction never overwrites them with what it read before.
    upsertAgents(agents) {
      return serialised(() => {
        const copies = structuredClone(readAgents(agents, 'agents', false));
        for (const agent of copies) state.agents.set(agent.id, { ...state.agents.get(agent.id), ...agent });
      });
    },
    upsertSubjects(subjects) {
      return serialised(() => {
        for (const input of readSubjectUpdates(subjects, limits)) upsertSubject(state, input);
      });
    },
    async subject(subject) {
      const stored = state.subjects.get(subjectKey(readSubjectRef(subject, 'subject')));
      return stored === undefined ? null : structuredClone(stored);
    },
    async subjectsOfAgent(agentId) {
      readId(agentId, 'agentId');
      return [...state.subjects.values()]
        .filter((subject) => subject.agentId === agentId)
        .map((subject) => ({ id: subject.id, kind: subject.kind }));
    },
    async queryRecords(query) {
      return queryRecords(state, readRecordQuery(query, 'query'));
    },
    async waiting(query) {
      return waitingPage(state, readWaitingQuery(query, 'query'));
    },
    async queueStats(now) {
      return memoryQueueStats(state.waiting.after(null), readInstant(now, 'now'));
    },
    async waitingWake() {
      let retryAt: number | null = null;
      let unalertedSince: number | null = null;
      for (const entry of state.waiting.after(null)) {
        if (entry.retryAt !== null && (retryAt === null || entry.retryAt.getTime() < retryAt)) retryAt = entry.retryAt.getTime();
        if (entry.alertedAt === null && (unalertedSince === null || entry.since.getTime() < unalertedSince)) unalertedSince = entry.since.getTime();
      }
      return { retryAt: retryAt === null ? null : new Date(retryAt), unalertedSince: unalertedSince === null ? null : new Date(unalertedSince) };
    },
    async assignmentStats(query) {
      return recordStats(state.records.values(), readStatsQuery(query, 'query'));
    },
    async claimOutbox(now, limit, leaseUntil) {
      readInstant(now, 'now');
      readInstant(leaseUntil, 'leaseUntil');
      const due = [...state.outbox.values()]
        .filter((row) => row.dueMs <= now.getTime())
        .sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq)
        .slice(0, limit);
      return due.map((row): OutboxEntry => {
        const entry = { notification: structuredClone(row.notification), attempts: row.attempts, lastError: row.lastError };
        row.attempts++;
        row.dueMs = leaseUntil.getTime();
        return entry;
      });
    },
    async completeOutbox(ids) {
      for (const id of readIdList(ids, 'ids')) state.outbox.delete(id);
    },
    async failOutbox(id, retryAt, error) {
      readInstant(retryAt, 'retryAt');
      const row = state.outbox.get(readId(id, 'id'));
      if (row === undefined) return;
      row.dueMs = retryAt.getTime();
      row.lastError = error;
    },
    ...memoryRuleSetVersions(state, serialised),
  };
}

function readSubjectUpdates(subjects: unknown, limits: InputLimits): SubjectUpdateRead[] {
  if (!Array.isArray(subjects)) throw new InputError('subjects', 'an array of subjects { id, kind?, fields? }', describeValue(subjects));
  return subjects.map((subject, index) => readSubjectUpdate(subject, `subjects[${index}]`, limits));
}

function upsertSubject(state: MemoryState, input: SubjectUpdateRead): void {
  const key = subjectKey(input);
  const current = state.subjects.get(key);
  const next: StoredSubject = current ?? { id: input.id, kind: input.kind, fields: {}, agentId: null, previousAgentId: null, agentSince: null };
  if (input.fields !== undefined) next.fields = structuredClone(input.fields);
  state.subjects.set(key, next);
}

function waitingPage(state: MemoryState, query: WaitingQueryRead): WaitingPage {
  const items: WaitingEntry[] = [];
  let more = false;
  for (const entry of state.waiting.after(query.cursor === undefined ? null : decodeWaitingCursor(query.cursor))) {
    const wanted =
      (query.reason === undefined || entry.reason === query.reason) &&
      (query.sinceBefore === undefined || entry.since.getTime() < query.sinceBefore.getTime()) &&
      (query.unalerted !== true || entry.alertedAt === null);
    if (!wanted) continue;
    if (items.length === query.limit) {
      more = true;
      break;
    }
    items.push(entry);
  }
  const last = items[items.length - 1];
  return { items: structuredClone(items), nextCursor: more && last !== undefined ? encodeWaitingCursor(last) : null };
}

function queryRecords(state: MemoryState, query: RecordQuery): { items: AssignmentRecord[]; nextCursor: string | null } {
  const { limit } = query;
  const after = query.cursor === undefined ? undefined : decodeRecordCursor(query.cursor);
  const items: AssignmentRecord[] = [];
  let more = false;
  for (const id of state.timeline.newestFirst(after)) {
    const record = state.records.get(id)!;
    if (!matches(record, query)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(record);
  }
  const last = items[items.length - 1];
  return {
    items: structuredClone(items),
    nextCursor: more && last !== undefined ? encodeRecordCursor({ ms: last.createdAt.getTime(), id: last.id }) : null,
  };
}

function matches(record: AssignmentRecord, query: RecordQuery): boolean {
  const created = record.createdAt.getTime();
  return (
    (query.from === undefined || created >= query.from.getTime()) &&
    (query.to === undefined || created < query.to.getTime()) &&
    (query.types === undefined || query.types.includes(record.type)) &&
    (query.statuses === undefined || query.statuses.includes(record.status)) &&
    (query.subjectId === undefined || record.subject.id === query.subjectId) &&
    (query.subjectKind === undefined || record.subject.kind === query.subjectKind) &&
    (query.agentId === undefined || record.agentId === query.agentId)
  );
}
