/**
 * Public types of the assignment service (SPEC §7): its options, inputs and
 * results. The service itself is `createAssignmentService`.
 */
import type { AssignmentStats, StatsOptions } from '../core/reports/types.js';
import type { FieldLimits } from '../core/input/readInputLimits.js';
import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { Condition, RuleSet, SubjectKind } from '../core/ruleset/types.js';
import type { RebalanceParticipant } from '../core/governance/planRebalance.js';
import type { GovernanceMove, GovernanceSkip } from '../core/governance/types.js';
import type {
  Actor,
  AssignmentRecord,
  AssignmentResult,
  Instant,
  NotifyEvent,
  Recipient,
  RecordStatus,
  RecordType,
  SubjectRef,
  UnassignedReason,
  WaitingEntry,
  WaitingReason,
} from '../core/types.js';
import type { ExplainOptions } from '../core/trace.js';
import type {
  AgentProfileInput,
  AssignmentStore,
  Clock,
  Notifier,
  QueueStats,
  RecordPage,
  RuleSetVersion,
  RuleSetVersionPage,
  WaitingPage,
} from '../ports.js';
import type { RecordExplanation } from './versions/explainRecord.js';

/** How the service retries a transaction that conflicted with a concurrent one. */
export interface RetryOptions {
  /** Transactions tried in all, the first included (default 8). */
  attempts: number;
  /** Back-off before the second try; doubles each time (default 10 ms). Each wait is drawn at random up to it. */
  baseMs: number;
  /** Longest back-off (default 1000 ms). */
  maxMs: number;
}

/** How `dispatchNotifications` works through the outbox. */
export interface DispatchOptions {
  /** Entries claimed at once (default 50). */
  batchSize: number;
  /** How long a claimed entry is hidden from other dispatchers (default 60 s). */
  leaseMs: number;
  /** Wait before retrying a failed delivery; doubles per attempt (default 10 s). */
  backoffBaseMs: number;
  /** Longest wait between attempts (default 1 h). */
  backoffMaxMs: number;
  /**
   * How long one `notifier.send` may take (default 30 s); a send still
   * unfinished then counts as a failed attempt (a timeout error) and is
   * retried like any other, so a hanging notifier cannot hang dispatch.
   */
  sendTimeoutMs: number;
}

/** What the service is built from, besides the rule set. */
export interface AssignmentServiceBase {
  store: AssignmentStore;
  /** Delivers the outbox in `dispatchNotifications`; without one, notifications wait in the outbox. */
  notifier?: Notifier;
  /** Default: the system clock. */
  clock?: Clock;
  /** Ids of records and notifications; default: time-ordered UUIDv7 (`timeOrderedIds`), which keep PostgreSQL's primary-key indexes append-only. */
  ids?: () => string;
  retry?: Partial<RetryOptions>;
  dispatch?: Partial<DispatchOptions>;
  /**
   * Called once per failed delivery in `dispatchNotifications` (the entry
   * stays in the outbox and is retried at `failure.nextAttemptAt`), e.g. to
   * log or alert. Dispatch does not wait for it; whatever it throws or
   * rejects with is caught and ignored, so it can never break dispatch.
   */
  onNotificationError?: (failure: NotificationFailure) => void | Promise<void>;
  /**
   * Group commit of `autoAssign` (default on, 32 calls): calls that arrive
   * while another `autoAssign` of this service is in its transaction wait, then
   * share the next transaction — decided one after another under one
   * assignment lock, each seeing the decisions before it, committed together
   * (calls for one subject, or with one idempotency key, never share one).
   * Each result is what the call would get on its own, and when the shared
   * transaction fails, each call is retried on its own. The calls of one
   * transaction share one reading of the clock. A busy service takes the
   * lock and commits once per group instead of once per call; in exchange, a
   * transaction that is slow (waiting for a subject another process holds)
   * delays the calls waiting behind it. `false` runs every call in its own
   * transaction at once.
   */
  groupCommit?: boolean | Partial<GroupCommitOptions>;
  /**
   * Bounds on a subject's `fields`: `fieldsDepth` (default 32 levels) and
   * `fieldsSize` (default 65,536 characters of JSON). Give the store the same.
   */
  limits?: FieldLimits;
  /**
   * The waiting queue drains by itself (default `true`): right after a call
   * of this service that can make an agent available — `upsertAgents`
   * changing presence, enabled, capacity, schedule, leave or caps; a care
   * ending (release, a manual move, a confirmed or approved move); a decline,
   * cancel or expiry; a new rule set from `loadRuleSet` — the call runs
   * `assignWaiting()` before it returns; and a timer (unref'd: it never keeps
   * the process alive) runs it when the queue's earliest `retryAt` passes, or
   * when an entry reaches `alertAfter`. `close()` stops the timer. `false`:
   * none of this; run `assignWaiting()` from your own scheduler.
   */
  autoDrain?: boolean;
  /**
   * Told of a failure of a drain the service ran by itself (the call that
   * triggered it still succeeds: its own commit is done; the timer tries again
   * later). Whatever it throws is caught and ignored. Default: ignore.
   */
  onDrainError?: (error: unknown) => void;
}

