/**
 * What the simulator reports: per rule set ("scenario") the distribution of
 * customers over agents and rules, what could not be assigned and why, and,
 * when two rule sets are compared, the customers that would change hands.
 */
import type { RuleSetChange, SubjectKind, UnassignedReason } from '../index.js';

/** A customer as the simulator replays it. */
export interface SimulationCustomer {
  id: string;
  kind?: SubjectKind;
  /** Epoch milliseconds: the simulated clock for this customer. */
  createdAt: number;
  /** Epoch milliseconds: when the customer's care ends (the agent's `serving` drops, capacity frees); absent: never. */
  endedAt?: number;
  fields: Record<string, unknown>;
}

/** Counts per unassigned reason; reasons that never occurred are absent. */
export type ReasonCounts = Partial<Record<UnassignedReason, number>>;

/** One agent's outcome in one scenario. */
export interface AgentOutcome {
  id: string;
  /** Display name from the agents file, if any. */
  name: string | null;
  /** Customers who ended up with this agent (on arrival or on retry). */
  assigned: number;
  /** `assigned` / all assigned customers of the scenario (0–1). */
  share: number;
  /** The fair share (0–1): `targetAssigned` / all assigned customers. See `fairTargets`. */
  target: number;
  /** The fair number of customers (fractional). */
  targetAssigned: number;
  /** `share - target`: positive when the agent got more than fair. */
  deviation: number;
  /** Customers per rule id that gave them to this agent. */
  byRule: Record<string, number>;
  /** Customers assigned per local day, aligned with `ScenarioResult.days`. */
  daily: number[];
  /**
   * Hours the agent was on (on shift and not on leave) from the first to the
   * last customer: the whole span for an agent without `schedule` or `leave`.
   */
  onShiftHours: number;
}

/** One rule's outcome in one scenario. */
export interface RuleOutcome {
  /** `'$default'` for the default rule. */
  id: string;
  name: string;
  assigned: number;
  /** `assigned` / all assigned customers (0–1). */
  share: number;
  /** Participants and the weights the order used (1 each unless proportional). */
  participants: { id: string; weight: number }[];
  /** Participants who received at least one customer from this rule. */
  served: string[];
  /** Customers assigned per local day, aligned with `ScenarioResult.days`. */
  daily: number[];
}

/** What happened to the customers who found nobody on arrival and waited in the queue. */
export interface RetrySummary {
  /** Whether customers who found nobody (`no_eligible_agent`, `outside_schedule`) waited in the queue. */
  enabled: boolean;
  /** Customers who waited in the queue. */
  retried: number;
  /** Of them, those who then got an agent from the queue. */
  assigned: number;
  /** Of them, those who never got one, by the reason of their last decision. */
  unassigned: ReasonCounts;
  /** `assigned`, by the reason they found nobody on arrival. */
  assignedByReason: ReasonCounts;
}

/** Waiting times of a group of customers, in milliseconds; percentiles by nearest rank (`nearestRank`), null without customers. */
export interface WaitingTimes {
  customers: number;
  /** Of `customers`, those who waited in the queue (the others were assigned on arrival: 0). */
  waited: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/** The waiting queue over the replay. */
export interface QueueLength {
  /** The longest the queue was, and when it first was that long (null: nobody ever waited). */
  maximum: number;
  maximumAt: Date | null;
  /** Customers still waiting when the replay ended. */
  atEnd: number;
  /** The local hour (`YYYY-MM-DDTHH`, in the rule set's zone) `hourly` starts at; null without customers. */
  from: string | null;
  /** The longest queue in each local hour from `from` to the end of the replay. */
  hourly: number[];
}

/** How long customers waited for an agent, and how long the queue grew. */
export interface WaitingOutcome {
  /** Per rule id, the customers it assigned: from creation to assignment (0 when assigned on arrival). */
  byRule: Record<string, WaitingTimes>;
  /** Every assigned customer. */
  assigned: WaitingTimes;
  /** Customers who waited and never got an agent: from creation to the end of their care or of the replay. */
  notAssigned: WaitingTimes;
  length: QueueLength;
  /** When the replay ended: the last createdAt or endedAt, or the last drain after it. */
  endedAt: Date | null;
}

/** The result of replaying the customers through one rule set. */
export interface ScenarioResult {
  /** Names the rule set (its file name in the CLI). */
  label: string;
  /** The rule set's zone, in which days and hours are counted. */
  timeZone: string;
  /** Customers replayed. */
  total: number;
  /** Customers who ended up with an agent. */
  assigned: number;
  /** Of `assigned`: waiting for the agent's confirmation (`settings.auto.agentConfirmation`). */
  pendingConfirmation: number;
  /** Customers who ended up without an agent, by the reason of their last attempt. */
  unassigned: ReasonCounts;
  /** The decisions taken when each customer arrived (before any retry). */
  onArrival: { assigned: number; unassigned: ReasonCounts };
  retry: RetrySummary;
  /** Waiting times per rule and the queue's length over time. */
  waiting: WaitingOutcome;
  /** Every agent of the agents file, in file order. */
  agents: AgentOutcome[];
  /** Every rule, in evaluation order, the default rule last. */
  rules: RuleOutcome[];
  /** The agent whose share is furthest from the target, or null when nobody was assigned. */
  largestDeviation: AgentOutcome | null;
  /** Local days (`YYYY-MM-DD`) from the first to the last decision, without gaps. */
  days: string[];
  /** Customers not assigned on arrival, per reason, by local hour of arrival (24 counts each). */
  unassignedByHour: Partial<Record<UnassignedReason, number[]>>;
  /** First and last customer's `createdAt`. */
  from: Date | null;
  to: Date | null;
}

/** One customer whose agent differs between the two rule sets (null: unassigned). */
export interface CustomerChange {
  id: string;
  from: string | null;
  to: string | null;
}

/** The customers that would change hands between the first and the second rule set. */
export interface ChangeSummary {
  count: number;
  /** The first changed customers, in arrival order. */
  sample: CustomerChange[];
  /** The most frequent moves, largest first. */
  flows: { from: string | null; to: string | null; count: number }[];
}

/** Everything `simulate` reports. */
export interface SimulationResult {
  scenarios: ScenarioResult[];
  /** With two scenarios: the customers that change hands; otherwise null. */
  changes: ChangeSummary | null;
  /** With two scenarios: what changed from the first rule set to the second (`diffRuleSets`, the same list as `dedicated-agent diff`); otherwise null. */
  ruleChanges: RuleSetChange[] | null;
}
