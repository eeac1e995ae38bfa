/**
 * Runtime data types shared by the core, the service and the adapters
 * (SPEC §5–§7). Everything here is plain data: serialisable, no closures.
 */
import type { SubjectFieldFinding } from './ruleset/checkSubjectFields.js';
import type { Order, Period, Presence, Schedule, SubjectKind } from './ruleset/types.js';

/** An instant as the core accepts it: a `Date`, an ISO-8601 string or epoch milliseconds. */
export type Instant = Date | string | number;

/** Who performs an action. `system` is the library itself (auto assignment, expiry, ending). */
export interface Actor {
  id: string;
  role: 'admin' | 'agent' | 'business' | 'system';
}

/** The actor the core uses for what it does by itself. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', role: 'system' }) as Actor;

/** Count of subjects in an agent's care now, in total and per period (by when the care began). */
export type ServingCounts = Partial<Record<Period | 'total', number>>;

/** A service agent's profile and stats, as the decision sees them. */
export interface AgentSnapshot {
  id: string;
  /** Default true; false: never auto-assigned (left, suspended). */
  enabled?: boolean;
  /** Default `'online'`. */
  presence?: Presence;
  /** Max subjects served at once; absent or null = unlimited. */
  capacity?: number | null;
  skills?: string[];
  languages?: string[];
  /** Anything else `agentWhen` may test as `agent.<name>`. */
  attributes?: Record<string, unknown>;
  /** Working hours (shift); same semantics as a rule's schedule, zone defaulting to the rule set's. Absent: always on. */
  schedule?: Schedule;
  /** Leave: inclusive `YYYY-MM-DD` ranges in the agent's zone, or instants with offsets. */
  leave?: LeaveRange[];
  /** Caps on automatic assignments per period (the lower of this and the rule's applies). */
  maxAssigned?: Partial<Record<Period, number>>;
  /** When the agent last received an automatic assignment (for `longestIdle`); null or absent: never. */
  lastAssignedAt?: Instant | null;
  /** Auto assignments received in the current period. */
  assigned?: Partial<Record<Period, number>>;
  /** Subjects in care now; a number means the total. */
  serving?: number | ServingCounts;
}

/** A leave period: `YYYY-MM-DD` dates (inclusive, in the agent's zone) or instants with offsets. */
export interface LeaveRange {
  from: string;
  to: string;
}

/** Identifies a subject. */
export interface SubjectRef {
  id: string;
  kind: SubjectKind;
}

/** A subject as the decision functions accept it. */
export interface SubjectInput {
  id: string;
  /** Default `'customer'`. */
  kind?: SubjectKind;
  fields?: Record<string, unknown>;
  /** The current dedicated agent. */
  agentId?: string | null;
  /** The agent before the current one, for sticky rules. */
  previousAgentId?: string | null;
  /** The caller knows a pending record of this subject exists. */
  pending?: boolean;
}

/** Per-rule memory carried between decisions (round-robin pointer, smooth weighted round-robin weights). */
export interface RuleState {
  /** The agent the rule picked last. */
  lastAgentId?: string | null;
  /** Smooth weighted round robin: each participant's running weight. */
  currentWeights?: Record<string, number>;
}

/** How a record came to be. */
export type RecordType = 'auto' | 'manual' | 'application';

/** Where a record is in its lifecycle. */
export type RecordStatus =
  | 'pending_approval'
  | 'pending_confirmation'
  | 'effective'
  | 'rejected'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'ended';

/** Every record type. */
export const RECORD_TYPES: readonly RecordType[] = ['auto', 'manual', 'application'];

/** Every record status, pending ones first. */
export const RECORD_STATUSES: readonly RecordStatus[] = [
  'pending_approval',
  'pending_confirmation',
  'effective',
  'rejected',
  'declined',
  'cancelled',
  'expired',
  'ended',
];

/** Statuses from which no event is accepted. */
export const TERMINAL_STATUSES: readonly RecordStatus[] = ['rejected', 'declined', 'cancelled', 'expired', 'ended'];

/** Statuses that wait for somebody. */
export const PENDING_STATUSES: readonly RecordStatus[] = ['pending_approval', 'pending_confirmation'];

/** A section of the assignment statistics (`svc.stats({ groupBy })`). */
export type StatsSection = 'agent' | 'rule' | 'type' | 'status' | 'day' | 'hour';

/** Every statistics section, in the order a result lists them. */
export const STATS_SECTIONS: readonly StatsSection[] = ['agent', 'rule', 'type', 'status', 'day', 'hour'];

/** Workflow events accepted by `transition()`. */
export type WorkflowEvent = 'approve' | 'reject' | 'confirm' | 'decline' | 'cancel' | 'expire' | 'end';