/** How `autoAssign` calls share transactions (see `groupCommit`). */
export interface GroupCommitOptions {
  /** The most calls one transaction holds (default 32; 1 turns group commit off). */
  maxCalls: number;
}

/**
 * Options of `createAssignmentService`: a fixed `ruleSet`, or `loadRuleSet`,
 * called at the start of every call (compiling is cached by object identity,
 * so the loader should return the same object while the rule set is unchanged,
 * and a new object when it changes), or neither: the store's current rule-set
 * version (`saveRuleSet`), checked by revision at the start of every call.
 */
export type AssignmentServiceOptions = AssignmentServiceBase &
  (
    | { ruleSet: RuleSet | CompiledRuleSet; loadRuleSet?: undefined }
    | { loadRuleSet: () => Promise<RuleSet | CompiledRuleSet>; ruleSet?: undefined }
    | { ruleSet?: undefined; loadRuleSet?: undefined }
  );

/** A subject as `autoAssign` receives it from the CRM. */
export interface SubjectUpdate {
  id: string;
  /** Default `'customer'`. */
  kind?: SubjectKind;
  /** Replaces the stored fields when given; absent: the stored fields are kept. */
  fields?: Record<string, unknown>;
}

/** Names a subject; `kind` defaults to `'customer'`. */
export interface SubjectLocator {
  id: string;
  kind?: SubjectKind;
}

/** Options of `autoAssign`. */
export interface AutoAssignOptions {
  /** A repeated key returns the first call's result and writes nothing. */
  idempotencyKey?: string;
  /** Replace the subject's current agent (who is then not a candidate). */
  reassign?: boolean;
}

/** Input of `assignManually`. */
export interface ManualAssignmentInput {
  subject: SubjectLocator;
  agentId: string;
  /** An admin. */
  actor: Actor;
  note?: string;
}

/** Input of `apply`. */
export interface ApplicationInput {
  subject: SubjectLocator;
  agentId: string;
  /** A business user. */
  actor: Actor;
  /** Whether the CRM lets this user view the subject. */
  canView: boolean;
  note?: string;
}

/** The record a request created. */
export interface RecordOutcome {
  record: AssignmentRecord;
}

/** The record a workflow event moved, and the automatic re-offer it caused, if any. */
export interface WorkflowOutcome extends RecordOutcome {
  /** With `auto.reofferOnDecline`, the new automatic assignment after an auto record was declined; else null. */
  reoffer: AssignmentResult | null;
}

/** Options of `releaseAgent`. */
export interface ReleaseOptions {
  /** An admin; cancels the pending records addressed to the leaving agent. */
  actor: Actor;
  /** Run the rules for each subject (true) or leave it without an agent (false). */
  reassign: boolean;
}

/** What `releaseAgent` did. */
export interface ReleaseResult {
  /** Subjects that got a new automatic record (effective, or waiting for the new agent's confirmation). */
  reassigned: SubjectRef[];
  /** Subjects left without an agent. */
  unassigned: SubjectRef[];
}

