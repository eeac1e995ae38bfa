import { AssignmentError } from '../../core/errors.js';
import type { AssignmentRecord, SubjectRef } from '../../core/types.js';
import type { AssignmentStore, OutboxEntry, RecordQuery, StoredSubject } from '../../ports.js';
import { checkAgentProfile } from '../checkAgentProfile.js';
import { emptyMemoryState, type MemoryState, subjectKey } from './memoryState.js';
import { openMemoryTransaction } from './memoryTransaction.js';
import { decodeRecordCursor, encodeRecordCursor } from './recordCursor.js';

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
 * @returns a fresh, empty store
 * @example
 * ```ts
 * import { createMemoryStore } from 'dedicated-agent/memory';
 * const store = createMemoryStore();
 * await store.upsertAgents([{ id: 'li-lei', presence: 'online', capacity: 200 }]);
 * const svc = createAssignmentService({ store, ruleSet });
 * ```
 */
export function createMemoryStore(): AssignmentStore {
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
        const transaction = openMemoryTransaction(state);
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
        const copies = structuredClone(agents).map(checkAgentProfile);
        for (const agent of copies) state.agents.set(agent.id, { ...state.agents.get(agent.id), ...agent });
      });
    },
    upsertSubjects(subjects) {
      return serialised(() => {
        for (const input of structuredClone(subjects)) upsertSubject(state, input);
      });
    },
    async subject(subject) {
      const stored = state.subjects.get(subjectKey(subject));
      return stored === undefined ? null : structuredClone(stored);
    },
    async subjectsOfAgent(agentId) {
      return [...state.subjects.values()]
        .filter((subject) => subject.agentId === agentId)
        .map((subject) => ({ id: subject.id, kind: subject.kind }));
    },
    async queryRecords(query) {
      return queryRecords(state, query);
    },
    async claimOutbox(now, limit, leaseUntil) {
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
      for (const id of ids) state.outbox.delete(id);
    },
    async failOutbox(id, retryAt, error) {
      const row = state.outbox.get(id);
      if (row === undefined) return;
      row.dueMs = retryAt.getTime();
      row.lastError = error;
    },
  };
}

function upsertSubject(state: MemoryState, input: { id: string; kind?: SubjectRef['kind']; fields?: Record<string, unknown> }): void {
  const kind = input.kind ?? 'customer';
  if (typeof input.id !== 'string' || input.id === '' || (kind !== 'customer' && kind !== 'contact')) {
    throw new AssignmentError('invalid_input', 'every subject needs a non-empty string id and kind customer or contact');
  }
  const key = subjectKey({ id: input.id, kind });
  const current = state.subjects.get(key);
  const next: StoredSubject = current ?? { id: input.id, kind, fields: {}, agentId: null, previousAgentId: null, agentSince: null };
  if (input.fields !== undefined) next.fields = input.fields;
  state.subjects.set(key, next);
}

function queryRecords(state: MemoryState, query: RecordQuery): { items: AssignmentRecord[]; nextCursor: string | null } {
  const { limit } = query;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new AssignmentError('invalid_input', `limit must be an integer from 1 to 500, got ${String(limit)}`);
  }
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
