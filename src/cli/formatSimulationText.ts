import { formatRuleSetChange, type Locale, type UnassignedReason } from '../index.js';
import { formatLocalTime } from './formatLocalTime.js';
import { formatWait } from './formatWait.js';
import type { SimulationWords } from './i18n/cliMessages.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { longestPerDay } from './longestPerDay.js';
import type { AgentOutcome, ReasonCounts, ScenarioResult, SimulationResult } from './simulationResult.js';
import { textTable } from './textTable.js';

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

function header(result: SimulationResult, lines: string[], w: SimulationWords): void {
  const first = result.scenarios[0]!;
  const span =
    first.from === null
      ? w.noCustomers
      : w.span(count(first.total), formatLocalTime(first.from, first.timeZone), formatLocalTime(first.to!, first.timeZone), first.timeZone);
  lines.push(w.simulated(span));
  result.scenarios.forEach((scenario, i) => {
    const tag = result.scenarios.length > 1 ? `${'AB'[i]} = ` : '';
    const retried = scenario.retry.enabled ? count(scenario.retry.assigned) : null;
    lines.push(
      w.scenario(`${tag}${scenario.label}`, count(scenario.assigned), percent(scenario.total === 0 ? 0 : scenario.assigned / scenario.total), retried, count(total(scenario.unassigned))),
    );
  });
}

function deviationSentence(agent: AgentOutcome | null, w: SimulationWords): string {
  if (agent === null) return w.nobodyAssigned;
  const relative =
    agent.targetAssigned > 0 ? { percent: percent(Math.abs(agent.assigned / agent.targetAssigned - 1)), more: agent.assigned >= agent.targetAssigned } : null;
  return w.deviation(agentName(agent), percent(agent.share), percent(agent.target), points(agent.deviation), relative);
}

function agentTable(scenarios: readonly ScenarioResult[], lines: string[], w: SimulationWords): void {
  const many = scenarios.length > 1;
  const titles = many ? scenarios.flatMap((_, i) => w.agentColumns('AB'[i]!)) : w.agentColumns(null);
  const rows = scenarios[0]!.agents.map((agent, a) => [
    agentName(agent),
    ...scenarios.flatMap((scenario) => {
      const outcome = scenario.agents[a]!;
      return [count(outcome.assigned), percent(outcome.share), percent(outcome.target), points(outcome.deviation), hours(outcome.onShiftHours)];
    }),
    ...(many ? [signed(scenarios[1]!.agents[a]!.assigned - agent.assigned)] : []),
  ]);
  const header = [w.agent, ...titles, ...(many ? ['B − A'] : [])];
  lines.push('', w.perAgent);
  lines.push(...textTable(header, rows, header.map((_, c) => (c === 0 ? 'left' : 'right'))));
  scenarios.forEach((scenario, i) => {
    lines.push(w.largestDeviation(many ? 'AB'[i]! : null, deviationSentence(scenario.largestDeviation, w)));
  });
}

function signed(n: number): string {
  return n > 0 ? `+${count(n)}` : n < 0 ? `−${count(-n)}` : '0';
}

function unassignedTable(scenarios: readonly ScenarioResult[], lines: string[], w: SimulationWords): void {
  const reasons = new Set<UnassignedReason>();
  for (const scenario of scenarios) {
    for (const reason of Object.keys(scenario.onArrival.unassigned) as UnassignedReason[]) reasons.add(reason);
  }
  lines.push('', w.notAssignedByReason);
  if (reasons.size === 0) {
    lines.push(w.everyoneAssigned);
    return;
  }
  const many = scenarios.length > 1;
  const titles = scenarios.flatMap((scenario, i) => w.unassignedColumns(many ? 'AB'[i]! : null, scenario.retry.enabled));
  const rows = [...reasons].map((reason) => [
    reason,
    w.reason[reason],
    ...scenarios.flatMap((scenario) => {
      const arrival = scenario.onArrival.unassigned[reason] ?? 0;
      const final = scenario.unassigned[reason] ?? 0;
      if (!scenario.retry.enabled) return [count(arrival)];
      const retried = reason === 'outside_schedule' || reason === 'no_eligible_agent' ? count(scenario.retry.assignedByReason[reason] ?? 0) : '';
      return [count(arrival), retried, count(final)];
    }),
  ]);
  const header = [w.reasonColumn, '', ...titles];
  lines.push(...textTable(header, rows, header.map((_, c) => (c < 2 ? 'left' : 'right'))));
  for (const scenario of scenarios) {
    if (!scenario.retry.enabled) continue;
    const still = total(scenario.retry.unassigned);
    if (scenario.retry.retried > 0 && still > 0) {
      const why = Object.entries(scenario.retry.unassigned)
        .map(([reason, n]) => `${reason} ${count(n ?? 0)}`)
        .join(', ');
      lines.push(w.stillNotAssigned(many ? scenario.label : null, count(still), count(scenario.retry.retried), why));
    }
  }
}

