/**
 * Data of the governance moves (portfolio transfer and rebalance): what the
 * pure planners read and what they, and the service, return. Plain data.
 */
import type { AssignmentRecord, SubjectRef, UnassignedReason } from '../types.js';

/** One subject of a portfolio as a plan sees it: the stored subject and its open records. */
export interface PortfolioEntry {
  subject: SubjectRef;
  fields: Record<string, unknown>;
  /** The current dedicated agent. */
  agentId: string | null;
  /** The agent before the current one (sticky rules prefer it). */
  previousAgentId: string | null;
  /** When the current agent's care began (its record became effective); null: unknown. */
  agentSince: Date | null;
  /** Its pending record (at most one). */
  pending: AssignmentRecord | null;
  /** Its effective record (at most one). */
  effective: AssignmentRecord | null;
}

/** One subject moved from one agent to another, as a manual record. */
export interface GovernanceMove {
  subject: SubjectRef;
  from: string;
  to: string;
  /** The rule the move acts for (the rule that picked `to`, or the rule rebalanced); null for a transfer to a named agent. */
  ruleId: string | null;
}

/**
 * Why a subject in scope was not moved:
 * - `pending_exists`: it has a pending record (never overridden by a bulk move);
 * - `no_rule_applies`, `outside_schedule`, `no_eligible_agent`, `auto_disabled`: the rules found nobody (transfer to `'rules'`);
 * - `changed`: by the time of the move it no longer had the agent, the record or the fields the plan read;
 * - `agent_unavailable`: the receiving agent is unknown, disabled or at capacity at the time of the move.
 */
export type GovernanceSkipReason =
  | 'pending_exists'
  | Extract<UnassignedReason, 'no_rule_applies' | 'outside_schedule' | 'no_eligible_agent' | 'auto_disabled'>
  | 'changed'
  | 'agent_unavailable';

/** A subject in scope that was (or would be) left where it is, and why. */
export interface GovernanceSkip {
  subject: SubjectRef;
  reason: GovernanceSkipReason;
}
