import { ruleChangeJson } from './ruleChangeJson.js';
import type { ScenarioResult, SimulationResult, WaitingOutcome, WaitingTimes } from './simulationResult.js';

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
    waiting: waitingJson(scenario.waiting),
    byRule,
    largestDeviation:
      largest === null
        ? null
        : { agentId: largest.id, share: round(largest.share), target: round(largest.target), deviation: round(largest.deviation) },
  };
}

function timesJson(times: WaitingTimes) {
  return { customers: times.customers, waited: times.waited, p50Ms: times.p50, p95Ms: times.p95, maxMs: times.max };
}

/** The waiting figures: milliseconds, percentiles by nearest rank; the queue's longest length per local hour. */
function waitingJson(waiting: WaitingOutcome) {
  const byRule: Record<string, ReturnType<typeof timesJson>> = {};
  for (const [ruleId, times] of Object.entries(waiting.byRule)) byRule[ruleId] = timesJson(times);
  const { length } = waiting;
  return {
    percentiles: 'nearest rank',
    byRule,
    assigned: timesJson(waiting.assigned),
    notAssigned: timesJson(waiting.notAssigned),
    queueLength: { maximum: length.maximum, maximumAt: length.maximumAt?.toISOString() ?? null, atEnd: length.atEnd, from: length.from, hourly: length.hourly },
    endedAt: waiting.endedAt?.toISOString() ?? null,
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
 * many found nobody on arrival and how many the waiting queue then assigned;
 * `waiting` gives waiting times per rule (`byRule`: p50Ms, p95Ms, maxMs by
 * nearest rank, 0 for a customer assigned on arrival) and the queue's length
 * (`queueLength.hourly`: the longest queue per local hour from `from`).
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
