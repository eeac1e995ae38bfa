import { type AgentSnapshot, diffRuleSets, type RuleSet } from '../index.js';
import { ScenarioRun } from './scenarioRun.js';
import type { ChangeSummary, CustomerChange, SimulationCustomer, SimulationResult } from './simulationResult.js';

/** A rule set to replay, and the name it is reported under. */
export interface SimulationScenario {
  label: string;
  /** A validated rule set (`validateRuleSet(...).ruleSet`). */
  ruleSet: RuleSet;
}

/** Inputs of `simulate`. */
export interface SimulationInput {
  /** One rule set, or two to compare (the first is the current one, the second the proposal). */
  scenarios: readonly SimulationScenario[];
  /** The agents every scenario starts from; each scenario works on its own copy. */
  agents: readonly (AgentSnapshot & { name?: string })[];
  /** The customers, in `createdAt` order. */
  customers: Iterable<SimulationCustomer>;
  /** Customers who find nobody wait in the queue until an agent can take them (default true); false: the decision on arrival is final. */
  queue?: boolean;
  /** How many changed customers to list by id (default 10). */
  changeSampleSize?: number;
  /** How many most frequent moves to list (default 10). */
  flowCount?: number;
  /** Called every `PROGRESS_EVERY` customers with the number replayed so far. */
  onProgress?: (customers: number) => void;
}

/** Customers between two `onProgress` calls. */
export const PROGRESS_EVERY = 8192;

function changeSummary(
  ids: readonly string[],
  agentIds: readonly string[],
  first: readonly number[],
  second: readonly number[],
  sampleSize: number,
  flowCount: number,
): ChangeSummary {
  const sample: CustomerChange[] = [];
  const flows = new Map<string, { from: string | null; to: string | null; count: number }>();
  let count = 0;
  for (let i = 0; i < ids.length; i++) {
    if (first[i] === second[i]) continue;
    count++;
    const from = first[i]! < 0 ? null : agentIds[first[i]!]!;
    const to = second[i]! < 0 ? null : agentIds[second[i]!]!;
    if (sample.length < sampleSize) sample.push({ id: ids[i]!, from, to });
    const key = `${first[i]}>${second[i]}`;
    const flow = flows.get(key);
    if (flow === undefined) flows.set(key, { from, to, count: 1 });
    else flow.count++;
  }
  const top = [...flows.values()].sort((a, b) => b.count - a.count).slice(0, flowCount);
  return { count, sample, flows: top };
}

/**
 * Replays a stream of customers through one rule set, or two side by side,
 * with `createAssigner`: each customer is decided at its `createdAt`, so
 * schedules, holidays, period roll-overs and capacity act as they would in
 * production. A customer who finds nobody (`no_eligible_agent`,
 * `outside_schedule`) waits in the queue, in priority order then the longest
 * wait, until an agent comes on shift, a rule opens, a cap resets or a care
 * ends (`endedAt`: the agent's `serving` drops, capacity frees) — unless
 * `queue` is false; the decision on arrival, the final outcome, waiting
 * times per rule and the queue's length over time are reported. A customer
 * without `endedAt` is never released, so `serving` only grows.
 *
 * @param input - rule sets, agents, customers and options
 * @returns per rule set the distribution, and with two rule sets the customers that change hands and the changes of the rules
 * @throws RangeError when a `createdAt` is not a number, an `endedAt` is before it, or customers are not in `createdAt` order; RuleSetError from the core for an invalid rule set
 * @example
 * ```ts
 * const result = simulate({
 *   scenarios: [{ label: 'rules.json', ruleSet }],
 *   agents,
 *   customers: [{ id: 'c-1', createdAt: Date.parse('2026-10-08T09:30:00+08:00'), fields: { region: '北京' } }],
 * });
 * result.scenarios[0].agents.map((a) => [a.id, a.assigned, a.share, a.target]);
 * ```
 */
export function simulate(input: SimulationInput): SimulationResult {
  const { scenarios, agents } = input;
  if (scenarios.length < 1 || scenarios.length > 2) throw new RangeError('simulate takes one rule set, or two to compare');
  const comparing = scenarios.length === 2;
  const retry = input.queue ?? true;
  const finals: number[][] = scenarios.map(() => []);
  const runs = scenarios.map((scenario, i) => new ScenarioRun(scenario.label, scenario.ruleSet, agents, retry, comparing ? finals[i]! : null));
  const ids: string[] = [];
  const onProgress = input.onProgress;
  let ordinal = 0;
  let previous = Number.NEGATIVE_INFINITY;
  let previousId = '';
  for (const customer of input.customers) {
    if (!Number.isFinite(customer.createdAt)) throw new RangeError(`customer "${customer.id}" has no valid createdAt (epoch milliseconds)`);
    if (customer.createdAt < previous) {
      throw new RangeError(
        `customers must come in createdAt order: "${customer.id}" (${new Date(customer.createdAt).toISOString()}) comes after "${previousId}" (${new Date(previous).toISOString()})`,
      );
    }
    if (customer.endedAt !== undefined && !(customer.endedAt >= customer.createdAt)) {
      throw new RangeError(`customer "${customer.id}" has an endedAt that is not an instant at or after its createdAt`);
    }
    previous = customer.createdAt;
    previousId = customer.id;
    for (const run of runs) run.arrive(customer, ordinal);
    if (comparing) ids.push(customer.id);
    ordinal++;
    if (onProgress !== undefined && ordinal % PROGRESS_EVERY === 0) onProgress(ordinal);
  }
  const results = runs.map((run) => run.finish());
  const changes = comparing
    ? changeSummary(ids, runs[0]!.agentOrder, finals[0]!, finals[1]!, input.changeSampleSize ?? 10, input.flowCount ?? 10)
    : null;
  // The same list `dedicated-agent diff` prints, so both commands agree on what changed.
  const ruleChanges = comparing ? diffRuleSets(scenarios[0]!.ruleSet, scenarios[1]!.ruleSet) : null;
  return { scenarios: results, changes, ruleChanges };
}
