import { NotFoundError, StoreError } from '../../core/errors.js';
import { readSubjectRefList } from '../../core/input/readSubjectRefList.js';
import type { InputLimits } from '../../core/input/inputLimits.js';
import { readAgentPatch } from '../../core/input/readAgentPatch.js';
import { readFields } from '../../core/input/readFields.js';
import { readId } from '../../core/input/readId.js';
import { readIdList } from '../../core/input/readIdList.js';
import { readInstant } from '../../core/input/readInstant.js';
import { readSubjectRef } from '../../core/input/readSubjectRef.js';
import { PERIODS } from '../../core/ruleset/types.js';
import type { AgentSnapshot, AssignmentRecord, RecordStatus, RuleState, ServingCounts, SubjectRef } from '../../core/types.js';
import type { AgentProfile, AgentProfileInput, PeriodRanges, StoredSubject, StoreTransaction } from '../../ports.js';
import type { AgentCounters, MemoryState } from './memoryState.js';
import { subjectKey } from './subjectKey.js';
import { planChangeSet } from './planChangeSet.js';

/** A transaction of the memory store and the means to end it. */
export interface MemoryTransaction {
  tx: StoreTransaction;
  /** Writes everything the transaction staged; called once `work` has resolved. */
  finish(): void;
  /** Ends the transaction: any later call on `tx` is refused. */
  close(): void;
}

/**
 * Opens a transaction on the memory store's state. The store runs one at a
 * time, so reading the committed state is reading a consistent snapshot and
 * every lock is already held. Writes are staged and reach the state only in
 * `finish`, which the store calls when `work` resolves; every value going in or
 * out is copied, so nobody holds an alias into the state.
 *
 * @internal
 * @param state - the committed state
 * @param limits - bounds on the `fields` given to `lockSubject(s)`
 * @returns the transaction and its `finish` and `close`
 * @example
 * ```ts
 * const { tx, finish, close } = openMemoryTransaction(state, INPUT_LIMITS);
 * try { await work(tx); finish(); } finally { close(); }
 * ```
 */
