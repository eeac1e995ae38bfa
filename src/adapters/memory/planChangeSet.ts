import { ConcurrencyError, StoreError } from '../../core/errors.js';
import { PERIODS } from '../../core/ruleset/types.js';
import { applyWaitingUpdate } from '../../core/queue/applyWaitingUpdate.js';
import { type AssignmentRecord, PENDING_STATUSES, type RecordStatus, type WaitingEntry } from '../../core/types.js';
import type { ChangeSet, CounterChange, StoredSubject } from '../../ports.js';
import type { MemoryState } from './memoryState.js';
import { subjectKey } from './subjectKey.js';

/**
 * Checks a change set against the committed state and returns the function that
 * writes it. Everything is checked before anything is written, so a refused
 * change set leaves no trace; the returned function only assigns (it cannot
 * fail half-way).
 *
 * @internal
 * @param state - the committed state (not changed here)
 * @param subjectOf - the subject as the transaction sees it (its own upserts first)
 * @param changes - the change set
 * @returns a function that applies the change set to `state`
 * @throws ConcurrencyError for a version mismatch, an existing record id, notification id or idempotency key,
 *   or a second pending or effective record of a subject; StoreError for a change to an unknown subject
 * @example
 * ```ts
 * const apply = planChangeSet(state, (key) => state.subjects.get(key), changes);
 * apply(); // once the transaction's work has resolved
 * ```
 */
export function planChangeSet(
  state: MemoryState,
  subjectOf: (key: string) => StoredSubject | undefined,
  changes: ChangeSet,
): () => void {
  const records = plannedRecords(state, changes);
  const subjects = plannedSubjects(subjectOf, changes);
  const outbox = structuredClone(changes.outbox);
  const seen = new Set<string>();
  for (const notification of outbox) {
    if (state.outbox.has(notification.id) || seen.has(notification.id)) {
      throw new ConcurrencyError(`Notification id "${notification.id}" is already in the outbox`);
    }
    seen.add(notification.id);
  }
  const idempotency = structuredClone(changes.idempotency);
  const keys = new Set<string>();
  for (const { key } of idempotency) {
    if (state.idempotency.has(key) || keys.has(key)) throw new ConcurrencyError(`Idempotency key "${key}" was already used`);
    keys.add(key);
  }
  const ruleState = structuredClone(changes.ruleState);
  const counters = structuredClone(changes.counters);
  counters.forEach(checkCounterChange);
  const waiting = plannedWaiting(state, subjectOf, changes);
  const decisions = structuredClone(changes.decisions ?? []);

  return () => {
    for (const record of records.values()) writeRecord(state, record);
    for (const [key, subject] of subjects) state.subjects.set(key, subject);
    for (const { ruleId, state: ruleStateOfRule } of ruleState) state.ruleState.set(ruleId, ruleStateOfRule);
    for (const change of counters) writeCounter(state, change);
    for (const notification of outbox) {
      state.outbox.set(notification.id, {
        notification,
        attempts: 0,
        dueMs: notification.at.getTime(),
        seq: state.outboxSeq++,
        lastError: null,
      });
    }
    for (const { key, result } of idempotency) state.idempotency.set(key, result);
    for (const decision of decisions) state.decisions.set(decision.recordId, decision);
    for (const [key, entry] of waiting) {
      if (entry === null) state.waiting.delete(key);
      else state.waiting.put(entry);
    }
  };
}

/** Each changed subject's waiting entry after the change set (null: it no longer waits); decisions first, then alerts. */
function plannedWaiting(
  state: MemoryState,
  subjectOf: (key: string) => StoredSubject | undefined,
  changes: ChangeSet,
): Map<string, WaitingEntry | null> {
  const planned = new Map<string, WaitingEntry | null>();
  const current = (key: string) => (planned.has(key) ? planned.get(key)! : (state.waiting.get(key) ?? null));
  const given = changes.waiting ?? [];
  for (const { subject, update } of given) {
    if (update.type === 'alerted' || update.type === 'stay') continue;
    const key = subjectKey(subject);
    if (update.type === 'wait' && subjectOf(key) === undefined) {
      throw new StoreError(`Unknown ${subject.kind} "${subject.id}": it cannot wait`);
    }
    if (update.type === 'wait' && !(update.since instanceof Date) || (update.type === 'wait' && !Number.isFinite(update.priority))) {
      throw new StoreError(`The waiting entry of ${subject.kind} "${subject.id}" needs its since instant and a finite priority`);
    }
    planned.set(key, applyWaitingUpdate(subject, current(key), structuredClone(update)));
  }
  for (const { subject, update } of given) {
    if (update.type !== 'alerted') continue;
    const key = subjectKey(subject);
    const entry = current(key);
    if (entry !== null) planned.set(key, { ...entry, alertedAt: new Date(update.at.getTime()) });
  }
  return planned;
}

