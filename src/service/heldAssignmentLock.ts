import { sameData } from './sameData.js';
import { carryCheckedSnapshots } from '../core/input/checkAgentSnapshots.js';
import { AgentTable } from '../core/pick/agentTable.js';
import { PERIODS } from '../core/ruleset/types.js';
import type { AgentSnapshot, RuleState, ServingCounts } from '../core/types.js';
import type { ChangeSet, PeriodRanges } from '../ports.js';
import { participantSnapshots } from './participantSnapshots.js';
import { periodRangesAt } from './periodRangesAt.js';
import type { TransactionCall } from './serviceContext.js';

/**
 * The assignment lock as one transaction holds it, with the rule state and
 * the participants' snapshots as this transaction's decisions so far have left
 * them. Taken once per transaction (`lockAssignment`, then `agentSnapshots` in
 * the current periods); after each decision, `record` adds that decision's
 * counter changes and rule state, so the next decision of the same
 * transaction sees exactly what it would read from the store had the first
 * one committed before it: a counter change counts in a snapshot when its
 * bucket is the snapshot's period (as the store counts it), and in
 * `serving.total` always; an `assigned` change moves the agent's
 * `lastAssignedAt` on to its `at` (as the store keeps it).
 *
 * Copy on write: every decision gets arrays and snapshots of its own, because
 * a result computes its trace later from the inputs it was given; each copy
 * inherits the engine's participant index of the array before it
 * (`AgentTable.carry`), so skill-group selectors are matched once per
 * transaction, not once per decision of a group.
 *
 * @internal
 * @example
 * ```ts
 * const lock = await HeldAssignmentLock.take(call);
 * const result = assignCustomer({ ruleSet, subject, agents: lock.agents, ruleState: lock.ruleState, now });
 * builder.addAssignment(result);
 * lock.record(builder.build());
 * ```
 */
export class HeldAssignmentLock {
  #ruleState: Record<string, RuleState>;
  #agents: readonly AgentSnapshot[];
  readonly #periods: PeriodRanges;
  readonly #positions: Map<string, number>;

  private constructor(ruleState: Record<string, RuleState>, agents: readonly AgentSnapshot[], periods: PeriodRanges) {
    this.#ruleState = ruleState;
    this.#agents = agents;
    this.#periods = periods;
    this.#positions = new Map(agents.map((agent, index) => [agent.id, index]));
  }

  /**
   * Takes the store's assignment lock, then reads the rule state and the
   * snapshots of every participant of the rule set (skill-group members
   * included, `participantSnapshots`) in the periods of
   * `call.now` (the lock first: counts read before it could be stale by the
   * time the decision commits).
   *
   * @param call - the transaction attempt
   * @returns the held lock
   */
  static async take(call: TransactionCall): Promise<HeldAssignmentLock> {
    const ruleState = await call.tx.lockAssignment();
    const periods = periodRangesAt(call.ruleSet, call.now);
    const agents = await participantSnapshots(call.tx, call.ruleSet, periods);
    return new HeldAssignmentLock(ruleState, agents, periods);
  }

  /**
   * What a transaction that takes the lock right after this one commits
   * would read, if nobody else changed counts or rule state meanwhile — for
   * deciding the next batch ahead of its transaction (`autoAssignMany`),
   * whose reading is then checked with `sameAs`. Null when `now` falls in
   * other periods (their counts are not known here).
   *
   * @param ruleSet - the rule set of the next transaction
   * @param now - its clock reading
   * @returns the expected lock, or null
   */
  expectedNext(ruleSet: TransactionCall['ruleSet'], now: Date): HeldAssignmentLock | null {
    const periods = periodRangesAt(ruleSet, now);
    for (const period of PERIODS) if (periods[period].start.getTime() !== this.#periods[period].start.getTime()) return null;
    // A new array: the decisions' tables chain each copy to the one before (within a transaction), and a chain running on from batch to batch would keep every batch's snapshots alive.
    return new HeldAssignmentLock(this.#ruleState, [...this.#agents], periods);
  }

  /**
   * A copy to decide on: its `record` leaves this one as it is.
   *
   * @returns the copy
   */
  fork(): HeldAssignmentLock {
    return new HeldAssignmentLock(this.#ruleState, this.#agents, this.#periods);
  }

  /**
   * Whether another lock holds the same rule state and snapshots (as data):
   * then any decision made on one is the one the other would make.
   *
   * @param other - a lock taken later
   * @returns true when the same
   */
  sameAs(other: HeldAssignmentLock): boolean {
    return sameData(this.#ruleState, other.#ruleState) && sameData(this.#agents, other.#agents);
  }

  /** The rule state as the next decision must see it. */
  get ruleState(): Record<string, RuleState> {
    return this.#ruleState;
  }

  /** The participants' snapshots as the next decision must see them. */
  get agents(): readonly AgentSnapshot[] {
    return this.#agents;
  }

  /**
   * Adds a decision's changes, as they will be committed, to what later
   * decisions of this transaction see.
   *
   * @param changes - the decision's change set (its counters and rule state are used)
   * @returns nothing
   */
  record(changes: Pick<ChangeSet, 'counters' | 'ruleState'>): void {
    if (changes.ruleState.length > 0) {
      const next = { ...this.#ruleState };
      for (const { ruleId, state } of changes.ruleState) next[ruleId] = state;
      this.#ruleState = next;
    }
    if (changes.counters.length === 0) return;
    const agents = [...this.#agents];
    const copied = new Set<number>();
    for (const change of changes.counters) {
      const index = this.#positions.get(change.agentId);
      if (index === undefined) continue;
      if (!copied.has(index)) {
        agents[index] = copySnapshot(agents[index]!);
        copied.add(index);
      }
      const agent = agents[index]!;
      for (const period of PERIODS) {
        if (change.buckets[period].getTime() !== this.#periods[period].start.getTime()) continue;
        if (change.counter === 'assigned') agent.assigned![period] = (agent.assigned![period] ?? 0) + change.delta;
        else if (typeof agent.serving === 'object') agent.serving[period] = (agent.serving[period] ?? 0) + change.delta;
      }
      if (change.counter === 'serving') {
        if (typeof agent.serving === 'number') agent.serving += change.delta;
        else agent.serving!.total = (agent.serving!.total ?? 0) + change.delta;
      } else if (change.delta > 0 && isLater(change.at, agent.lastAssignedAt)) {
        agent.lastAssignedAt = new Date(change.at.getTime());
      }
    }
    // Same ids, same profiles, new counts: the next decision reuses this one's participant matches.
    AgentTable.carry(this.#agents, agents);
    // Only counts changed, by this lock: the snapshots were checked when the first decision met them.
    carryCheckedSnapshots(this.#agents, agents);
    this.#agents = agents;
  }
}

/** Whether `at` is after `last` (null or absent: never assigned). */
function isLater(at: Date, last: AgentSnapshot['lastAssignedAt']): boolean {
  return last === null || last === undefined || at.getTime() > new Date(last).getTime();
}

/** A snapshot whose counts can change without touching the original. */
function copySnapshot(agent: AgentSnapshot): AgentSnapshot {
  const serving: number | ServingCounts = typeof agent.serving === 'number' ? agent.serving : { ...agent.serving };
  return { ...agent, assigned: { ...agent.assigned }, serving };
}
