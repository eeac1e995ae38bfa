import { type AgentSnapshot, type Assigner, type AssignerDecision, createAssigner, DEFAULT_RULE_ID, type RuleSet, type UnassignedReason } from '../index.js';
import { availabilityOf } from '../core/availability/availabilityOf.js';
import { onShiftHours } from '../core/availability/onShiftHours.js';
import { fairTargets, ruleWeights } from './fairTargets.js';
import { RetryQueue } from './retryQueue.js';
import type { AgentOutcome, ReasonCounts, RuleOutcome, ScenarioResult, SimulationCustomer } from './simulationResult.js';
import { ZoneCalendar } from './zoneCalendar.js';

/** Every unassigned reason, in a fixed order for the counters. */
const REASONS: readonly UnassignedReason[] = ['auto_disabled', 'already_assigned', 'pending_exists', 'no_rule_applies', 'outside_schedule', 'no_eligible_agent'];
const REASON_INDEX = new Map(REASONS.map((reason, i) => [reason, i]));
/** A customer turned away again and again (a condition on `daysSince`, say) is given up after this many retries. */
export const MAX_RETRIES = 3;

interface Waiting {
  customer: SimulationCustomer;
  ordinal: number;
  retries: number;
}

/** Counts of one local day. */
interface DayRow {
  byAgent: Int32Array;
  byRule: Int32Array;
}

function reasonCounts(counts: Int32Array): ReasonCounts {
  const result: ReasonCounts = {};
  REASONS.forEach((reason, i) => {
    if (counts[i]! > 0) result[reason] = counts[i]!;
  });
  return result;
}

/**
 * One rule set being replayed: an assigner of its own, its retry queue and
 * its counters. Customers must be fed in `createdAt` order; retries that fall
 * due before a customer's arrival are run first, in the order they fell due.
 *
 * @example
 * ```ts
 * const run = new ScenarioRun('rules.json', ruleSet, agents, true, null);
 * customers.forEach((customer, i) => run.arrive(customer, i));
 * const result = run.finish();
 * ```
 */
export class ScenarioRun {
  private readonly assigner: Assigner;
  private readonly calendar: ZoneCalendar;
  private readonly agentIds: string[];
  private readonly agentIndex: Map<string, number>;
  private readonly ruleIds: string[];
  private readonly ruleIndex: Map<string, number>;
  private readonly taken: Int32Array;
  private readonly days = new Map<number, DayRow>();
  private lastDay = Number.NaN;
  private lastRow: DayRow | null = null;
  private readonly hourly = new Int32Array(24 * REASONS.length);
  private readonly arrivalUnassigned = new Int32Array(REASONS.length);
  private readonly finalUnassigned = new Int32Array(REASONS.length);
  private readonly retryUnassigned = new Int32Array(REASONS.length);
  private readonly queue = new RetryQueue<Waiting>();
  private total = 0;
  private assignedOnArrival = 0;
  private pendingConfirmation = 0;
  private retried = 0;
  private assignedOnRetry = 0;
  private firstAt = Number.NaN;
  private lastAt = Number.NaN;

  /**
   * @param label - names the rule set in results
   * @param ruleSet - the validated rule set
   * @param agents - the agents to start from (copied by the assigner)
   * @param retry - retry customers turned away by closed schedules at their `retryAt`
   * @param finalAgents - when given, receives per customer ordinal the index of the final agent (-1: none)
   */
  constructor(
    readonly label: string,
    private readonly ruleSet: RuleSet,
    private readonly agents: readonly (AgentSnapshot & { name?: string })[],
    private readonly retry: boolean,
    private readonly finalAgents: number[] | null,
  ) {
    this.assigner = createAssigner(ruleSet, { agents });
    this.calendar = new ZoneCalendar(ruleSet.timeZone);
    this.agentIds = agents.map((agent) => agent.id);
    this.agentIndex = new Map(this.agentIds.map((id, i) => [id, i]));
    this.ruleIds = ruleWeights(ruleSet).map((rule) => rule.ruleId);
    this.ruleIndex = new Map(this.ruleIds.map((id, i) => [id, i]));
    this.taken = new Int32Array(this.ruleIds.length * this.agentIds.length);
  }

