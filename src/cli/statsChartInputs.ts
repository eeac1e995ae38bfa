import type { AssignmentStats } from '../index.js';
import type { DailyChartInput } from './dailyChart.js';
import type { ShareChartInput } from './shareChart.js';

/** The record types, bottom first, as the daily chart's series. */
const TYPE_SERIES = ['auto', 'manual', 'application'] as const;

/**
 * What the simulator's charts draw, taken from committed statistics: the
 * share chart's bars (each agent's automatic assignments split by rule, its
 * fair target the sum over the rules of the rule's assignments times the
 * share the rule's weights ask for) and the daily chart's stacks (records
 * per local day by type).
 *
 * @param stats - `svc.stats` with the rule and day sections
 * @returns the inputs of `shareChart` and `dailyChart`
 * @example
 * ```ts
 * const { share, daily } = statsChartInputs(await svc.stats({ from, to }));
 * shareChart(share, ruleColours(share.rules.map((rule) => rule.id)));
 * ```
 */
export function statsChartInputs(stats: AssignmentStats): { share: ShareChartInput; daily: DailyChartInput } {
  const rules = stats.rules ?? [];
  const assigned = rules.reduce((sum, rule) => sum + rule.assignments, 0);
  const agents = new Map<string, { byRule: Record<string, number>; assigned: number; targetAssigned: number }>();
  for (const rule of rules) {
    for (const participant of rule.participants) {
      const agent = agents.get(participant.agentId) ?? { byRule: {}, assigned: 0, targetAssigned: 0 };
      if (participant.assignments > 0) agent.byRule[rule.ruleId] = participant.assignments;
      agent.assigned += participant.assignments;
      agent.targetAssigned += rule.assignments * participant.targetShare;
      agents.set(participant.agentId, agent);
    }
  }
  const share: ShareChartInput = {
    assigned,
    rules: rules.map((rule) => ({ id: rule.ruleId })),
    agents: [...agents.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, agent]) => ({
        id,
        name: null,
        byRule: agent.byRule,
        assigned: agent.assigned,
        targetAssigned: agent.targetAssigned,
        share: assigned === 0 ? 0 : agent.assigned / assigned,
        target: assigned === 0 ? 0 : agent.targetAssigned / assigned,
      })),
  };
  const days = stats.days ?? [];
  const daily: DailyChartInput = {
    days: days.map((day) => day.date),
    rules: TYPE_SERIES.map((type) => ({ id: type, daily: days.map((day) => day[type]) })),
  };
  return { share, daily };
}