function ruleTable(scenarios: readonly ScenarioResult[], lines: string[], w: SimulationWords): void {
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
  const titles = scenarios.flatMap((_, i) => w.ruleColumns(many ? 'AB'[i]! : null));
  const rows = ids.map((id) => [
    id,
    names.get(id)!,
    ...scenarios.flatMap((scenario) => {
      const rule = scenario.rules.find((r) => r.id === id);
      return rule === undefined ? ['—', '', ''] : [count(rule.assigned), percent(rule.share), `${rule.served.length}/${rule.participants.length}`];
    }),
  ]);
  const header = [w.rule, w.name, ...titles];
  lines.push('', w.byRule);
  lines.push(...textTable(header, rows, header.map((_, c) => (c < 2 ? 'left' : 'right'))));
}

/** Days of queue length listed one by one in the text; longer replays give only the longest queue. */
const QUEUE_DAYS_LISTED = 62;

function waitingSection(scenarios: readonly ScenarioResult[], lines: string[], w: SimulationWords): void {
  const many = scenarios.length > 1;
  scenarios.forEach((scenario, i) => {
    if (!scenario.retry.enabled) return;
    const { waiting } = scenario;
    const names = new Map(scenario.rules.map((rule) => [rule.id, rule.name]));
    lines.push('', w.waiting.title(many ? ` (${'AB'[i]})` : ''));
    const row = (id: string, name: string, times: ScenarioResult['waiting']['assigned']) => [
      id,
      name,
      count(times.customers),
      count(times.waited),
      formatWait(times.p50),
      formatWait(times.p95),
      formatWait(times.max),
    ];
    const rows = Object.entries(waiting.byRule)
      .filter(([, times]) => times.customers > 0)
      .map(([id, times]) => row(id, names.get(id) ?? id, times));
    rows.push(row(...w.waiting.allAssigned, waiting.assigned));
    if (waiting.notAssigned.customers > 0) rows.push(row(...w.waiting.neverAssigned, waiting.notAssigned));
    const header = [...w.waiting.columns];
    lines.push(...textTable(header, rows, header.map((_, c) => (c < 2 ? 'left' : 'right'))));
    const { length } = waiting;
    const when = length.maximumAt === null ? null : formatLocalTime(length.maximumAt, scenario.timeZone);
    lines.push(w.waiting.queueLine(count(length.maximum), when, count(length.atEnd)));
    const days = longestPerDay(length);
    if (length.maximum > 0 && days.length <= QUEUE_DAYS_LISTED) {
      lines.push(w.waiting.perDay(days.map(([day, longest]) => `${day.slice(5)} ${count(longest)}`).join(', ')));
    }
  });
}

function ruleChangesSection(result: SimulationResult, lines: string[], w: SimulationWords, locale: Locale): void {
  const changes = result.ruleChanges;
  if (changes === null) return;
  // The list `dedicated-agent diff A B` prints, in the same words.
  lines.push('', w.ruleChanges(changes.length === 0 ? null : count(changes.length)));
  for (const change of changes) lines.push(`  ${formatRuleSetChange(change, locale)}`);
}

function changesSection(result: SimulationResult, lines: string[], w: SimulationWords): void {
  const changes = result.changes;
  if (changes === null) return;
  const totalCustomers = result.scenarios[0]!.total;
  const names = new Map(result.scenarios[0]!.agents.map((agent) => [agent.id, agentName(agent)]));
  const who = (id: string | null) => (id === null ? w.unassigned : (names.get(id) ?? id));
  lines.push('', w.changeHands(count(changes.count), percent(totalCustomers === 0 ? 0 : changes.count / totalCustomers)));
  if (changes.sample.length > 0) {
    lines.push(w.firstChanges(changes.sample.length));
    for (const change of changes.sample) lines.push(`  ${change.id}: ${who(change.from)} → ${who(change.to)}`);
  }
  if (changes.flows.length > 0) {
    lines.push(w.frequentMoves);
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
 * @param locale - the language of the labels and sentences (default `'en'`)
 * @returns the text, ending with a line break
 * @example
 * ```ts
 * process.stdout.write(formatSimulationText(simulate({ scenarios, agents, customers })));
 * ```
 */
export function formatSimulationText(result: SimulationResult, locale: Locale = 'en'): string {
  const w = cliMessagesFor(locale).simulation;
  const lines: string[] = [];
  header(result, lines, w);
  agentTable(result.scenarios, lines, w);
  unassignedTable(result.scenarios, lines, w);
  ruleTable(result.scenarios, lines, w);
  waitingSection(result.scenarios, lines, w);
  ruleChangesSection(result, lines, w, locale);
  changesSection(result, lines, w);
  return `${lines.join('\n')}\n`;
}
