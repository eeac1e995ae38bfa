/**
 * Statistics of committed records: what a store aggregates
 * (`AssignmentStore.assignmentStats`) and what `svc.stats` makes of it.
 * Plain data, like every type of the core.
 */
import type { Actor, Instant, QueueStats, RecordStatus, RecordType, StatsSection } from '../types.js';

/**
 * What `AssignmentStore.assignmentStats` aggregates: the records created in
 * [`from`, `to`), with days and hours read in `timeZone` (an IANA zone the
 * service checked), and only the `sections` asked for.
 */
export interface StatsQuery {
  from: Date;
  to: Date;
  timeZone: string;
  sections: readonly StatsSection[];
}

/**
 * Waiting times from request to effective, in milliseconds: how many, and
 * the median and 90th percentile by nearest rank (the smallest value with at
 * least p of the values at or below it: the ⌈p·n⌉-th smallest, as
 * PostgreSQL's `percentile_disc`), so every figure is a real record's time.
 */
export interface DurationFigures {
  count: number;
  medianMs: number;
  p90Ms: number;
}

/** An agent's figures over the records created in the window (the agent is the record's `agentId`). */
export interface AgentStatsRow {
  agentId: string;
  /** Every record for the agent. */
  records: number;
  /** Automatic assignments (type `auto`), whatever became of them: each was counted when made, pending or effective. */
  auto: number;
  /** Manual assignments by an admin (type `manual`). */
  manual: number;
  /** Applications (type `application`). */
  applications: number;
  /** Records still waiting (pending approval or confirmation). */
  pending: number;
  /** Records effective now: subjects in the agent's care (serving). */
  effective: number;
  ended: number;
  declined: number;
  expired: number;
  cancelled: number;
  rejected: number;
  /** Confirmation requests answered or closed: records that entered `pending_confirmation` and have left it. */
  asked: number;
  /** Of `asked`: confirmed by the agent (moved from `pending_confirmation` to `effective`). */
  confirmed: number;
  /**
   * From request (`createdAt`) to effective, for records that became
   * effective by the agent's confirmation; null when none did.
   */
  confirmationTime: DurationFigures | null;
  /** The same for records that became effective by an admin's approval. */
  approvalTime: DurationFigures | null;
}

/** What one rule assigned automatically, per agent. */
export interface RuleStatsRow {
  /** The rule's id (`'$default'` for the default rule). */
  ruleId: string;
  assignments: number;
  agents: { agentId: string; assignments: number }[];
}

/** Records per type, for a time slot. */
export interface TypeCounts {
  auto: number;
  manual: number;
  application: number;
}

/** One local day of the window. */
export interface DayStatsRow extends TypeCounts {
  /** The local date in the query's zone, `YYYY-MM-DD`. */
  date: string;
  records: number;
  /** Records per agent id (agents with none are left out). */
  agents: Record<string, number>;
}

/** One hour of the local day (0–23), over the whole window. */
export interface HourStatsRow extends TypeCounts {
  hour: number;
  records: number;
}

/**
 * What a store aggregated for a `StatsQuery`. `records` is always there;
 * each section only when asked for: `agents` (agents with records), `rules`
 * (rules with automatic assignments), `types`, `statuses` (every type and
 * status, 0 when none), `days` (days with records) and `hours` (hours with
 * records, or all 24). Lists may come in any order: the service sorts them.
 */
export interface StoreStats {
  records: number;
  agents?: AgentStatsRow[];
  rules?: RuleStatsRow[];
  types?: Record<RecordType, number>;
  statuses?: Record<RecordStatus, number>;
  days?: DayStatsRow[];
  hours?: HourStatsRow[];
}


/** What `svc.stats` accepts. */
export interface StatsOptions {
  /** Records created at or after (an ISO-8601 string with an offset, epoch milliseconds or a Date). */
  from: Instant;
  /** Records created before. */
  to: Instant;
  /** The zone of days and hours; default the rule set's. */
  timeZone?: string;
  /** The sections to compute (default all): fewer sections, less work for the store. */
  groupBy?: StatsSection[];
}

/** An agent's figures, with its acceptance rate. */
export interface AgentStats extends AgentStatsRow {
  /** `confirmed / asked`, from 0 to 1; null when no confirmation was asked of the agent. */
  acceptanceRate: number | null;
}

/** One agent's part in a rule's automatic assignments. */
export interface RuleShare {
  agentId: string;
  assignments: number;
  /** `assignments` over the rule's assignments, from 0 to 1. */
  share: number;
  /**
   * The share the rule's weights ask for: the agent's weight (1 each unless
   * the rule is proportional) over the weights of the participants that took
   * at least one assignment. 0 for a participant that took none (offline,
   * off shift, at a cap: it had no part in the split) and for an agent the
   * rule no longer lists.
   */
  targetShare: number;
  /** `share − targetShare`. */
  deviation: number;
}

/** A rule's automatic assignments and how fairly they were split. */
export interface RuleStats {
  /** The rule's id (`'$default'` for the default rule). */
  ruleId: string;
  /** Its name in the current rule set; null when the rule set no longer has it. */
  ruleName: string | null;
  assignments: number;
  /** The agents that took assignments, then the current participants that took none; by assignments, most first, then by id. */
  participants: RuleShare[];
  /** The largest `|deviation|` among the participants: how far the split was from fair (0: exactly fair). */
  maxDeviation: number;
}

/** A rule-set version saved inside a report's window. */
export interface RuleSetChangeMark {
  revision: string;
  at: Date;
  actor: Actor;
  note: string | null;
}

/** The waiting queue as `svc.stats` found it: its figures (`QueueStats`) at the instant of the call (`at`), whatever the window. */
export type WaitingStats = QueueStats & { at: Date };

/**
 * Statistics of the records created in [`from`, `to`), from `svc.stats`.
 * `records` is always there; each section only when asked for (`groupBy`).
 */
export interface AssignmentStats {
  from: Date;
  to: Date;
  /** The zone of `days` and `hours`. */
  timeZone: string;
  /** Records created in the window. */
  records: number;
  /** Per agent with records, by id. */
  agents?: AgentStats[];
  /** Per rule with automatic assignments, in the rule set's order (rules it no longer has last, by id). */
  rules?: RuleStats[];
  /** Records per type. */
  types?: Record<RecordType, number>;
  /** Records per current status. */
  statuses?: Record<RecordStatus, number>;
  /** Every local day the window touches, in order (days without records too). */
  days?: DayStatsRow[];
  /** The 24 hours of the local day, in order. */
  hours?: HourStatsRow[];
  /** The waiting queue now (see `WaitingStats`): `svc.stats` always adds it. */
  waiting?: WaitingStats;
  /** The rule-set versions saved in the window, oldest first (empty when the store keeps no versions): where a report marks that the rules changed. */
  ruleSetChanges?: RuleSetChangeMark[];
}
