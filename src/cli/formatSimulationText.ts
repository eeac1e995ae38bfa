import type { UnassignedReason } from '../index.js';
import { formatLocalTime } from './formatLocalTime.js';
import type { AgentOutcome, ReasonCounts, ScenarioResult, SimulationResult } from './simulationResult.js';
import { textTable } from './textTable.js';

const REASON_WORDS: Record<UnassignedReason, string> = {
  auto_disabled: 'automatic assignment disabled',
  already_assigned: 'already assigned',
  pending_exists: 'pending record exists',
  no_rule_applies: 'no rule applies',
  outside_schedule: 'every matching rule closed',
  no_eligible_agent: 'no eligible agent',
};

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
const hours = (n: number): string => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} h`;
const points = (fraction: number): string => {
  const shown = Math.abs(fraction * 100).toFixed(2);
  // No sign on a deviation that rounds to zero: "−0.00" reads as a problem.
  return `${shown === '0.00' ? ' ' : fraction > 0 ? '+' : '−'}${shown} pt`;
};

function agentName(agent: { id: string; name: string | null }): string {
  return agent.name === null ? agent.id : `${agent.name} (${agent.id})`;
}

function total(counts: ReasonCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
}

function header(result: SimulationResult, lines: string[]): void {
  const first = result.scenarios[0]!;
  const span =
    first.from === null
      ? 'no customers'
      : `${count(first.total)} customers created ${formatLocalTime(first.from, first.timeZone)} – ${formatLocalTime(first.to!, first.timeZone)} (${first.timeZone})`;
  lines.push(`Simulated ${span}`);
  result.scenarios.forEach((scenario, i) => {
    const tag = result.scenarios.length > 1 ? `${'AB'[i]} = ` : '';
    const retried = scenario.retry.enabled ? `, ${count(scenario.retry.assigned)} of them on retry at retryAt` : '';
    lines.push(
      `${tag}${scenario.label}: assigned ${count(scenario.assigned)} (${percent(scenario.total === 0 ? 0 : scenario.assigned / scenario.total)})${retried}; not assigned ${count(total(scenario.unassigned))}`,
    );
  });
}

function deviationSentence(agent: AgentOutcome | null): string {
  if (agent === null) return 'nobody was assigned';
  const relative = agent.targetAssigned > 0 ? `, ${percent(Math.abs(agent.assigned / agent.targetAssigned - 1))} ${agent.assigned >= agent.targetAssigned ? 'more' : 'fewer'} customers than fair` : '';
  return `${agentName(agent)} got ${percent(agent.share)} against a target of ${percent(agent.target)} (${points(agent.deviation)}${relative})`;
}

function agentTable(scenarios: readonly ScenarioResult[], lines: string[]): void {
  const many = scenarios.length > 1;
  const titles = many
    ? scenarios.flatMap((_, i) => [`${'AB'[i]} assigned`, 'share', 'target', 'deviation', 'on shift'])
    : ['Assigned', 'Share', 'Target', 'Deviation', 'On shift'];
  const rows = scenarios[0]!.agents.map((agent, a) => [
    agentName(agent),
    ...scenarios.flatMap((scenario) => {
      const outcome = scenario.agents[a]!;
      return [count(outcome.assigned), percent(outcome.share), percent(outcome.target), points(outcome.deviation), hours(outcome.onShiftHours)];
    }),
    ...(many ? [signed(scenarios[1]!.agents[a]!.assigned - agent.assigned)] : []),
  ]);
  const header = ['Agent', ...titles, ...(many ? ['B − A'] : [])];
  lines.push(
    '',
    'Per agent (share of the assigned customers; target = what the weights of the rules that served the agent ask for; on shift = hours on shift and not on leave from the first to the last customer)',
  );
  lines.push(...textTable(header, rows, header.map((_, c) => (c === 0 ? 'left' : 'right'))));
  scenarios.forEach((scenario, i) => {
    lines.push(`Largest deviation from fair${many ? ` (${'AB'[i]})` : ''}: ${deviationSentence(scenario.largestDeviation)}`);
  });
}

function signed(n: number): string {
  return n > 0 ? `+${count(n)}` : n < 0 ? `−${count(-n)}` : '0';
}

function unassignedTable(scenarios: readonly ScenarioResult[], lines: string[]): void {
  const reasons = new Set<UnassignedReason>();
  for (const scenario of scenarios) {
    for (const reason of Object.keys(scenario.onArrival.unassigned) as UnassignedReason[]) reasons.add(reason);
  }
  lines.push('', 'Not assigned, by reason');
  if (reasons.size === 0) {
    lines.push('  every customer was assigned on arrival');
    return;
  }
  const many = scenarios.length > 1;
  const titles = scenarios.flatMap((scenario, i) => {
    const tag = many ? `${'AB'[i]} ` : '';
    return scenario.retry.enabled ? [`${tag}on arrival`, `${tag}assigned on retry`, `${tag}in the end`] : [`${tag}count`];
  });
  const rows = [...reasons].map((reason) => [
    reason,
    REASON_WORDS[reason],
    ...scenarios.flatMap((scenario) => {
      const arrival = scenario.onArrival.unassigned[reason] ?? 0;
      const final = scenario.unassigned[reason] ?? 0;
      if (!scenario.retry.enabled) return [count(arrival)];
      const retried = reason === 'outside_schedule' ? count(scenario.retry.assigned) : '';
      return [count(arrival), retried, count(final)];
    }),
  ]);
  const header = ['Reason', '', ...titles];
  lines.push(...textTable(header, rows, header.map((_, c) => (c < 2 ? 'left' : 'right'))));
  for (const scenario of scenarios) {
    if (!scenario.retry.enabled) continue;
    const still = total(scenario.retry.unassigned);
    if (scenario.retry.retried > 0 && still > 0) {
      const why = Object.entries(scenario.retry.unassigned)
        .map(([reason, n]) => `${reason} ${count(n ?? 0)}`)
        .join(', ');
      lines.push(`${many ? `${scenario.label}: ` : ''}${count(still)} of the ${count(scenario.retry.retried)} retried customers were still not assigned (${why}).`);
    }
  }
}

function ruleTable(scenarios: readonly ScenarioResult[], lines: string[]): void {
  const ids: string[] = [];
  const names = new Map<string, string>();
  for (const scenario of scenarios) {
    for (const rule of scenario.rules) {
      if (names.has(rule.id)) continue;
      ids.push(rule.id);
      names.set(rule.id, rule.name);
    }
  }
  const many = scenarios.length > 1;
  const titles = scenarios.flatMap((_, i) => (many ? [`${'AB'[i]} assigned`, 'share', 'served'] : ['Assigned', 'Share', 'Served']));
  const rows = ids.map((id) => [
    id,
    names.get(id)!,
    ...scenarios.flatMap((scenario) => {
      const rule = scenario.rules.find((r) => r.id === id);
      return rule === undefined ? ['—', '', ''] : [count(rule.assigned), percent(rule.share), `${rule.served.length}/${rule.participants.length}`];
    }),
  ]);
  const header = ['Rule', 'Name', ...titles];
  lines.push('', 'By rule (served = participants who received at least one customer from the rule)');
  lines.push(...textTable(header, rows, header.map((_, c) => (c < 2 ? 'left' : 'right'))));
}

function ruleChangesSection(result: SimulationResult, lines: string[]): void {
  const changes = result.ruleChanges;
  if (changes === null) return;
  // The list `dedicated-agent diff A B` prints, in the same words.
  lines.push('', `Rule changes from A to B: ${changes.length === 0 ? 'none, the rule sets mean the same' : count(changes.length)}`);
  for (const change of changes) lines.push(`  ${change.message}`);
}

function changesSection(result: SimulationResult, lines: string[]): void {
  const changes = result.changes;
  if (changes === null) return;
  const totalCustomers = result.scenarios[0]!.total;
  const names = new Map(result.scenarios[0]!.agents.map((agent) => [agent.id, agentName(agent)]));
  const who = (id: string | null) => (id === null ? '(unassigned)' : (names.get(id) ?? id));
  lines.push('', `Customers that would change hands from A to B: ${count(changes.count)} (${percent(totalCustomers === 0 ? 0 : changes.count / totalCustomers)})`);
  if (changes.sample.length > 0) {
    lines.push(`First ${changes.sample.length}:`);
    for (const change of changes.sample) lines.push(`  ${change.id}: ${who(change.from)} → ${who(change.to)}`);
  }
  if (changes.flows.length > 0) {
    lines.push('Most frequent moves:');
    for (const flow of changes.flows) lines.push(`  ${count(flow.count).padStart(9)}  ${who(flow.from)} → ${who(flow.to)}`);
  }
}

/**
 * Renders a simulation for people: the span replayed, per-agent totals and
 * shares against the fair target, the largest deviation from fair, what was
 * not assigned and why (on arrival, on retry and in the end), counts by rule
 * and, when two rule sets were compared, both side by side, what changed in
 * the rules (as `dedicated-agent diff` words it) and the customers that would
 * change hands.
 *
 * @param result - what `simulate` returned
 * @returns the text, ending with a line break
 * @example
 * ```ts
 * process.stdout.write(formatSimulationText(simulate({ scenarios, agents, customers })));
 * ```
 */
export function formatSimulationText(result: SimulationResult): string {
  const lines: string[] = [];
  header(result, lines);
  agentTable(result.scenarios, lines);
  unassignedTable(result.scenarios, lines);
  ruleTable(result.scenarios, lines);
  ruleChangesSection(result, lines);
  changesSection(result, lines);
  return `${lines.join('\n')}\n`;
}
