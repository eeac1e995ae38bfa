import { ruleChangeJson } from './ruleChangeJson.js';
import type { ScenarioResult, SimulationResult } from './simulationResult.js';

/** Shares are fractions; six decimals are more than a report needs and keep the JSON readable. */
const round = (value: number): number => Math.round(value * 1e6) / 1e6;

function scenarioJson(scenario: ScenarioResult) {
  const perAgent: Record<string, object> = {};
  for (const agent of scenario.agents) {
    perAgent[agent.id] = {
      assigned: agent.assigned,
      share: round(agent.share),
      target: round(agent.target),
      targetAssigned: round(agent.targetAssigned),
      deviation: round(agent.deviation),
      onShiftHours: Math.round(agent.onShiftHours * 100) / 100,
      ...(agent.name !== null && { name: agent.name }),
      byRule: agent.byRule,
    };
  }
  const byRule: Record<string, number> = {};
  for (const rule of scenario.rules) byRule[rule.id] = rule.assigned;
  const largest = scenario.largestDeviation;
  return {
    rules: scenario.label,
    timeZone: scenario.timeZone,
    from: scenario.from?.toISOString() ?? null,
    to: scenario.to?.toISOString() ?? null,
    total: scenario.total,
    assigned: scenario.assigned,
    pendingConfirmation: scenario.pendingConfirmation,
    perAgent,
    unassigned: scenario.unassigned,
    onArrival: scenario.onArrival,
    retry: scenario.retry,
    byRule,
    largestDeviation:
      largest === null
        ? null
        : { agentId: largest.id, share: round(largest.share), target: round(largest.target), deviation: round(largest.deviation) },
  };
}

/**
 * The machine-readable form of a simulation (`simulate --format json`):
 * `{ total, perAgent: { id: { assigned, share, target, onShiftHours, … } }, unassigned: { reason: n },
 * byRule: { ruleId: n }, … }` for the rule set, and with a second rule set a
 * `compare` object of the same shape plus `changes` (the customers that
 * change hands) and `ruleChanges` (what changed in the rules, as
 * `dedicated-agent diff --format json` lists it). `unassigned` counts the
 * customers without an agent in the end; `onArrival` and `retry` tell how
 * many a closed schedule turned away and how many a retry then assigned.
 *
 * @param result - what `simulate` returned
 * @returns a JSON-serialisable object
 * @example
 * ```ts
 * console.log(JSON.stringify(simulationJson(result), null, 2));
 * ```
 */
export function simulationJson(result: SimulationResult): object {
  const [main, other] = result.scenarios;
  return {
    ...scenarioJson(main!),
    ...(other !== undefined && {
      compare: { ...scenarioJson(other), changes: result.changes, ruleChanges: (result.ruleChanges ?? []).map(ruleChangeJson) },
    }),
  };
}
