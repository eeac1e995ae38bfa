/**
 * Ports: the interfaces the caller implements (or takes from the shipped
 * adapters). The service is the only code that talks to them.
 *
 * The store port is deliberately coarse: a transaction reads what a decision
 * needs and then writes everything in one `commit(changes)`, so an adapter for
 * a database can do each step in one round trip and the invariants (one
 * effective and at most one pending record per subject, one record per
 * idempotency key, versions) can be enforced by the database itself.
 */
import type { StatsQuery, StoreStats } from './core/reports/types.js';
import type { Period, RuleSet, SubjectKind } from './core/ruleset/types.js';
import type {
  Actor,
  AgentSnapshot,
  AssignmentRecord,
  NotifyEvent,
  Recipient,
  RecordStatus,
  RecordType,
  RuleState,
  SubjectRef,
  QueueStats,
  WaitingEntry,
  WaitingReason,
  WaitingUpdate,
} from './core/types.js';

/** A value or a promise of it, so an in-memory adapter can answer synchronously. */
export type Promisable<T> = T | Promise<T>;

/**
 * An agent's profile as the CRM maintains it (an `AgentSnapshot` without
 * counts and without `lastAssignedAt`, which the store maintains): what
 * `upsertAgents` and `updateAgent` accept. `schedule`, `leave` and
 * `maxAssigned` are stored like the other properties.
 */
export type AgentProfileInput = Omit<AgentSnapshot, 'assigned' | 'serving' | 'lastAssignedAt'> & {
  /** Display name, for notifications and explanations. */
  name?: string;
};

/**
 * An agent's profile as a store returns it (`agents()`): the CRM's profile
 * plus `lastAssignedAt`, the instant of the agent's latest automatic
 * assignment (the record's `createdAt`), or null when it never had one. The
 * store sets it in the commit that counts the assignment (see
 * `CounterChange.at`); a manual assignment or an application leaves it alone.
 */
export type AgentProfile = AgentProfileInput & {
  lastAssignedAt?: Date | null;
};

/** A subject as the store keeps it. */
export interface StoredSubject {
  id: string;
  kind: SubjectKind;
  fields: Record<string, unknown>;
  /** The current dedicated agent. */
  agentId: string | null;
  /** The agent before the current one (for sticky rules). */
  previousAgentId: string | null;
  /** When the current agent's care began (its record became effective). */
  agentSince: Date | null;
}

/** A subject to create or update (`kind` defaults to `'customer'`). */
export interface SubjectInputRecord {
  id: string;
  kind?: SubjectKind;
  fields?: Record<string, unknown>;
}

/** The current period of each kind, as `periodRange` gives them for the rule set. */
export type PeriodRanges = Record<Period, { start: Date; end: Date }>;

/** The start of the period containing an instant, for each kind of period: identifies a counter bucket. */
export type PeriodBuckets = Record<Period, Date>;

/**
 * A change of an agent's counts. `assigned` counts automatic assignments when
 * they are made; `serving` counts subjects in care. `buckets` are the periods
 * the counted thing belongs to (for `serving`, the periods in which the care
 * began), so a store can keep per-period counters that `agentSnapshots` reads
 * back with the current `PeriodRanges`.
 *
 * A store keeps, per agent and counter, one count per period kind and bucket
 * start (`delta` added to each of the five buckets), plus the agent's total
 * `serving` (the sum of all its serving deltas, whatever the bucket), plus
 * the agent's `lastAssignedAt`: the latest `at` of its `assigned` changes with
 * a positive delta (never moved back by an older one), which `agentSnapshots`
 * and `agents` return.
 */
export interface CounterChange {
  agentId: string;
  counter: 'assigned' | 'serving';
  delta: number;
  buckets: PeriodBuckets;
  /**
   * The instant the buckets belong to: for `assigned`, when the automatic
   * assignment was made (its record's `createdAt`); for `serving`, when the
   * care began.
   */
  at: Date;
}