/** A subject as `getSubject` shows it. */
export interface SubjectView {
  id: string;
  kind: SubjectKind;
  fields: Record<string, unknown>;
  agentId: string | null;
}

/** Filters of the assignment-record screen; all optional. */
export interface RecordFilter {
  /** Records created at or after. */
  from?: Instant;
  /** Records created before. */
  to?: Instant;
  types?: RecordType[];
  statuses?: RecordStatus[];
  subjectId?: string;
  subjectKind?: SubjectKind;
  agentId?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Page size, 1–500; default 50. */
  limit?: number;
}

/** A delivery that failed in a `dispatchNotifications` run; the notification stays in the outbox. */
export interface NotificationFailure {
  /** The notification's id. */
  id: string;
  recipient: Recipient;
  event: NotifyEvent;
  /** Null for `waiting_too_long`. */
  recordId: string | null;
  /** What the notifier threw (its message), or that it timed out. */
  error: string;
  /** Delivery attempts so far, this one included. */
  attempts: number;
  /** When the notification is due again. */
  nextAttemptAt: Date;
}

/** What one `dispatchNotifications` run did. */
export interface DispatchResult {
  delivered: number;
  failed: number;
  /** The failed deliveries of this run, in the order they were tried (`failed` of them). */
  failures: NotificationFailure[];
}

/** One subject a drain decided. */
export interface DrainDecision {
  subject: SubjectRef;
  outcome: AssignmentResult['outcome'];
  agentId: string | null;
  ruleId: string | null;
  /** Why it still waits (null when an agent was picked). */
  reason: UnassignedReason | null;
}

/** What one `assignWaiting` run did. */
export interface DrainResult {
  /** Queued subjects decided. */
  decided: number;
  /** Of them, those who got an agent (`assigned` or `pending_confirmation`): they left the queue. */
  assigned: number;
  /** Of them, those still waiting (in place, one attempt more). */
  waiting: number;
  /** Entries the admins were told of (`waiting_too_long`), once each, after the decisions. */
  alerted: number;
  /** Every decision, in the order made (queue order). */
  decisions: DrainDecision[];
}

/** Options of `autoAssignMany`. */
export interface AutoAssignManyOptions<S extends SubjectUpdate = SubjectUpdate> {
  /**
   * The idempotency key of each subject (e.g. `(s) => 'import-2026-12:' + s.id`):
   * a subject whose key was used before gets the first call's result and
   * writes nothing, so running an interrupted import again continues where
   * it stopped and creates nothing twice. Absent: no keys.
   */
  idempotencyKey?: (subject: S) => string;
  /** The most subjects one transaction decides and writes (default 1000). */
  batchSize?: number;
  /** Called after each batch has committed, with the summary so far (a copy). Awaited; what it throws ends the import after that batch. */
  onProgress?: (progress: AutoAssignManySummary) => void | Promise<void>;
  /**
   * `'each'` (default): the notifications the same `autoAssign` calls would
   * write. `'digest'`: per batch, an agent's `assigned` notifications become
   * one `assigned_digest` notification with their `count`.
   */
  notify?: 'each' | 'digest';
}

/**
 * What `autoAssignMany` did. Subjects answered from an idempotency key used
 * before count in `repeated` only; every other subject counts in exactly one
 * of `assigned`, `pendingConfirmation` and `unassigned`.
 */
export interface AutoAssignManySummary {
  /** Subjects read from the stream and committed, repeated ones included. */
  subjects: number;
  /** Transactions committed. */
  batches: number;
  /** Per agent, the subjects assigned to it (`assigned` outcomes). */
  assigned: Record<string, number>;
  /** Per agent, the subjects now waiting for its confirmation. */
  pendingConfirmation: Record<string, number>;
  /** Subjects left without an agent, by reason (only reasons that occurred). */
  unassigned: Partial<Record<UnassignedReason, number>>;
  /** Of the unassigned, those that now wait in the queue, by reason (only reasons that occurred). */
  queued: Partial<Record<WaitingReason, number>>;
  /** Subjects whose idempotency key was used before: nothing written for them. */
  repeated: number;
}