/** One status change of one record. `from` is null when the record is created. */
export interface Transition {
  recordId: string;
  from: RecordStatus | null;
  to: RecordStatus;
  at: Date;
  by: Actor;
  note?: string;
}

/** One assignment attempt and its history (分配记录). */
export interface AssignmentRecord {
  id: string;
  type: RecordType;
  status: RecordStatus;
  subject: SubjectRef;
  agentId: string;
  previousAgentId: string | null;
  ruleId: string | null;
  requestedBy: Actor;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date | null;
  history: Transition[];
  /** Optimistic concurrency: 1 at creation, +1 per accepted transition. */
  version: number;
}

/** Notification events. */
export type NotifyEvent =
  | 'assigned'
  | 'unassigned'
  | 'confirmation_requested'
  | 'approval_requested'
  | 'approved'
  | 'rejected'
  | 'declined'
  | 'expired'
  | 'cancelled'
  | 'waiting_too_long'
  /** One notification per agent per batch of `autoAssignMany` with `notify: 'digest'`, in place of its `assigned` ones, with their `count`. */
  | 'assigned_digest';

/** Who a notification goes to. */
export type Recipient = { type: 'agent'; id: string } | { type: 'admins' } | { type: 'user'; id: string };

/** What the service must do, as data (serialisable; stored in the outbox, asserted with `toEqual`). */
export type Effect =
  | {
      type: 'subject.setAgent';
      subject: SubjectRef;
      agentId: string;
      previousAgentId: string | null;
      recordId: string;
    }
  | { type: 'stats.assigned'; agentId: string; delta: 1; ruleId: string | null; at: Date }
  | { type: 'stats.serving'; agentId: string; delta: 1 | -1; at: Date }
  | { type: 'ruleState.set'; ruleId: string; state: RuleState }
  | {
      type: 'notify';
      recipient: Recipient;
      event: NotifyEvent;
      recordId: string;
      subject: SubjectRef;
      agentId: string;
      at: Date;
    };

/** The effect types, for exhaustive handling. */
export type EffectType = Effect['type'];

/** Why `assignCustomer` did not pick an agent. */
export type UnassignedReason =
  | 'auto_disabled'
  | 'already_assigned'
  | 'pending_exists'
  | 'no_rule_applies'
  | 'outside_schedule'
  | 'no_eligible_agent';

/**
 * Why a subject waits in the queue: an automatic decision found nobody
 * (`no_eligible_agent`, `outside_schedule`; and, at a drain, `no_rule_applies`
 * or `auto_disabled` after the rules changed), or its automatic record was
 * refused with nobody left to re-offer it to (`declined`, `expired`).
 */
export type WaitingReason = 'no_eligible_agent' | 'outside_schedule' | 'no_rule_applies' | 'auto_disabled' | 'declined' | 'expired';

/** The waiting reasons, in the order reports list them. */
export const WAITING_REASONS: readonly WaitingReason[] = [
  'no_eligible_agent',
  'outside_schedule',
  'no_rule_applies',
  'auto_disabled',
  'declined',
  'expired',
];

/** A subject waiting for an agent (at most one entry per subject). */
export interface WaitingEntry {
  subject: SubjectRef;
  /** When it started waiting; kept while it waits, whatever happens to it meanwhile. */
  since: Date;
  reason: WaitingReason;
  /** The rule that found nobody (`'$default'` for the default rule); null when no rule was reached. */
  ruleId: string | null;
  /** When the rules can decide differently by time alone (a rule opens, a shift starts, a leave ends, a cap resets); null: only an event can help. */
  retryAt: Date | null;
  /** From `settings.auto.queue.priority` at the latest decision; higher waits nearer the head. */
  priority: number;
  /** Drain decisions that found nobody since it was queued. */
  attempts: number;
  /** When the admins were told it waits too long (`waiting_too_long`); null: not yet. */
  alertedAt: Date | null;
}

/**
 * The waiting queue at an instant. Ages are `now - since` in milliseconds;
 * percentiles by nearest rank (the smallest age with at least p% of the
 * entries at or below it); every age null when the queue is empty.
 */
export interface QueueStats {
  size: number;
  /** Entries per reason (every reason present, 0 when none). */
  byReason: Record<WaitingReason, number>;
  /** Entries per rule that found nobody (`null`: no rule reached), largest first, then by rule id. */
  byRule: { ruleId: string | null; size: number }[];
  oldestAgeMs: number | null;
  p50AgeMs: number | null;
  p95AgeMs: number | null;
}