/** A notification as delivered to the `Notifier`. */
export interface Notification {
  /** Unique per notification; use it to de-duplicate (delivery is at least once). */
  id: string;
  event: NotifyEvent;
  recipient: Recipient;
  /** The record it is about; null for `waiting_too_long` and `assigned_digest` (which are about no one record). */
  recordId: string | null;
  /** The subject it is about; for `assigned_digest`, the first of the subjects it counts. */
  subject: SubjectRef;
  /** The record's agent (for `assigned_digest`, the recipient); null for `waiting_too_long`. */
  agentId: string | null;
  at: Date;
  /** `assigned_digest` only: how many subjects the agent got in the batch it sums up ("you have 312 new customers"). */
  count?: number;
}

/** A notification waiting in the outbox. It is due from `notification.at` until delivered. */
export interface OutboxEntry {
  notification: Notification;
  /** Delivery attempts so far, this one excluded. */
  attempts: number;
  /** The error recorded by `failOutbox` for the previous attempt; null (or absent) when none failed. */
  lastError?: string | null;
}

/** A change of a subject's dedicated agent. */
export interface SubjectAgentChange {
  subject: SubjectRef;
  agentId: string | null;
  previousAgentId: string | null;
  agentSince: Date | null;
}

/**
 * A change of one subject's place in the waiting queue: a decision's
 * `WaitingUpdate` (`stay` changes nothing), or `alerted` — the admins were
 * told at `at` that it waits too long (ignored when it no longer waits). A
 * store applies them as `applyWaitingUpdate` (from `dedicated-agent`) says.
 */
export interface WaitingChange {
  subject: SubjectRef;
  update: WaitingUpdate | { type: 'alerted'; at: Date };
}

/** Filters and page of the waiting queue (`AssignmentStore.waiting`). */
export interface WaitingQuery {
  reason?: WaitingReason;
  /** Entries waiting since before this instant. */
  sinceBefore?: Date;
  /** Only entries the admins were not yet told about (`alertedAt` null). */
  unalerted?: boolean;
  /** Opaque cursor from a previous page; an unreadable one is refused with `AssignmentError` `invalid_input`. */
  cursor?: string;
  /** Page size, 1–1000. */
  limit: number;
}

