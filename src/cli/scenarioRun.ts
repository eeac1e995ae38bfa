import {
  type AgentSnapshot,
  type Assigner,
  type AssignerDecision,
  createAssigner,
  createWaitingQueue,
  DEFAULT_RULE_ID,
  type RuleSet,
  type UnassignedReason,
  type WaitingQueue,
} from '../index.js';
import { availabilityOf } from '../core/availability/availabilityOf.js';
import { ChangeQueue } from '../core/availability/changeQueue.js';
import { onShiftHours } from '../core/availability/onShiftHours.js';
import { fairTargets, ruleWeights } from './fairTargets.js';
import { QueueTimeline } from './queueTimeline.js';
import type { AgentOutcome, ReasonCounts, RuleOutcome, ScenarioResult, SimulationCustomer } from './simulationResult.js';
import { waitingTimes } from './waitingTimes.js';
import { ZoneCalendar } from './zoneCalendar.js';

/** Every unassigned reason, in a fixed order for the counters. */
const REASONS: readonly UnassignedReason[] = ['auto_disabled', 'already_assigned', 'pending_exists', 'no_rule_applies', 'outside_schedule', 'no_eligible_agent'];
const REASON_INDEX = new Map(REASONS.map((reason, i) => [reason, i]));
/**
 * After the last createdAt or endedAt, the clock runs on at most this long
 * while customers still wait (customers created on a Friday evening are
 * assigned on Monday morning), then the replay ends.
 */
const QUEUE_GRACE_MS = 7 * 24 * 3_600_000;
/** Agent index of a customer pending the agent's confirmation: not serving yet, so its end frees nothing. */
const PENDING = -2;