  /** Agent ids, in the order of the indexes written to `finalAgents`. */
  get agentOrder(): readonly string[] {
    return this.agentIds;
  }

  /** Replays one arriving customer, after the retries due before it. */
  arrive(customer: SimulationCustomer, ordinal: number): void {
    const at = customer.createdAt;
    this.runRetriesUntil(at);
    if (this.total === 0) this.firstAt = at;
    this.lastAt = at;
    this.total++;
    if (this.finalAgents !== null) this.finalAgents[ordinal] = -1;
    const decision = this.assigner.assign(customer, at);
    if (decision.agentId !== null) {
      this.assignedOnArrival++;
      this.count(decision, at, ordinal);
      return;
    }
    const reason = REASON_INDEX.get(decision.reason!)!;
    this.arrivalUnassigned[reason]!++;
    this.hourly[reason * 24 + ZoneCalendar.hour(this.calendar.dayHour(at))]!++;
    if (this.retry && decision.reason === 'outside_schedule' && decision.retryAt !== null) {
      this.retried++;
      this.queue.push(decision.retryAt.getTime(), { customer, ordinal, retries: 0 });
    } else {
      this.finalUnassigned[reason]!++;
    }
  }

  /** Runs every retry still waiting (they fall after the last arrival) and returns the result. */
  finish(): ScenarioResult {
    this.runRetriesUntil(Number.POSITIVE_INFINITY);
    return this.result();
  }

  private runRetriesUntil(now: number): void {
    for (let due = this.queue.popDue(now); due !== null; due = this.queue.popDue(now)) {
      const waiting = due.item;
      waiting.retries++;
      const decision = this.assigner.assign(waiting.customer, due.at);
      if (decision.agentId !== null) {
        this.assignedOnRetry++;
        this.count(decision, due.at, waiting.ordinal);
      } else if (decision.reason === 'outside_schedule' && decision.retryAt !== null && waiting.retries < MAX_RETRIES) {
        this.queue.push(decision.retryAt.getTime(), waiting);
      } else {
        const reason = REASON_INDEX.get(decision.reason!)!;
        this.retryUnassigned[reason]!++;
        this.finalUnassigned[reason]!++;
      }
    }
  }

  private count(decision: AssignerDecision, at: number, ordinal: number): void {
    const agent = this.agentIndex.get(decision.agentId!)!;
    const rule = this.ruleIndex.get(decision.ruleId!)!;
    this.taken[rule * this.agentIds.length + agent]!++;
    if (decision.outcome === 'pending_confirmation') this.pendingConfirmation++;
    if (this.finalAgents !== null) this.finalAgents[ordinal] = agent;
    const row = this.dayRow(ZoneCalendar.day(this.calendar.dayHour(at)));
    row.byAgent[agent]!++;
    row.byRule[rule]!++;
  }

  private dayRow(day: number): DayRow {
    if (day === this.lastDay) return this.lastRow!;
    let row = this.days.get(day);
    if (row === undefined) {
      row = { byAgent: new Int32Array(this.agentIds.length), byRule: new Int32Array(this.ruleIds.length) };
      this.days.set(day, row);
    }
    this.lastDay = day;
    this.lastRow = row;
    return row;
  }