/** One page of the waiting queue, in queue order (`compareWaiting`: priority, longest wait, subject). */
export interface WaitingPage {
  items: WaitingEntry[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

export type { QueueStats };

/** When the queue next needs the service without any event: its earliest `retryAt`, and the oldest `since` not yet alerted. */
export interface WaitingWake {
  retryAt: Date | null;
  unalertedSince: Date | null;
}

/**
 * One entry of the rule-set history (`saveRuleSet`): the validated rule set,
 * its `revision` (derived from the content, see `ruleSetRevision`), when and
 * by whom it was saved, and why. Entries never change once stored; saving
 * content that is already in the history appends another entry with the same
 * revision, which becomes the current one.
 */
export interface RuleSetVersion {
  revision: string;
  ruleSet: RuleSet;
  createdAt: Date;
  actor: Actor;
  note: string | null;
}

/** Page of the rule-set history (`AssignmentStore.ruleSetVersions`). */
export interface RuleSetVersionQuery {
  /** Opaque cursor from a previous page; an unreadable one is refused with `AssignmentError` `invalid_input`. */
  cursor?: string;
  /** Page size, 1–500. */
  limit: number;
}

/** One page of the rule-set history, newest first (the current version is the first item of the first page). */
export interface RuleSetVersionPage {
  items: RuleSetVersion[];
  /** Cursor of the next (older) page, or null on the last page. */
  nextCursor: string | null;
}

/**
 * What a store keeps of one record's decision, written in the commit that
 * creates the record (`ChangeSet.decisions`) and read back by
 * `recordDecision`: the revision of the rule set the record was made under,
 * and for automatic records the decision's trace — JSON text the service
 * wrote, which a store keeps verbatim (as text, or as JSON it gives back as
 * text); null for other records.
 */
export interface RecordDecision {
  recordId: string;
  revision: string;
  trace: string | null;
}

/**
 * Everything one transaction writes, committed atomically by
 * `StoreTransaction.commit`: one service call's changes, or those of several
 * `autoAssign` calls on distinct subjects that share one transaction (group
 * commit).
 */
export interface ChangeSet {
  /**
   * Records to insert (`expectedVersion` null) or update. An update must
   * match `expectedVersion` (the version read), else the store throws
   * `ConcurrencyError`; so does an insert of an existing id. The store must
   * also refuse (with `ConcurrencyError`) a second pending or a second
   * effective record for one subject. The list is in a safe order for stores
   * that check those rules row by row (e.g. unique partial indexes): for each
   * subject, records leaving a pending or effective status come before records
   * entering one.
   */
  records: { record: AssignmentRecord; expectedVersion: number | null }[];
  subjects: SubjectAgentChange[];
  ruleState: { ruleId: string; state: RuleState }[];
  counters: CounterChange[];
  /** Notifications to deliver; a repeated `id` is refused with `ConcurrencyError`. */
  outbox: Notification[];
  /**
   * Results to remember under their idempotency keys (one per call that gave a
   * key; a change set may hold several calls, see `groupCommit`). `result` is
   * JSON data (the service converts it; instants are ISO strings), so a store
   * may keep it as JSON. A key already stored, or given twice, is refused with
   * `ConcurrencyError`.
   */
  idempotency: { key: string; result: unknown }[];
  /**
   * Changes of the waiting queue, at most one decision's update per subject
   * (`alerted` changes apply after them). Absent: none.
   */
  waiting?: WaitingChange[];
  /**
   * The decisions of the records this change set creates, one per new
   * record (see `RecordDecision`), for stores that implement
   * `recordDecision`; others may ignore them. Absent: none.
   */
  decisions?: RecordDecision[];
}

/** Filters of the assignment-record screen (seed section 5). */
export interface RecordQuery {
  /** Records created at or after. */
  from?: Date;
  /** Records created before. */
  to?: Date;
  types?: RecordType[];
  statuses?: RecordStatus[];
  subjectId?: string;
  subjectKind?: SubjectKind;
  agentId?: string;
  /** Opaque cursor from a previous page; an unreadable one is refused with `AssignmentError` `invalid_input`. */
  cursor?: string;
  /** Page size, 1–500. */
  limit: number;
}

/**
 * One page of records, newest first (by `createdAt`, then by `id`, both
 * descending). The cursor marks a position in that order, so records inserted
 * between two page reads never shift, repeat or hide the records that follow.
 */
export interface RecordPage {
  items: AssignmentRecord[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
}

/**
 * What a transaction can read and write. Reads see committed data and this
 * transaction's own earlier writes (`lockSubject` with fields, `updateAgent`).
 * Every result is the caller's own copy: changing it changes nothing stored.
 * Lock order, to keep databases free of deadlocks: subject, then records, then
 * the assignment lock (the service always follows it).
 */
export interface StoreTransaction {
  /**
   * Reads and locks a subject until the transaction ends. With `fields`, the
   * subject is created when absent and its fields are replaced when present.
   */
  lockSubject(subject: SubjectRef, fields?: Record<string, unknown>): Promisable<StoredSubject | null>;
  /**
   * Optional: locks several subjects and reads their records, in one step for
   * stores that can (the service uses it, when present, for `autoAssign` calls
   * that share a transaction). For each entry in the order given: lock the
   * subject — created when absent (with `fields`, or no fields), its fields
   * replaced when `fields` is given — then read its records in `statuses`,
   * oldest first. The same as `lockSubject(subject, fields)` (then
   * `lockSubject(subject, {})` for a subject it did not find) and
   * `subjectRecords(subject, statuses)` for each entry in turn.
   */
  lockSubjects?(
    entries: readonly { subject: SubjectRef; fields?: Record<string, unknown> }[],
    statuses: readonly RecordStatus[],
  ): Promisable<{ subject: StoredSubject; records: AssignmentRecord[] }[]>;
  /**
   * Takes the assignment lock (no other transaction can hold it until this one
   * ends, which keeps counts and round robin exact across processes) and reads
   * the rule state.
   */
  lockAssignment(): Promisable<Record<string, RuleState>>;
  /**
   * Agent profiles with their counts in the current periods, computed from
   * committed data: `assigned[p]` and `serving[p]` are the counts of the bucket
   * starting at `periods[p].start` (0 when none), `serving.total` the agent's
   * total, `lastAssignedAt` as in `AgentProfile` (null when never). All agents
   * when `ids` is absent; unknown ids are left out.
   */
  agentSnapshots(periods: PeriodRanges, ids?: readonly string[]): Promisable<AgentSnapshot[]>;
  /** Agent profiles, each with its `lastAssignedAt` (null when never). All agents when `ids` is absent. */
  agents(ids?: readonly string[]): Promisable<AgentProfile[]>;
  /** Changes an agent's profile; an unknown id is refused with `NotFoundError`. */
  updateAgent(id: string, patch: Partial<Omit<AgentProfileInput, 'id'>>): Promisable<void>;
  /** A record by id, locked until the transaction ends when `lock` is set. */
  record(id: string, options?: { lock?: boolean }): Promisable<AssignmentRecord | null>;
  /** The subject's records in the given statuses (e.g. its pending and effective records), oldest first. */
  subjectRecords(subject: SubjectRef, statuses: readonly RecordStatus[]): Promisable<AssignmentRecord[]>;
  /** Records of an agent in the given statuses (e.g. when the agent leaves), oldest first. */
  agentRecords(agentId: string, statuses: readonly RecordStatus[]): Promisable<AssignmentRecord[]>;
  /** Pending records with `expiresAt <= now`, oldest first, at most `limit`. */
  dueRecords(now: Date, limit: number): Promisable<AssignmentRecord[]>;
  /** The result stored under an idempotency key, if any. */
  idempotentResult(key: string): Promisable<unknown | undefined>;
  /**
   * Optional: the results stored under several idempotency keys in one step
   * (the service uses it, when present, for the calls of one transaction and
   * for `autoAssignMany`'s batches): one item per key in the order given, the
   * result or `undefined` when the key is unused — the same as
   * `idempotentResult` for each key in turn.
   */
  idempotentResults?(keys: readonly string[]): Promisable<(unknown | undefined)[]>;
  /**
   * Optional, for stores that keep decisions (`recordDecision`): the kept
   * trace of a record (`RecordDecision.trace`), or null, read inside the
   * transaction. With it, an idempotent result that has a record is stored
   * without its trace, which is read back from here when the result is
   * given again (a trace is written once, not twice).
   */
  keptTrace?(recordId: string): Promisable<string | null>;
  /**
   * The waiting entries of these subjects (those that wait; in any order).
   * The service reads them after locking the subjects, so they cannot change
   * before the transaction ends.
   */
  waitingEntries(subjects: readonly SubjectRef[]): Promisable<WaitingEntry[]>;
  /**
   * Checks the whole change set (versions, one pending and one effective record
   * per subject, unique ids and idempotency key) before writing any of it, then
   * writes it. Called at most once, as the transaction's last call. Nothing is
   * visible to others before the transaction commits.
   */
  commit(changes: ChangeSet): Promisable<void>;
}

/**
 * Storage for the service: subjects, agents, records, rule state, counters,
 * the outbox and idempotency keys. Every adapter must pass
 * `runStoreConformance` from `dedicated-agent/testing`.
 */
export interface AssignmentStore {
  /**
   * Runs `work` in one transaction: its `commit` happens only if `work`
   * resolves, and a throw anywhere rolls everything back. Retryable conflicts
   * (serialization failures, deadlocks, version mismatches) are thrown as
   * `ConcurrencyError`, other failures as `StoreError` with the cause; an error
   * thrown by `work` itself is rethrown unchanged. `work` must not call the
   * store's own methods (only `tx`'s).
   *
   * A `StoreError` means nothing was committed. When that cannot be known —
   * the connection was lost after `COMMIT` was sent and no answer came back —
   * throw `CommitUnknownError` (code `commit_unknown`) instead: the service
   * then reads, in a new transaction, whether the attempt's records (by id,
   * and for updates by version and history) or idempotency keys are there,
   * returns the attempt's result when they are and runs the call again when
   * they are not. A store that cannot lose a commit's answer (the memory
   * store, PGlite in the same process) never throws it.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Creates or updates agent profiles (counts and `lastAssignedAt` are the
   * store's own). An update replaces the properties given and keeps the
   * others, so a CRM syncing presence does not re-enable an agent the service
   * disabled, nor drop its `schedule`, `leave` or `maxAssigned`. A malformed
   * profile (or one that sets `lastAssignedAt`) is refused with
   * `AssignmentError` `invalid_input` naming its path, and nothing is written.
   */
  upsertAgents(agents: readonly AgentProfileInput[]): Promise<void>;
  /** Creates subjects or replaces their fields when given (their agents change only through the service). */
  upsertSubjects(subjects: readonly SubjectInputRecord[]): Promise<void>;
  /** A subject, without locking. */
  subject(subject: SubjectRef): Promise<StoredSubject | null>;
  /** Subjects whose dedicated agent is `agentId`. */
  subjectsOfAgent(agentId: string): Promise<SubjectRef[]>;
  /** Records matching the query, newest first, with a stable cursor. */
  queryRecords(query: RecordQuery): Promise<RecordPage>;
  /**
   * Waiting entries matching the query, in queue order (`compareWaiting`),
   * with a cursor that marks a position in that order (entries that join or
   * leave meanwhile never shift the ones after it).
   */
  waiting(query: WaitingQuery): Promise<WaitingPage>;
  /** The waiting queue's size and ages at `now` (computed by the store, not by loading the queue). */
  queueStats(now: Date): Promise<QueueStats>;
  /** The earliest `retryAt` of the queue and the oldest `since` of an entry not yet alerted. */
  waitingWake(): Promise<WaitingWake>;
  /**
   * Claims up to `limit` outbox entries due at `now` for delivery, earliest
   * due first (then in the order they were written): each is hidden from other
   * claimers until `leaseUntil` (when it is due again), and its attempt count
   * is raised. Several dispatchers may claim at once without sharing an entry.
   */
  claimOutbox(now: Date, limit: number, leaseUntil: Date): Promise<OutboxEntry[]>;
  /** Removes delivered entries from the outbox; unknown ids are ignored. */
  completeOutbox(ids: readonly string[]): Promise<void>;
  /** Schedules a failed entry's next attempt (due at `retryAt`) and records the error; an unknown id is ignored. */
  failOutbox(id: string, retryAt: Date, error: string): Promise<void>;
  /**
   * Optional: statistics of the records created in [`query.from`,
   * `query.to`), aggregated by the store (a database aggregates them where
   * they are, never loading the records). See `StoreStats` for each figure;
   * `svc.stats` needs it and fails with `NotSupportedError` without it.
   */
  assignmentStats?(query: StatsQuery): Promisable<StoreStats>;
  /** Releases resources the store opened itself (never the caller's client). */
  close?(): Promise<void>;
  /**
   * Optional (rule-set versions, with the four methods after it): appends a
   * version to the history and makes it the current one, atomically. Never
   * changes or removes an entry. Two processes saving at once both append,
   * one after the other; the later becomes current. A malformed version is
   * refused with `AssignmentError` `invalid_input` and nothing is written.
   */
  saveRuleSet?(version: RuleSetVersion): Promise<void>;
  /** Optional: the current version (the latest saved), or null when none was saved. */
  currentRuleSet?(): Promise<RuleSetVersion | null>;
  /** Optional: the current version's revision only (null when none) — one small read, which services make before every call. */
  ruleSetRevision?(): Promise<string | null>;
  /** Optional: the first entry of the history with this revision, or null when it was never saved. */
  ruleSetVersion?(revision: string): Promise<RuleSetVersion | null>;
  /** Optional: the history, newest first, with a stable cursor (entries saved meanwhile never shift a page). */
  ruleSetVersions?(query: RuleSetVersionQuery): Promise<RuleSetVersionPage>;
  /**
   * Optional: the decision kept for a record (`ChangeSet.decisions`), or
   * null when none was (records made before the store kept them).
   */
  recordDecision?(recordId: string): Promise<RecordDecision | null>;
}

/** Delivers notifications (e-mail, chat, in-app); called by `dispatchNotifications`. */
export interface Notifier {
  send(notification: Notification): Promisable<void>;
}

/** The service's clock. */
export interface Clock {
  now(): Date;
}