/** Filters of `svc.waiting`. */
export interface WaitingFilter {
  reason?: WaitingReason;
  /** Only entries that have waited at least this long: an ISO-8601 duration (`"PT1H"`) or milliseconds. */
  olderThan?: string | number;
  /** From a previous page's `nextCursor`; null or absent: the head. */
  cursor?: string | null;
  /** Page size, 1–1000 (default 50). */
  limit?: number;
}

/** Input of `svc.transfer`. */
export interface TransferInput {
  /** The agent whose subjects move. */
  from: string;
  /** A named agent, or `'rules'`: whoever the rules pick with `from` excluded. */
  to: string;
  /** Only the subjects whose fields pass this condition (checked like a rule's `when`); absent: all of them. */
  where?: string | Condition;
  /** The most subjects to move (default: all). */
  limit?: number;
  /** An admin. */
  actor: Actor;
  /** Kept in every record the transfer creates. */
  note: string;
  /** Plan only: return the moves a real run would make now, and change nothing. */
  dryRun?: boolean;
}

/** A governance move, with the record that made it (null in a dry run). */
export interface GovernanceMoveOutcome extends GovernanceMove {
  recordId: string | null;
}

/** What `svc.transfer` did, or would do (`dryRun`). */
export interface TransferResult {
  dryRun: boolean;
  /** The subjects moved (or to be moved), in the order of the moves. */
  moves: GovernanceMoveOutcome[];
  /** The subjects in scope left where they are, and why. */
  skipped: GovernanceSkip[];
}

/** Input of `svc.rebalance`. */
export interface RebalanceInput {
  /** The rule whose portfolio is balanced (`'$default'`: the default rule). */
  ruleId: string;
  /** An admin. */
  actor: Actor;
  /** Kept in every record the rebalance creates. */
  note?: string;
  /** The most moves (default: as many as needed). */
  maxMoves?: number;
  /** Plan only: return the moves a real run would make now, and change nothing. */
  dryRun?: boolean;
}

/** What `svc.rebalance` did, or would do (`dryRun`). */
export interface RebalanceResult extends TransferResult {
  /** The eligible participants: weight, share, and counts before and after the planned moves. */
  participants: RebalanceParticipant[];
  /** Whether the planned moves bring every participant within 1 of its share. */
  balanced: boolean;
}