  private result(): ScenarioResult {
    const agentCount = this.agentIds.length;
    const assigned = this.assignedOnArrival + this.assignedOnRetry;
    const weights = ruleWeights(this.ruleSet);
    const takenByRule = new Map<string, Map<string, number>>();
    this.ruleIds.forEach((ruleId, r) => {
      const byAgent = new Map<string, number>();
      for (let a = 0; a < agentCount; a++) {
        const count = this.taken[r * agentCount + a]!;
        if (count > 0) byAgent.set(this.agentIds[a]!, count);
      }
      takenByRule.set(ruleId, byAgent);
    });
    const targets = fairTargets(weights, takenByRule);
    const dayNumbers = [...this.days.keys()];
    const firstDay = dayNumbers.length > 0 ? Math.min(...dayNumbers) : 0;
    const dayCount = dayNumbers.length > 0 ? Math.max(...dayNumbers) - firstDay + 1 : 0;
    const daily = (pick: (row: DayRow) => number): number[] =>
      Array.from({ length: dayCount }, (_, d) => {
        const row = this.days.get(firstDay + d);
        return row === undefined ? 0 : pick(row);
      });

    const agents: AgentOutcome[] = this.agents.map((agent, a) => {
      const byRule: Record<string, number> = {};
      let count = 0;
      this.ruleIds.forEach((ruleId, r) => {
        const taken = this.taken[r * agentCount + a]!;
        if (taken > 0) byRule[ruleId] = taken;
        count += taken;
      });
      const targetAssigned = targets.get(agent.id) ?? 0;
      const share = assigned === 0 ? 0 : count / assigned;
      const target = assigned === 0 ? 0 : targetAssigned / assigned;
      return {
        id: agent.id,
        name: typeof agent.name === 'string' ? agent.name : null,
        assigned: count,
        share,
        target,
        targetAssigned,
        deviation: share - target,
        byRule,
        daily: daily((row) => row.byAgent[a]!),
        onShiftHours: this.total === 0 ? 0 : onShiftHours(availabilityOf(agent, this.ruleSet.timeZone), this.firstAt, this.lastAt),
      };
    });

    const names = new Map<string, string>(this.ruleSet.rules.map((rule) => [rule.id, rule.name]));
    if (this.ruleSet.defaultRule) names.set(DEFAULT_RULE_ID, this.ruleSet.defaultRule.name);
    const rules: RuleOutcome[] = weights.map(({ ruleId, weights: ruleWeightMap }, r) => {
      const byAgent = takenByRule.get(ruleId)!;
      let count = 0;
      for (const taken of byAgent.values()) count += taken;
      return {
        id: ruleId,
        name: names.get(ruleId) ?? ruleId,
        assigned: count,
        share: assigned === 0 ? 0 : count / assigned,
        participants: [...ruleWeightMap].map(([id, weight]) => ({ id, weight })),
        served: [...ruleWeightMap.keys()].filter((id) => (byAgent.get(id) ?? 0) > 0),
        daily: daily((row) => row.byRule[r]!),
      };
    });

    let largestDeviation: AgentOutcome | null = null;
    if (assigned > 0) {
      for (const agent of agents) {
        if (largestDeviation === null || Math.abs(agent.deviation) > Math.abs(largestDeviation.deviation)) largestDeviation = agent;
      }
    }
    const unassignedByHour: ScenarioResult['unassignedByHour'] = {};
    REASONS.forEach((reason, i) => {
      if (this.arrivalUnassigned[i]! > 0) unassignedByHour[reason] = Array.from(this.hourly.subarray(i * 24, i * 24 + 24));
    });

    return {
      label: this.label,
      timeZone: this.ruleSet.timeZone,
      total: this.total,
      assigned,
      pendingConfirmation: this.pendingConfirmation,
      unassigned: reasonCounts(this.finalUnassigned),
      onArrival: { assigned: this.assignedOnArrival, unassigned: reasonCounts(this.arrivalUnassigned) },
      retry: { enabled: this.retry, retried: this.retried, assigned: this.assignedOnRetry, unassigned: reasonCounts(this.retryUnassigned) },
      agents,
      rules,
      largestDeviation,
      days: Array.from({ length: dayCount }, (_, d) => ZoneCalendar.dayKey(firstDay + d)),
      unassignedByHour,
      from: this.total === 0 ? null : new Date(this.firstAt),
      to: this.total === 0 ? null : new Date(this.lastAt),
    };
  }
}