/** The records after the change set, by id, each checked against the version it was read at. */
function plannedRecords(state: MemoryState, changes: ChangeSet): Map<string, AssignmentRecord> {
  const planned = new Map<string, AssignmentRecord>();
  const touchedSubjects = new Set<string>();
  for (const { record, expectedVersion } of changes.records) {
    const current = planned.get(record.id) ?? state.records.get(record.id);
    if (expectedVersion === null) {
      if (current !== undefined) throw new ConcurrencyError(`Record ${record.id} already exists`);
    } else if (current === undefined) {
      throw new ConcurrencyError(`Record ${record.id} does not exist, so it cannot be at version ${expectedVersion}`);
    } else if (current.version !== expectedVersion) {
      throw new ConcurrencyError(`Record ${record.id} is at version ${current.version}, not ${expectedVersion}: it changed meanwhile`);
    } else if (subjectKey(current.subject) !== subjectKey(record.subject)) {
      throw new StoreError(`Record ${record.id} cannot move to another subject`);
    }
    planned.set(record.id, structuredClone(record));
    touchedSubjects.add(subjectKey(record.subject));
  }
  for (const key of touchedSubjects) {
    const ids = new Set([...(state.recordsBySubject.get(key) ?? []), ...planned.keys()]);
    let pending = 0;
    let effective = 0;
    for (const id of ids) {
      const record = planned.get(id) ?? state.records.get(id)!;
      if (subjectKey(record.subject) !== key) continue;
      if (PENDING_STATUSES.includes(record.status)) pending++;
      if (record.status === 'effective') effective++;
    }
    if (pending > 1 || effective > 1) {
      const what = pending > 1 ? 'pending' : 'effective';
      throw new ConcurrencyError(`A subject would have two ${what} records; another call changed it meanwhile`);
    }
  }
  return planned;
}

function plannedSubjects(subjectOf: (key: string) => StoredSubject | undefined, changes: ChangeSet): Map<string, StoredSubject> {
  const planned = new Map<string, StoredSubject>();
  for (const change of changes.subjects) {
    const key = subjectKey(change.subject);
    const current = planned.get(key) ?? subjectOf(key);
    if (current === undefined) {
      throw new StoreError(`Unknown ${change.subject.kind} "${change.subject.id}": its agent cannot change`);
    }
    planned.set(key, {
      ...structuredClone(current),
      agentId: change.agentId,
      previousAgentId: change.previousAgentId,
      agentSince: change.agentSince === null ? null : new Date(change.agentSince.getTime()),
    });
  }
  return planned;
}

function checkCounterChange(change: CounterChange): void {
  const bucketsValid = PERIODS.every((period) => change.buckets[period] instanceof Date);
  const atValid = change.at instanceof Date && !Number.isNaN(change.at.getTime());
  if (!Number.isFinite(change.delta) || !bucketsValid || !atValid) {
    throw new StoreError(`Counter change for agent "${change.agentId}" needs a finite delta, a bucket for every period and its instant (at)`);
  }
}

function writeRecord(state: MemoryState, record: AssignmentRecord): void {
  const isNew = !state.records.has(record.id);
  state.records.set(record.id, record);
  if (isNew) {
    const key = subjectKey(record.subject);
    let ids = state.recordsBySubject.get(key);
    if (ids === undefined) {
      ids = new Set();
      state.recordsBySubject.set(key, ids);
    }
    ids.add(record.id);
    state.timeline.insert({ ms: record.createdAt.getTime(), id: record.id });
  }
  if (isPending(record.status)) state.pendingIds.add(record.id);
  else state.pendingIds.delete(record.id);
}

function isPending(status: RecordStatus): boolean {
  return PENDING_STATUSES.includes(status);
}

function writeCounter(state: MemoryState, change: CounterChange): void {
  let counters = state.counters.get(change.agentId);
  if (counters === undefined) {
    counters = { assigned: new Map(), serving: new Map(), servingTotal: 0, lastAssignedMs: null };
    state.counters.set(change.agentId, counters);
  }
  const buckets = counters[change.counter];
  for (const period of PERIODS) {
    const key = `${period}:${change.buckets[period].getTime()}`;
    buckets.set(key, (buckets.get(key) ?? 0) + change.delta);
  }
  if (change.counter === 'serving') counters.servingTotal += change.delta;
  else if (change.delta > 0) counters.lastAssignedMs = Math.max(counters.lastAssignedMs ?? change.at.getTime(), change.at.getTime());
}
