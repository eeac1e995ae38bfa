import type { CompiledRule, CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { participantsOf } from '../pick/participantsOf.js';
import { localParts } from '../time/localParts.js';
import type { AgentSnapshot } from '../types.js';
import { localDate } from './localDate.js';
import type { AgentStats, AssignmentStats, DayStatsRow, HourStatsRow, RuleShare, RuleStats, RuleStatsRow, StatsQuery, StoreStats } from './types.js';

/** At most this many days are filled in (about 27 years); a longer window lists the days with records only. */
const MAX_FILLED_DAYS = 10_000;

/**
 * Turns what a store aggregated into `svc.stats`'s result: agents by id with
 * their acceptance rate; rules in the rule set's order, each participant's
 * share of the rule's automatic assignments against the share its weights
 * ask for, and the largest deviation; every local day of the window (days
 * without records as zeros) and all 24 hours. Pure: the agents are given.
 *
 * @param stored - the store's figures for `query`
 * @param query - the query the store answered
 * @param ruleSet - the current rule set (rule names, participants, weights)
 * @param agents - the agents' profiles, for the participants skill-group selectors bring (may be empty when no rule has one)
 * @returns the statistics
 * @example
 * ```ts
 * const stored = await store.assignmentStats!(query);
 * statsReport(stored, query, compileRuleSet(ruleSet), []).rules?.[0]?.maxDeviation; // 0.02
 * ```
 */
export function statsReport(stored: StoreStats, query: StatsQuery, ruleSet: CompiledRuleSet, agents: readonly AgentSnapshot[]): AssignmentStats {
  const stats: AssignmentStats = { from: query.from, to: query.to, timeZone: query.timeZone, records: stored.records };
  if (stored.agents !== undefined) {
    stats.agents = [...stored.agents]
      .sort((a, b) => compareIds(a.agentId, b.agentId))
      .map((row): AgentStats => ({ ...row, acceptanceRate: row.asked === 0 ? null : row.confirmed / row.asked }));
  }
  if (stored.rules !== undefined) stats.rules = ruleStats(stored.rules, ruleSet, agents);
  if (stored.types !== undefined) stats.types = { ...stored.types };
  if (stored.statuses !== undefined) stats.statuses = { ...stored.statuses };
  if (stored.days !== undefined) stats.days = everyDay(stored.days, query);
  if (stored.hours !== undefined) {
    const byHour = new Map(stored.hours.map((row) => [row.hour, row]));
    stats.hours = Array.from({ length: 24 }, (_, hour): HourStatsRow => byHour.get(hour) ?? { hour, records: 0, auto: 0, manual: 0, application: 0 });
  }
  return stats;
}

function ruleStats(rows: readonly RuleStatsRow[], ruleSet: CompiledRuleSet, agents: readonly AgentSnapshot[]): RuleStats[] {
  const rules = ruleSet.defaultRule === null ? ruleSet.rules : [...ruleSet.rules, ruleSet.defaultRule];
  const order = new Map(rules.map((rule, index) => [rule.id, index]));
  const known = new Map(rules.map((rule) => [rule.id, rule]));
  return [...rows]
    .sort((a, b) => (order.get(a.ruleId) ?? rules.length) - (order.get(b.ruleId) ?? rules.length) || compareIds(a.ruleId, b.ruleId))
    .map((row) => ruleShares(row, known.get(row.ruleId) ?? null, agents));
}

function ruleShares(row: RuleStatsRow, rule: CompiledRule | null, agents: readonly AgentSnapshot[]): RuleStats {
  const weights = rule === null ? new Map<string, number>() : participantWeights(rule, agents);
  const took = new Map(row.agents.filter((agent) => agent.assignments > 0).map((agent) => [agent.agentId, agent.assignments]));
  let servedWeight = 0;
  for (const agentId of took.keys()) servedWeight += weights.get(agentId) ?? 0;
  const participants: RuleShare[] = [...took.entries()].map(([agentId, assignments]) => {
    const share = assignments / row.assignments;
    const targetShare = servedWeight === 0 ? 0 : (weights.get(agentId) ?? 0) / servedWeight;
    return { agentId, assignments, share, targetShare, deviation: share - targetShare };
  });
  for (const agentId of weights.keys()) {
    if (!took.has(agentId)) participants.push({ agentId, assignments: 0, share: 0, targetShare: 0, deviation: 0 });
  }
  participants.sort((a, b) => b.assignments - a.assignments || compareIds(a.agentId, b.agentId));
  const maxDeviation = participants.reduce((largest, participant) => Math.max(largest, Math.abs(participant.deviation)), 0);
  return { ruleId: row.ruleId, ruleName: rule?.name ?? null, assignments: row.assignments, participants, maxDeviation };
}

/** Each participant's weight in the rule (1 unless proportional); an agent listed twice, or brought twice, adds up. */
function participantWeights(rule: CompiledRule, agents: readonly AgentSnapshot[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (id: string, weight: number) => {
    weights.set(id, (weights.get(id) ?? 0) + weight);
  };
  rule.agentIds.forEach((id, index) => {
    add(id, rule.weights[index]!);
  });
  if (rule.selectors.length === 0) return weights;
  const selectorWeight = new Map(rule.selectors.map((selector) => [selector.index, selector.weight]));
  for (const { id, via } of participantsOf(rule, agents)) if (via !== -1) add(id, selectorWeight.get(via)!);
  return weights;
}

function everyDay(rows: readonly DayStatsRow[], query: StatsQuery): DayStatsRow[] {
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  const first = fromMs < toMs ? localParts(fromMs, query.timeZone).dayNumber : 0;
  const last = fromMs < toMs ? localParts(toMs - 1, query.timeZone).dayNumber : -1;
  if (last - first >= MAX_FILLED_DAYS) return [...rows].sort((a, b) => (a.date < b.date ? -1 : 1));
  const days: DayStatsRow[] = [];
  for (let day = first; day <= last; day++) {
    const date = localDate(day);
    const row = byDate.get(date);
    days.push(row === undefined ? { date, records: 0, auto: 0, manual: 0, application: 0, agents: {} } : { ...row, agents: { ...row.agents } });
  }
  return days;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