export function openMemoryTransaction(state: MemoryState, limits: InputLimits): MemoryTransaction {
  const stagedSubjects = new Map<string, StoredSubject>();
  const stagedAgents = new Map<string, AgentProfileInput>();
  let commitPlan: (() => void) | null = null;
  let closed = false;

  const open = (): void => {
    if (closed) throw new StoreError('The transaction has ended; its methods can no longer be called');
    if (commitPlan !== null) throw new StoreError('commit must be the last call of a transaction');
  };
  const subjectOf = (key: string): StoredSubject | undefined => stagedSubjects.get(key) ?? state.subjects.get(key);
  const agentOf = (id: string): AgentProfileInput | undefined => stagedAgents.get(id) ?? state.agents.get(id);
  const profiles = (ids?: readonly string[]): AgentProfile[] => {
    const wanted = ids ?? [...new Set([...state.agents.keys(), ...stagedAgents.keys()])];
    return wanted.flatMap((id) => {
      const profile = agentOf(id);
      if (profile === undefined) return [];
      const lastAssignedMs = state.counters.get(id)?.lastAssignedMs ?? null;
      return [{ ...structuredClone(profile), lastAssignedAt: lastAssignedMs === null ? null : new Date(lastAssignedMs) }];
    });
  };

  const lockSubject = (subject: SubjectRef, fields: Record<string, unknown> | undefined): StoredSubject | null => {
    const ref = readSubjectRef(subject, 'subject');
    const key = subjectKey(ref);
    const current = subjectOf(key);
    if (fields === undefined) return current === undefined ? null : structuredClone(current);
    const read = readFields(fields, 'fields', limits);
    const next: StoredSubject =
      current === undefined
        ? { id: ref.id, kind: ref.kind, fields: {}, agentId: null, previousAgentId: null, agentSince: null }
        : structuredClone(current);
    next.fields = structuredClone(read);
    stagedSubjects.set(key, next);
    return structuredClone(next);
  };
  const subjectRecords = (subject: SubjectRef, statuses: readonly RecordStatus[]): AssignmentRecord[] => {
    const ids = state.recordsBySubject.get(subjectKey(readSubjectRef(subject, 'subject'))) ?? [];
    const records = [...ids].map((id) => state.records.get(id)!);
    return oldestFirst(records.filter((record) => statuses.includes(record.status)));
  };

  const tx: StoreTransaction = {
    lockSubject(subject, fields) {
      open();
      return lockSubject(subject, fields);
    },
    lockSubjects(entries, statuses) {
      open();
      return entries.map(({ subject, fields }) => ({
        // Absent and without fields: created with none.
        subject: lockSubject(subject, fields) ?? lockSubject(subject, {})!,
        records: subjectRecords(subject, statuses),
      }));
    },
    lockAssignment() {
      open();
      return structuredClone(Object.fromEntries(state.ruleState)) as Record<string, RuleState>;
    },
    agentSnapshots(periods, ids) {
      open();
      return profiles(optionalIds(ids)).map((profile) => snapshotOf(profile, state.counters.get(profile.id), periods));
    },
    agents(ids) {
      open();
      return profiles(optionalIds(ids));
    },
    updateAgent(id, patch) {
      open();
      const agentId = readId(id, 'id');
      const current = agentOf(agentId);
      if (current === undefined) throw new NotFoundError('agent', agentId);
      stagedAgents.set(agentId, { ...structuredClone(current), ...readAgentPatch(patch, agentId, 'patch') });
    },
    record(id) {
      open();
      const record = state.records.get(readId(id, 'id'));
      return record === undefined ? null : structuredClone(record);
    },
    subjectRecords(subject, statuses) {
      open();
      return subjectRecords(subject, statuses);
    },
    agentRecords(agentId, statuses) {
      open();
      readId(agentId, 'agentId');
      const records = [...state.records.values()].filter((record) => record.agentId === agentId && statuses.includes(record.status));
      return oldestFirst(records);
    },
    dueRecords(now, limit) {
      open();
      const nowMs = readInstant(now, 'now');
      const due = [...state.pendingIds]
        .map((id) => state.records.get(id)!)
        .filter((record) => record.expiresAt !== null && record.expiresAt.getTime() <= nowMs)
        .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || compareCreated(a, b));
      return structuredClone(due.slice(0, limit));
    },
    idempotentResult(key) {
      open();
      readId(key, 'key');
      return state.idempotency.has(key) ? structuredClone(state.idempotency.get(key)) : undefined;
    },
    idempotentResults(keys) {
      open();
      return readIdList(keys, 'keys').map((key) => (state.idempotency.has(key) ? structuredClone(state.idempotency.get(key)) : undefined));
    },
    keptTrace(recordId) {
      open();
      return state.decisions.get(readId(recordId, 'recordId'))?.trace ?? null;
    },
    waitingEntries(subjects) {
      open();
      return readSubjectRefList(subjects, 'subjects').flatMap((subject) => {
        const entry = state.waiting.get(subjectKey(subject));
        return entry === undefined ? [] : [structuredClone(entry)];
      });
    },
    commit(changes) {
      open();
      commitPlan = planChangeSet(state, subjectOf, changes);
    },
  };

  return {
    tx,
    finish() {
      for (const [key, subject] of stagedSubjects) state.subjects.set(key, subject);
      for (const [id, profile] of stagedAgents) state.agents.set(id, profile);
      commitPlan?.();
    },
    close() {
      closed = true;
    },
  };
}

function optionalIds(ids: readonly string[] | undefined): readonly string[] | undefined {
  return ids === undefined ? undefined : readIdList(ids, 'ids');
}

function compareCreated(a: AssignmentRecord, b: AssignmentRecord): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function oldestFirst(records: AssignmentRecord[]): AssignmentRecord[] {
  return structuredClone(records.sort(compareCreated));
}

/** An agent's profile with the counts of the buckets that start where the current periods start. */
function snapshotOf(profile: AgentProfile, counters: AgentCounters | undefined, periods: PeriodRanges): AgentSnapshot {
  const snapshot: AgentSnapshot & { name?: string } = { ...profile };
  delete snapshot.name;
  const assigned: Partial<Record<(typeof PERIODS)[number], number>> = {};
  const serving: ServingCounts = { total: counters?.servingTotal ?? 0 };
  for (const period of PERIODS) {
    const key = `${period}:${periods[period].start.getTime()}`;
    assigned[period] = counters?.assigned.get(key) ?? 0;
    serving[period] = counters?.serving.get(key) ?? 0;
  }
  return { ...snapshot, assigned, serving };
}
