import { assignCustomer } from '../assign.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { PERIODS } from '../ruleset/types.js';
import type { AgentSnapshot, RuleState, SubjectRef } from '../types.js';
import type { SubjectFilter } from './compileSubjectFilter.js';
import { skipReasonOf } from './skipReasonOf.js';
import type { GovernanceMove, GovernanceSkip, PortfolioEntry } from './types.js';

/** Inputs of `planTransfer`, already read and checked. */
export interface TransferPlanInput {
  ruleSet: CompiledRuleSet;
  /** The agent whose subjects move. */
  from: string;
  /** A named agent, or `'rules'`: whoever the rules pick with `from` excluded. */
  to: string;
  /** Which of `from`'s subjects move (`compileSubjectFilter`). */
  where: SubjectFilter;
  /** The most subjects to move (skipped ones do not count). */
  limit: number;
  /** The subjects to consider (those whose agent is not `from` are ignored), in any order. */
  portfolio: readonly PortfolioEntry[];
  /** With `to: 'rules'`: the participants' snapshots, as the assignment lock reads them now. */
  agents: readonly AgentSnapshot[];
  /** With `to: 'rules'`: the rule state, as the assignment lock reads it now. */
  ruleState: Readonly<Record<string, RuleState>>;
  now: Date;
}

/** The moves of a transfer, in the order they are made, and the subjects in scope that stay. */
export interface TransferPlan {
  moves: GovernanceMove[];
  skipped: GovernanceSkip[];
  /** The subjects decided (moved or skipped), in order: the ones a real run goes through. */
  considered: SubjectRef[];
}

/**
 * Plans a portfolio transfer (批量转移): which of `from`'s subjects move, and
 * to whom, in order. Pure: the service's dry run returns it, and its real run
 * makes the same decisions live, one transaction per subject.
 *
 * Policy:
 * - In scope: the subjects whose agent is `from` and whose fields pass
 *   `where`, taken by kind then id. One with a pending record is skipped
 *   (`pending_exists`): a bulk move never overrides a request in flight.
 * - `to` a named agent: every other subject in scope moves to it, as an
 *   admin's manual assignment would (capacity is the admin's call).
 * - `to: 'rules'`: each subject goes through the rules as a reassignment
 *   with `from` excluded (`assignCustomer` with `reassign`), so rule order,
 *   conditions, schedules, capacity, shifts, leave and caps apply. Between
 *   decisions the state moves on exactly as the service commits it: the
 *   rule's round-robin state, the receiver's `assigned` counts and
 *   `lastAssignedAt` (a rule's pick counts as the rule's assignment), and —
 *   when the manual record is effective at once — its `serving` counts.
 *   (`from` is excluded from every decision, so its counts never matter.)
 *   A subject for which the rules find nobody stays, with the reason.
 * - At most `limit` subjects move; planning stops there.
 *
 * @param input - rule set, from, to, filter, limit, portfolio, participants, rule state, now
 * @returns the moves in order, and the subjects in scope that stay
 * @example
 * ```ts
 * const plan = planTransfer({ ruleSet, from: 'li-lei', to: 'rules', where: () => true, limit: Infinity,
 *   portfolio, agents, ruleState: {}, now: new Date() });
 * plan.moves; // [{ subject: { id: 'c-1', kind: 'customer' }, from: 'li-lei', to: 'han-meimei', ruleId: 'north' }, …]
 * ```
 */
export function planTransfer(input: TransferPlanInput): TransferPlan {
  const { ruleSet, from, to, where, limit, now } = input;
  const nowMs = now.getTime();
  const scope = input.portfolio.filter((entry) => entry.agentId === from && where(entry.fields, nowMs));
  scope.sort((a, b) => compareRefs(a.subject, b.subject));
  const plan: TransferPlan = { moves: [], skipped: [], considered: [] };
  let agents = input.agents;
  let ruleState = input.ruleState;
  const effectiveAtOnce = !ruleSet.settings.manual.agentConfirmation;
  for (const entry of scope) {
    if (plan.moves.length >= limit) break;
    const subject = { id: entry.subject.id, kind: entry.subject.kind };
    plan.considered.push(subject);
    if (entry.pending !== null) {
      plan.skipped.push({ subject, reason: 'pending_exists' });
      continue;
    }
    if (to !== 'rules') {
      plan.moves.push({ subject, from, to, ruleId: null });
      continue;
    }
    const decision = assignCustomer({
      ruleSet,
      subject: { ...subject, fields: entry.fields, agentId: from, previousAgentId: entry.previousAgentId, pending: false },
      agents,
      ruleState,
      now,
      reassign: true,
      excludeAgentIds: [from],
    });
    if (decision.agentId === null) {
      plan.skipped.push({ subject, reason: skipReasonOf(decision.reason) });
      continue;
    }
    plan.moves.push({ subject, from, to: decision.agentId, ruleId: decision.ruleId });
    ruleState = decision.ruleState;
    agents = agents.map((agent) => (agent.id === decision.agentId ? received(agent, now, effectiveAtOnce) : agent));
  }
  return plan;
}

/** The receiver's snapshot after a rule's pick: one more assignment now, and one more in care when the record is effective. */
function received(agent: AgentSnapshot, now: Date, inCare: boolean): AgentSnapshot {
  const assigned = { ...agent.assigned };
  for (const period of PERIODS) assigned[period] = (assigned[period] ?? 0) + 1;
  let serving = agent.serving;
  if (inCare) {
    if (typeof serving === 'object') {
      const counts = { ...serving };
      for (const period of PERIODS) counts[period] = (counts[period] ?? 0) + 1;
      counts.total = (counts.total ?? 0) + 1;
      serving = counts;
    } else {
      serving = (serving ?? 0) + 1;
    }
  }
  return { ...agent, assigned, lastAssignedAt: new Date(now.getTime()), ...(serving === undefined ? {} : { serving }) };
}

function compareRefs(a: SubjectRef, b: SubjectRef): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