/** A customer the run still has to act on: one waiting in the queue, or one whose care ends later. */
interface Tracked {
  customer: SimulationCustomer;
  ordinal: number;
  /** The queue's id for it: the ordinal, zero-padded so that ids sort as lines do; lines repeating an id stay apart. */
  key: string;
  /** The serving agent's index; -1: none yet; `PENDING`. */
  agent: number;
  /** Index of the reason it found nobody on arrival; -1 when assigned on arrival. */
  arrivalReason: number;
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
 * One rule set being replayed: an assigner of its own, its waiting queue and
 * its counters. Customers must be fed in `createdAt` order. A customer who
 * finds nobody waits in the queue; the queue is drained (in its order:
 * priority, then the longest wait) whenever time alone can help — the
 * earliest `retryAt` of the waiting customers: a shift starts, a leave or a
 * rule's closed hours end, a cap resets — and when a care ends (`endedAt`)
 * and frees a slot. Care ends and drains due at or before an arrival run
 * first.
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
  private readonly retryAssigned = new Int32Array(REASONS.length);
  private readonly queue: WaitingQueue | null;
  /** Queued customers by queue id. */
  private readonly waiting = new Map<string, Tracked>();
  private readonly careEnds = new ChangeQueue<Tracked>();
  private readonly timeline: QueueTimeline;
  /** Per rule index, the waits (ms) of the customers it assigned. */
  private readonly waits: number[][];
  private readonly waitedByRule: Int32Array;
  private readonly notAssignedWaits: number[] = [];
  /** The instant of the last drain that decided every waiting customer. */
  private lastFullDrain = Number.NEGATIVE_INFINITY;
  /** The last instant the run has reached (arrivals, care ends, drains). */
  private clock = Number.NEGATIVE_INFINITY;
  private lastInput = Number.NEGATIVE_INFINITY;
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
   * @param retry - customers who find nobody wait in the queue (else the decision on arrival is final)
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
    this.queue = retry ? createWaitingQueue(ruleSet) : null;
    this.timeline = new QueueTimeline(this.calendar);
    this.waits = this.ruleIds.map(() => []);
    this.waitedByRule = new Int32Array(this.ruleIds.length);
  }

  /** Agent ids, in the order of the indexes written to `finalAgents`. */
  get agentOrder(): readonly string[] {
    return this.agentIds;
  }

  /** Replays one arriving customer, after the care ends and drains due at or before its creation. */
  arrive(customer: SimulationCustomer, ordinal: number): void {
    const at = customer.createdAt;
    this.runUntil(at);
    if (this.total === 0) this.firstAt = at;
    this.lastAt = at;
    this.clock = Math.max(this.clock, at);
    this.lastInput = Math.max(this.lastInput, at, customer.endedAt ?? at);
    this.total++;
    if (this.finalAgents !== null) this.finalAgents[ordinal] = -1;
    const decision = this.assigner.assign(customer, at);
    const tracked: Tracked = { customer, ordinal, key: String(ordinal).padStart(12, '0'), agent: -1, arrivalReason: -1 };
    if (decision.agentId !== null) {
      this.assignedOnArrival++;
      this.count(decision, at, tracked);
      if (customer.endedAt !== undefined) this.careEnds.push(customer.endedAt, tracked);
      return;
    }
    const reason = REASON_INDEX.get(decision.reason!)!;
    tracked.arrivalReason = reason;
    this.arrivalUnassigned[reason]!++;
    this.hourly[reason * 24 + ZoneCalendar.hour(this.calendar.dayHour(at))]!++;
    const entry = this.queue?.noteDecision({ id: tracked.key, kind: customer.kind, fields: customer.fields }, decision, at) ?? null;
    if (entry === null) {
      this.finalUnassigned[reason]!++;
      return;
    }
    this.retried++;
    this.waiting.set(tracked.key, tracked);
    this.timeline.note(at, this.waiting.size);
    if (customer.endedAt !== undefined) this.careEnds.push(customer.endedAt, tracked);
  }

  /** Runs the care ends and drains after the last arrival (for at most `QUEUE_GRACE_MS`) and returns the result. */
  finish(): ScenarioResult {
    if (this.total > 0) this.runUntil(this.lastInput + QUEUE_GRACE_MS);
    const end = Math.max(this.clock, this.lastInput);
    for (const tracked of this.waiting.values()) this.giveUp(tracked, end);
    return this.result();
  }

  /** Runs every care end and drain due at or before `until`, in time order. */
  private runUntil(until: number): void {
    for (;;) {
      const retryAt = this.queue === null || this.waiting.size === 0 ? null : (this.queue.earliestRetryAt()?.getTime() ?? null);
      // A retryAt no later than the last full drain would drain again at once: the next minute instead (defensive; decisions give later ones).
      const retry = retryAt === null ? null : retryAt > this.lastFullDrain ? retryAt : this.lastFullDrain + 60_000;
      const careEnd = this.careEnds.nextAt;
      const next = retry === null ? careEnd : careEnd === null ? retry : Math.min(retry, careEnd);
      if (next === null || next > until) return;
      this.clock = Math.max(this.clock, next);
      let freed = 0;
      this.careEnds.popDue(next, (tracked) => {
        if (tracked.agent >= 0) {
          this.assigner.release(this.agentIds[tracked.agent]!);
          freed++;
        } else if (this.waiting.has(tracked.key)) this.giveUp(tracked, next);
      });
      if (this.waiting.size === 0) continue;
      // Time alone can help (a shift starts, a rule opens, a cap resets): everybody is decided again.
      // A care end frees one slot each: the drain stops once they are taken, as nothing else changed.
      if (retry !== null && retry <= next) this.drain(next, undefined);
      else if (freed > 0) this.drain(next, freed);
    }
  }

  private drain(at: number, stopAfterAssigned: number | undefined): void {
    if (stopAfterAssigned === undefined) this.lastFullDrain = at;
    const steps = this.queue!.drain(this.assigner, at, {
      subjectOf: (subject) => this.waiting.get(subject.id)!.customer,
      // Freed capacity helps only those who found no eligible agent: it opens no closed rule.
      ...(stopAfterAssigned !== undefined && { stopAfterAssigned, reasons: ['no_eligible_agent'] }),
    });
    for (const { entry, decision } of steps) {
      if (decision.agentId === null) continue;
      const tracked = this.waiting.get(entry.subject.id)!;
      this.waiting.delete(tracked.key);
      this.assignedOnRetry++;
      this.retryAssigned[tracked.arrivalReason]!++;
      this.count(decision, at, tracked);
    }
    this.timeline.note(at, this.waiting.size);
  }

  /** A waiting customer who never gets an agent: its care ended, or the replay did. */
  private giveUp(tracked: Tracked, at: number): void {
    const subject = { id: tracked.key, kind: tracked.customer.kind };
    const last = this.queue!.get(subject)!.reason;
    const reason = REASON_INDEX.get(last as UnassignedReason) ?? tracked.arrivalReason;
    this.queue!.apply(subject, { type: 'leave' });
    this.retryUnassigned[reason]!++;
    this.finalUnassigned[reason]!++;
    this.waiting.delete(tracked.key);
    this.timeline.note(at, this.waiting.size);
    this.notAssignedWaits.push(at - tracked.customer.createdAt);
  }

  private count(decision: AssignerDecision, at: number, tracked: Tracked): void {
    const agent = this.agentIndex.get(decision.agentId!)!;
    const rule = this.ruleIndex.get(decision.ruleId!)!;
    this.taken[rule * this.agentIds.length + agent]!++;
    if (decision.outcome === 'pending_confirmation') this.pendingConfirmation++;
    tracked.agent = decision.outcome === 'pending_confirmation' ? PENDING : agent;
    if (this.finalAgents !== null) this.finalAgents[tracked.ordinal] = agent;
    const wait = at - tracked.customer.createdAt;
    this.waits[rule]!.push(wait);
    if (tracked.arrivalReason >= 0) this.waitedByRule[rule]!++;
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

  private waitingOutcome(): ScenarioResult['waiting'] {
    const byRule: ScenarioResult['waiting']['byRule'] = {};
    this.ruleIds.forEach((ruleId, r) => {
      byRule[ruleId] = waitingTimes(this.waits[r]!, this.waitedByRule[r]!);
    });
    let waited = 0;
    for (const n of this.waitedByRule) waited += n;
    const end = this.total === 0 ? null : Math.max(this.clock, this.lastInput);
    return {
      byRule,
      assigned: waitingTimes(this.waits.flat(), waited),
      notAssigned: waitingTimes(this.notAssignedWaits, this.notAssignedWaits.length),
      length: this.timeline.length(this.total === 0 ? null : this.firstAt, end, this.waiting.size),
      endedAt: end === null ? null : new Date(end),
    };
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
      retry: {
        enabled: this.retry,
        retried: this.retried,
        assigned: this.assignedOnRetry,
        unassigned: reasonCounts(this.retryUnassigned),
        assignedByReason: reasonCounts(this.retryAssigned),
      },
      waiting: this.waitingOutcome(),
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