/** The assignment service: the only code that performs effects (SPEC §7). */
export interface AssignmentService {
  /** Stores or updates the subject, decides by the rules and commits the decision (sharing the transaction with concurrent calls; see `groupCommit`). */
  autoAssign(subject: SubjectUpdate, options?: AutoAssignOptions): Promise<AssignmentResult>;
  /**
   * `autoAssign` for a stream of subjects (an iterable or async iterable,
   * read as it goes, never held whole): the same agents, records, counts, rule
   * state, queue entries and notifications as the same `autoAssign` calls in
   * the same order, in transactions of up to `batchSize` subjects, each
   * holding the assignment lock for its own batch only (other callers'
   * calls go in between). A failure leaves the batches before it committed
   * and nothing of the rest; with `idempotencyKey`, running it again
   * continues where it stopped. Each batch reads the clock and the rule set
   * once, as a group commit does.
   */
  autoAssignMany<S extends SubjectUpdate>(
    subjects: Iterable<S> | AsyncIterable<S>,
    options?: AutoAssignManyOptions<S>,
  ): Promise<AutoAssignManySummary>;
  /** An admin assigns an agent by hand, cancelling the subject's pending record, if any. */
  assignManually(input: ManualAssignmentInput): Promise<RecordOutcome>;
  /** A business user applies for an agent for a subject they can view. */
  apply(input: ApplicationInput): Promise<RecordOutcome>;
  approve(recordId: string, actor: Actor, note?: string): Promise<WorkflowOutcome>;
  reject(recordId: string, actor: Actor, note?: string): Promise<WorkflowOutcome>;
  confirm(recordId: string, actor: Actor, note?: string): Promise<WorkflowOutcome>;
  decline(recordId: string, actor: Actor, note?: string): Promise<WorkflowOutcome>;
  cancel(recordId: string, actor: Actor, note?: string): Promise<WorkflowOutcome>;
  /** Expires every overdue pending record (re-offering auto ones when configured); returns them as expired. */
  expirePending(): Promise<AssignmentRecord[]>;
  /** Disables an agent and moves each of their subjects, one transaction per subject. Safe to re-run. */
  releaseAgent(agentId: string, options: ReleaseOptions): Promise<ReleaseResult>;
  getSubject(subject: SubjectLocator): Promise<SubjectView | null>;
  /** Records matching the filters, newest first, one page at a time. */
  records(filter?: RecordFilter): Promise<RecordPage>;
  /** Delivers due outbox entries through the notifier; failed ones are returned in `failures` and retried later. */
  dispatchNotifications(): Promise<DispatchResult>;
  /**
   * Creates or updates agent profiles (the store's `upsertAgents`), then —
   * when presence, enabled, capacity, schedule, leave or caps changed and
   * `autoDrain` is on — drains the waiting queue before returning.
   */
  upsertAgents(agents: readonly AgentProfileInput[]): Promise<void>;
  /**
   * Decides queued subjects in queue order (priority, then the longest wait),
   * each exactly as `autoAssign` would now, in transactions of a page each;
   * those still without an agent keep their place with one more attempt.
   * `limit`: the most subjects to decide (default: the whole queue).
   */
  assignWaiting(options?: { limit?: number }): Promise<DrainResult>;
  /** The waiting queue in queue order, one page at a time. */
  waiting(filter?: WaitingFilter): Promise<WaitingPage>;
  /** The queue's size by reason and by rule, and its ages (oldest, p50, p95) now. */
  queueStats(): Promise<QueueStats>;
  /**
   * An admin takes a subject out of the waiting queue (it will not be
   * assigned automatically until it is queued again). Returns the entry
   * removed, or null when the subject was not waiting.
   */
  unqueue(subject: SubjectLocator, options: { actor: Actor; note?: string }): Promise<WaitingEntry | null>;
  /**
   * An admin moves the care of `from`'s subjects (those passing `where`) to a
   * named agent or to whoever the rules pick, one transaction and one manual
   * record per subject; `dryRun` returns the same moves without making them.
   */
  transfer(input: TransferInput): Promise<TransferResult>;
  /**
   * An admin evens out one rule's portfolio: the fewest moves so that every
   * eligible participant is within 1 of its weighted share, never above
   * capacity, the most recently joined subjects first; `dryRun` previews.
   */
  rebalance(input: RebalanceInput): Promise<RebalanceResult>;
  /** Stops the service's drain timer and waits for a running drain to finish. The store stays open. */
  close(): Promise<void>;
  /**
   * Statistics of the records created in [`from`, `to`), aggregated by the
   * store (its `assignmentStats`): per agent, per rule (shares against the
   * weights), per type, per status, per local day and hour (`timeZone`,
   * default the rule set's). `groupBy` picks the sections (default all).
   * Throws `NotSupportedError` when the store lacks `assignmentStats`.
   */
  stats(options: StatsOptions): Promise<AssignmentStats>;
  /**
   * An admin stores a new version of the rule set and makes it current
   * (validated first: an invalid one is refused with `RuleSetError` and
   * nothing is stored). Services that follow the store (created with neither
   * `ruleSet` nor `loadRuleSet`) use it from their next call; this one also
   * drains the waiting queue with it (when `autoDrain` is on).
   */
  saveRuleSet(ruleSet: RuleSet, options: { actor: Actor; note?: string }): Promise<RuleSetVersion>;
  /** The store's current rule-set version, or null when none was saved. */
  ruleSet(): Promise<RuleSetVersion | null>;
  /** The rule-set history, newest first, one page at a time (default 50 a page). */
  ruleSetVersions(query?: { cursor?: string; limit?: number }): Promise<RuleSetVersionPage>;
  /**
   * The decision behind a record in words, as it was made: an automatic
   * record from the trace kept with it (identical after any number of rule
   * changes), others — and records made before decisions were kept — from
   * the record itself (`basis: 'record'`). `options` go to `explain`.
   */
  explainRecord(recordId: string, options?: ExplainOptions): Promise<RecordExplanation>;
}
