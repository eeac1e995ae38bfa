import type { AgentProfileInput, Notification, RecordDecision, RuleSetVersion, StoredSubject } from '../../ports.js';
import type { AssignmentRecord, RuleState } from '../../core/types.js';
import { RecordTimeline } from './recordTimeline.js';
import { WaitingIndex } from './waitingIndex.js';

/** An outbox entry as the memory store keeps it. */
export interface OutboxRow {
  notification: Notification;
  attempts: number;
  /** Due from this instant (epoch ms): `at` at first, then the lease end or the retry time. */
  dueMs: number;
  /** Insertion order, so entries due at the same instant are claimed first in, first out. */
  seq: number;
  lastError: string | null;
}

/** One agent's counters: per `"<period>:<bucket start ms>"`, plus the total serving and the latest automatic assignment. */
export interface AgentCounters {
  assigned: Map<string, number>;
  serving: Map<string, number>;
  servingTotal: number;
  /** Epoch ms of the latest `assigned` change's `at` (the agent's `lastAssignedAt`); null: never. */
  lastAssignedMs: number | null;
}

/** Everything the memory store has committed. Only `planChangeSet` and the store's own methods change it. */
export interface MemoryState {
  subjects: Map<string, StoredSubject>;
  /** Profiles as the CRM gave them (without `lastAssignedAt`, which `counters` keeps). */
  agents: Map<string, AgentProfileInput>;
  records: Map<string, AssignmentRecord>;
  /** Subject key → ids of its records. */
  recordsBySubject: Map<string, Set<string>>;
  /** Ids of records in a pending status, for `dueRecords`. */
  pendingIds: Set<string>;
  /** Every record id in query order. */
  timeline: RecordTimeline;
  ruleState: Map<string, RuleState>;
  counters: Map<string, AgentCounters>;
  outbox: Map<string, OutboxRow>;
  outboxSeq: number;
  idempotency: Map<string, unknown>;
  /** The waiting queue, by subject and in queue order. */
  waiting: WaitingIndex;
  /** The rule-set history in the order saved (an entry's sequence number is its index + 1); the last is current. */
  ruleSetVersions: RuleSetVersion[];
  /** Record id → the decision kept for it. */
  decisions: Map<string, RecordDecision>;
}

/**
 * A memory store's state before anything was written.
 *
 * @internal
 * @returns empty maps and indexes
 * @example
 * ```ts
 * const state = emptyMemoryState();
 * state.records.size; // 0
 * ```
 */
export function emptyMemoryState(): MemoryState {
  return {
    subjects: new Map(),
    agents: new Map(),
    records: new Map(),
    recordsBySubject: new Map(),
    pendingIds: new Set(),
    timeline: new RecordTimeline(),
    ruleState: new Map(),
    counters: new Map(),
    outbox: new Map(),
    outboxSeq: 0,
    idempotency: new Map(),
    waiting: new WaitingIndex(),
    ruleSetVersions: [],
    decisions: new Map(),
  };
}
