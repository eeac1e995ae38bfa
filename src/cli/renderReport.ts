import type { UnassignedReason } from '../index.js';
import { REASON_COLOURS, ruleColours } from './ruleColours.js';
import { dailyChart } from './dailyChart.js';
import { formatLocalTime } from './formatLocalTime.js';
import { heatmapChart } from './heatmapChart.js';
import { hourlyChart } from './hourlyChart.js';
import { shareChart } from './shareChart.js';
import type { ScenarioResult, SimulationResult } from './simulationResult.js';
import { escapeMarkup } from './escapeMarkup.js';

/** What the report says about how it was made. */
export interface ReportContext {
  /** The customers and agents files, shown under the title. */
  customersSource: string;
  agentsSource: string;
  /** When the report was generated (shown in the footer). */
  generatedAt: Date;
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f7f8fa; }
main { max-width: 1010px; margin: 0 auto; padding: 24px 24px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
h3 { font-size: 15px; margin: 24px 0 6px; }
p.sub, figcaption, .note { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 12px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.card b { display: block; font-size: 20px; }
.card span { color: var(--muted); font-size: 12px; }
figure { margin: 12px 0 20px; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
figcaption { margin-bottom: 6px; }
svg.chart { display: block; width: 100%; height: auto; font-size: 11px; }
svg .label { fill: var(--ink); }
svg .tick, svg .note { fill: var(--muted); }
svg .value { fill: var(--ink); font-variant-numeric: tabular-nums; }
svg .flagged .value { fill: #c0392b; font-weight: 600; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .weekend { fill: #f3f4f6; }
svg .target-marker { stroke: #111; stroke-width: 2.5; }
svg .share-bar:hover .segment, svg g:hover > rect { opacity: 0.8; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 8px; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px; margin-right: 5px; }
.legend i.marker { width: 3px; background: #111; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { background: var(--accent); height: 10px; border-radius: 2px; min-width: 1px; }
code { font-size: 12px; }
td code { white-space: nowrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
`;

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
const signedPoints = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(2)} pt`;

function sum(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((total, n) => total + (n ?? 0), 0);
}

function agentLabel(scenario: ScenarioResult, agentId: string | null): string {
  if (agentId === null) return '(unassigned)';
  const agent = scenario.agents.find((a) => a.id === agentId);
  return agent?.name ? `${agent.name} (${agentId})` : agentId;
}

function cards(scenario: ScenarioResult): string {
  const largest = scenario.largestDeviation;
  const items = [
    [count(scenario.total), 'customers replayed'],
    [count(scenario.assigned), `assigned (${percent(scenario.total ? scenario.assigned / scenario.total : 0)})`],
    [count(scenario.retry.assigned), 'assigned on retry at retryAt'],
    [count(sum(scenario.unassigned)), 'not assigned in the end'],
    largest === null
      ? ['—', 'largest deviation from fair']
      : [signedPoints(largest.deviation), `largest deviation from fair: ${escapeMarkup(agentLabel(scenario, largest.id))}`],
  ];
  return `<div class="cards">${items.map(([value, what]) => `<div class="card"><b>${value}</b><span>${what}</span></div>`).join('')}</div>`;
}

function ruleLegend(scenario: ScenarioResult, colourOf: (ruleId: string) => string, marker: boolean): string {
  const items = scenario.rules.filter((rule) => rule.assigned > 0).map((rule) => `<span><i style="background:${colourOf(rule.id)}"></i>${escapeMarkup(rule.name)} <code>${escapeMarkup(rule.id)}</code></span>`);
  if (marker) items.push('<span><i class="marker"></i>fair target</span>');
  return `<div class="legend">${items.join('')}</div>`;
}

function reasonTable(scenario: ScenarioResult): string {
  const reasons = Object.keys(scenario.onArrival.unassigned) as UnassignedReason[];
  const legend = reasons.map((reason) => `<span><i style="background:${REASON_COLOURS[reason] ?? '#999'}"></i>${reason}</span>`).join('');
  if (reasons.length === 0) return '';
  const rows = reasons
    .map((reason) => {
      const retried = reason === 'outside_schedule' && scenario.retry.enabled ? count(scenario.retry.assigned) : '—';
      return `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${REASON_COLOURS[reason] ?? '#999'}"></i> ${reason}</td><td class="n">${count(scenario.onArrival.unassigned[reason] ?? 0)}</td><td class="n">${retried}</td><td class="n">${count(scenario.unassigned[reason] ?? 0)}</td></tr>`;
    })
    .join('');
  return `<div class="legend">${legend}</div><h3>Not assigned, by reason</h3><table><thead><tr><th>Reason</th><th class="n">On arrival</th><th class="n">Assigned on retry</th><th class="n">In the end</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function ruleTable(scenario: ScenarioResult, colourOf: (ruleId: string) => string): string {
  const largest = Math.max(1, ...scenario.rules.map((rule) => rule.assigned));
  const rows = scenario.rules
    .map((rule) => {
      const idle = rule.participants.filter((p) => !rule.served.includes(p.id)).map((p) => p.id);
      const notes = [
        ...(idle.length > 0 ? [`never served: ${idle.join(', ')}`] : []),
        ...(rule.participants.some((p) => p.weight !== 1) ? [`weights ${rule.participants.map((p) => `${p.id} ${p.weight}`).join(', ')}`] : []),
      ];
      return `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${colourOf(rule.id)}"></i> <code>${escapeMarkup(rule.id)}</code></td><td>${escapeMarkup(rule.name)}</td><td class="n">${count(rule.assigned)}</td><td class="n">${percent(rule.share)}</td><td style="width:22%"><div class="bar" style="width:${((rule.assigned / largest) * 100).toFixed(1)}%;background:${colourOf(rule.id)}"></div></td><td class="n">${rule.served.length}/${rule.participants.length}</td><td>${escapeMarkup(notes.join('; '))}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Rule</th><th>Name</th><th class="n">Assigned</th><th class="n">Share</th><th></th><th class="n">Served</th><th>Notes</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const hours = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function agentTable(scenario: ScenarioResult): string {
  const mostHours = Math.max(1, ...scenario.agents.map((agent) => agent.onShiftHours));
  const mostAssigned = Math.max(1, ...scenario.agents.map((agent) => agent.assigned));
  const rows = scenario.agents
    .map((agent) => {
      const perHour = agent.onShiftHours > 0 ? (agent.assigned / agent.onShiftHours).toFixed(2) : agent.assigned > 0 ? '—' : '0';
      return `<tr data-agent="${escapeMarkup(agent.id)}"><td>${escapeMarkup(agentLabel(scenario, agent.id))}</td><td class="n on-shift">${hours(agent.onShiftHours)}</td><td style="width:20%"><div class="bar" style="width:${((agent.onShiftHours / mostHours) * 100).toFixed(1)}%;background:#9aa5b1"></div></td><td class="n">${count(agent.assigned)}</td><td style="width:20%"><div class="bar" style="width:${((agent.assigned / mostAssigned) * 100).toFixed(1)}%"></div></td><td class="n">${perHour}</td></tr>`;
    })
    .join('');
  return `<table class="agents"><thead><tr><th>Agent</th><th class="n">On shift (h)</th><th></th><th class="n">Assigned</th><th></th><th class="n">Per on-shift hour</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function scenarioSection(scenario: ScenarioResult, tag: string, colourOf: (ruleId: string) => string): string {
  const span = scenario.from === null ? 'no customers' : `${formatLocalTime(scenario.from, scenario.timeZone)} – ${formatLocalTime(scenario.to!, scenario.timeZone)} (${escapeMarkup(scenario.timeZone)})`;
  return `<section class="scenario" data-rules="${escapeMarkup(scenario.label)}">
<h2>${tag}<code>${escapeMarkup(scenario.label)}</code></h2>
<p class="sub">Customers created ${span}. Retry of customers turned away by closed schedules: ${scenario.retry.enabled ? 'on' : 'off'}.</p>
${cards(scenario)}
<figure><figcaption><b>Share per agent against target.</b> One bar per agent, coloured by the rule that gave the customers; the black marker is the fair target — what the weights of the rules that served the agent ask for. Numbers in red: more than 10% off target.</figcaption>
${shareChart(scenario, colourOf)}${ruleLegend(scenario, colourOf, true)}</figure>
<figure><figcaption><b>Assignments per day, by rule</b> (days in ${escapeMarkup(scenario.timeZone)}; weekends shaded).</figcaption>
${dailyChart(scenario, colourOf)}${ruleLegend(scenario, colourOf, false)}</figure>
<figure><figcaption><b>Assignments per agent per day.</b> Darker is more; hover a cell for its number.</figcaption>
${heatmapChart(scenario)}</figure>
<figure><figcaption><b>Not assigned on arrival, by hour of day and reason.</b> Customers turned away because every matching rule was closed are retried at the rule's next opening${scenario.retry.enabled ? '' : ' (retry was off for this run)'}.</figcaption>
${hourlyChart(scenario)}${reasonTable(scenario)}</figure>
<h3>Agents: assignments beside on-shift hours</h3>
<p class="note">On shift: hours on shift and not on leave from the first to the last customer (the whole span for an agent without a schedule or leave).</p>
${agentTable(scenario)}
<h3>Rules: who took each share</h3>
${ruleTable(scenario, colourOf)}
</section>`;
}

function changesSection(result: SimulationResult): string {
  const changes = result.changes;
  if (changes === null) return '';
  const [a, b] = result.scenarios as [ScenarioResult, ScenarioResult];
  const flows = changes.flows.map((flow) => `<tr><td>${escapeMarkup(agentLabel(a, flow.from))}</td><td>→ ${escapeMarkup(agentLabel(b, flow.to))}</td><td class="n">${count(flow.count)}</td></tr>`).join('');
  const sample = changes.sample.map((change) => `<tr><td><code>${escapeMarkup(change.id)}</code></td><td>${escapeMarkup(agentLabel(a, change.from))}</td><td>→ ${escapeMarkup(agentLabel(b, change.to))}</td></tr>`).join('');
  const summary = [
    ['Assigned', count(a.assigned), count(b.assigned)],
    ['Not assigned in the end', count(sum(a.unassigned)), count(sum(b.unassigned))],
    [
      'Largest deviation from fair',
      a.largestDeviation ? `${escapeMarkup(agentLabel(a, a.largestDeviation.id))} ${signedPoints(a.largestDeviation.deviation)}` : '—',
      b.largestDeviation ? `${escapeMarkup(agentLabel(b, b.largestDeviation.id))} ${signedPoints(b.largestDeviation.deviation)}` : '—',
    ],
  ]
    .map(([what, x, y]) => `<tr><td>${what}</td><td class="n">${x}</td><td class="n">${y}</td></tr>`)
    .join('');
  const ruleChanges = result.ruleChanges ?? [];
  const ruleList =
    ruleChanges.length === 0 ? '<p>No change: the rule sets mean the same.</p>' : `<ul>${ruleChanges.map((change) => `<li>${escapeMarkup(change.message)}</li>`).join('')}</ul>`;
  return `<section class="changes">
<h2>A → B: what changed in the rules</h2>
${ruleList}
<h2>A → B: customers that would change hands</h2>
<div class="cards"><div class="card"><b>${count(changes.count)}</b><span>customers change hands (${percent(a.total ? changes.count / a.total : 0)})</span></div></div>
<table><thead><tr><th></th><th class="n">A <code>${escapeMarkup(a.label)}</code></th><th class="n">B <code>${escapeMarkup(b.label)}</code></th></tr></thead><tbody>${summary}</tbody></table>
<h3>Most frequent moves</h3><table><thead><tr><th>Agent under A</th><th>Agent under B</th><th class="n">Customers</th></tr></thead><tbody>${flows}</tbody></table>
<h3>First customers that change hands</h3><table><thead><tr><th>Customer</th><th>Under A</th><th>Under B</th></tr></thead><tbody>${sample}</tbody></table>
</section>`;
}

/**
 * Renders a simulation as one self-contained HTML page: inline CSS and SVG,
 * no script, no font or image from anywhere, so it can be mailed or attached
 * to a change request and opened offline. Per rule set: the share per agent
 * against the fair target (one bar per agent, split by the rule that gave
 * the customers), assignments per day by rule, a per-agent-per-day heat map,
 * customers not assigned on arrival by hour and reason, each agent's
 * assignments beside their on-shift hours, and the rule table;
 * with two rule sets, also what changed in the rules (as `dedicated-agent
 * diff` lists it) and the customers that would change hands.
 *
 * @param result - what `simulate` returned
 * @param context - input file names and the generation time
 * @returns the HTML document
 * @example
 * ```ts
 * writeFileSync('report.html', renderReport(result, { customersSource: 'customers.jsonl', agentsSource: 'agents.json', generatedAt: new Date() }));
 * ```
 */
export function renderReport(result: SimulationResult, context: ReportContext): string {
  const colourOf = ruleColours(result.scenarios.flatMap((scenario) => scenario.rules.map((rule) => rule.id)));
  const comparing = result.scenarios.length > 1;
  const title = comparing ? `Assignment simulation: ${result.scenarios[0]!.label} vs ${result.scenarios[1]!.label}` : `Assignment simulation: ${result.scenarios[0]!.label}`;
  const sections = result.scenarios.map((scenario, i) => scenarioSection(scenario, comparing ? `${'AB'[i]}: ` : 'Rule set ', colourOf)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeMarkup(title)}</h1>
<p class="sub">${count(result.scenarios[0]!.total)} customers from <code>${escapeMarkup(context.customersSource)}</code>, agents from <code>${escapeMarkup(context.agentsSource)}</code>.</p>
${changesSection(result)}
${sections}
<footer>Generated by <code>dedicated-agent simulate</code> at ${escapeMarkup(context.generatedAt.toISOString())}. Each customer was decided at its creation time with createAssigner, so schedules, holidays, periods and capacity apply as in production.</footer>
</main>
</body>
</html>
`;
}