/**
 * What a decision does to the subject's place in the waiting queue (see
 * `waitingUpdateOf`): `leave` it, `wait` (joining at the back of its priority
 * with `since`, or staying in place with its `since` when already waiting),
 * or `stay` as it is.
 */
export type WaitingUpdate =
  | { type: 'leave' }
  | { type: 'stay' }
  | {
      type: 'wait';
      reason: WaitingReason;
      ruleId: string | null;
      retryAt: Date | null;
      priority: number;
      /** Used only when the subject is not waiting yet. */
      since: Date;
      /** A drain's decision: the entry's `attempts` go up by one. */
      attempted: boolean;
    };

/** A rule's verdict in a trace. */
export type RuleVerdict =
  | 'disabled'
  | 'not_applicable'
  | 'condition_false'
  | 'outside_schedule'
  | 'no_candidate'
  | 'chosen';

/** Why a participant was not a candidate. */
export type ExclusionReason =
  | 'unknown'
  | 'disabled'
  | 'excluded'
  | 'presence'
  | 'capacity'
  | 'limit_reached'
  | 'agent_condition'
  | 'off_shift'
  | 'on_leave';

/** A participant who could not receive the subject, and why. */
export interface TraceExclusion {
  agentId: string;
  reason: ExclusionReason;
  /** `off_shift`: when the shift starts next (null: not within 366 days); `on_leave`: when the leave ends. */
  until?: Date | null;
  /** `off_shift`, `on_leave`: the rule set's zone, in which `explain` shows `until`. */
  timeZone?: string;
  /** `limit_reached`: the period whose cap was reached, and the cap. */
  period?: Period;
  limit?: number;
}

/** A candidate and the numbers the order compared. Lower `key` wins for count orders. */
export interface TraceCandidate {
  agentId: string;
  /** Participant position (ties go to the lower one). */
  position: number;
  weight: number;
  /** `fewestAssigned`: assigned in the period; `fewestServing`: serving in the period (or total). */
  count?: number;
  /**
   * The ordering key: `count / weight`; `leastUtilised`: utilisation (`count / capacity`, then `/ weight`),
   * offset by 2^32 for agents without a capacity; `longestIdle`: `lastAssignedAt` in epoch ms (-Infinity: never);
   * smooth weighted round robin: the running weight before the pick.
   */
  key?: number;
  /** `leastUtilised`: the capacity the count was divided by; null: none. */
  capacity?: number | null;
  /** `longestIdle`: the last automatic assignment; null: never. */
  lastAssignedAt?: Date | null;
  /** A participant a selector brought: the selector's index in the rule's `agents`. */
  selector?: number;
}

/** One evaluated rule in a trace. */
export interface TraceEntry {
  ruleId: string;
  ruleName: string;
  verdict: RuleVerdict;
  /** The order the rule uses (for explain). */
  order?: Order['by'];
  period?: Period | 'total';
  proportional?: boolean;
  /** `outside_schedule`: when the rule opens next (within 366 days), if ever. */
  opensAt?: Date | null;
  excluded?: TraceExclusion[];
  candidates?: TraceCandidate[];
  /** `chosen`: the agent picked. */
  agentId?: string;
  /** `chosen`: how it was picked. */
  pickedBy?: 'sticky' | 'order';
  /** A sticky rule whose previous agent could not be picked: who, and why; the order picked instead. */
  stickyFallback?: TraceExclusion;
}

/** What `assignCustomer` decided and what must happen because of it. */
export interface AssignmentResult {
  outcome: 'assigned' | 'pending_confirmation' | 'unassigned';
  agentId: string | null;
  /** `'$default'` for the default rule. */
  ruleId: string | null;
  reason: UnassignedReason | null;
  retryAt: Date | null;
  /** The new record (type `auto`), when an agent was picked. */
  record: AssignmentRecord | null;
  /** Record state changes to persist, in order. */
  transitions: Transition[];
  effects: Effect[];
  /** The updated rule state (all rules, not only the changed one). */
  ruleState: Record<string, RuleState>;
  /** Per evaluated rule: why skipped or chosen. */
  trace: TraceEntry[];
  /**
   * Where the subject's fields contradict the rule set's declared `fields`
   * (undeclared, of another type, missing), which `explain` lists before the
   * verdicts; empty when they agree or nothing is declared. See `checkSubjectFields`.
   */
  fieldFindings: SubjectFieldFinding[];
  /** The instant the decision was made for. */
  at: Date;
  /** The subject decided for. */
  subject: SubjectRef;
}

/** What every workflow function returns. */
export interface WorkflowResult {
  record: AssignmentRecord;
  /** Other records this call changed (e.g. the pending record an admin's manual assignment cancelled). */
  others: AssignmentRecord[];
  transitions: Transition[];
  effects: Effect[];
}
