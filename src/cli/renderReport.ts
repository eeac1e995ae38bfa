import { formatRuleSetChange } from '../core/governance/formatRuleSetChange.js';
import type { Locale, UnassignedReason } from '../index.js';
import type { ReportWords } from './i18n/cliMessages.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { REASON_COLOURS, ruleColours } from './ruleColours.js';
import { dailyChart } from './dailyChart.js';
import { formatLocalTime } from './formatLocalTime.js';
import { heatmapChart } from './heatmapChart.js';
import { formatWait } from './formatWait.js';
import { hourlyChart } from './hourlyChart.js';
import { queueChart } from './queueChart.js';
import { shareChart } from './shareChart.js';
import type { ScenarioResult, SimulationResult } from './simulationResult.js';
import { escapeMarkup } from './escapeMarkup.js';
import { reportPageHead } from './reportPageHead.js';

/** What the report says about how it was made. */
export interface ReportContext {
  /** The customers and agents files, shown under the title. */
  customersSource: string;
  agentsSource: string;
  /** When the report was generated (shown in the footer). */
  generatedAt: Date;
  /** The language of the page's words (default `'en'`). */
  locale?: Locale;
}


const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
const signedPoints = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(2)} pt`;

function sum(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((total, n) => total + (n ?? 0), 0);
}

function agentLabel(scenario: ScenarioResult, agentId: string | null, w: ReportWords): string {
  if (agentId === null) return w.unassigned;
  const agent = scenario.agents.find((a) => a.id === agentId);
  return agent?.name ? `${agent.name} (${agentId})` : agentId;
}

function cards(scenario: ScenarioResult, w: ReportWords): string {
  const largest = scenario.largestDeviation;
  const items = [
    [count(scenario.total), w.cards.replayed],
    [count(scenario.assigned), w.cards.assigned(percent(scenario.total ? scenario.assigned / scenario.total : 0))],
    [count(scenario.retry.assigned), w.cards.onRetry],
    [count(sum(scenario.unassigned)), w.cards.notAssigned],
    largest === null
      ? ['—', w.cards.largestDeviation]
      : [signedPoints(largest.deviation), `${w.cards.largestDeviation}: ${escapeMarkup(agentLabel(scenario, largest.id, w))}`],
  ];
  return `<div class="cards">${items.map(([value, what]) => `<div class="card"><b>${value}</b><span>${what}</span></div>`).join('')}</div>`;
}

function ruleLegend(scenario: ScenarioResult, colourOf: (ruleId: string) => string, marker: boolean, w: ReportWords): string {
  const items = scenario.rules.filter((rule) => rule.assigned > 0).map((rule) => `<span><i style="background:${colourOf(rule.id)}"></i>${escapeMarkup(rule.name)} <code>${escapeMarkup(rule.id)}</code></span>`);
  if (marker) items.push(`<span><i class="marker"></i>${w.fairTarget}</span>`);
  return `<div class="legend">${items.join('')}</div>`;
}

function reasonTable(scenario: ScenarioResult, w: ReportWords): string {
  const reasons = Object.keys(scenario.onArrival.unassigned) as UnassignedReason[];
  const legend = reasons.map((reason) => `<span><i style="background:${REASON_COLOURS[reason] ?? '#999'}"></i>${reason}</span>`).join('');
  if (reasons.length === 0) return '';
  const rows = reasons
    .map((reason) => {
      const retried = scenario.retry.enabled && (reason === 'outside_schedule' || reason === 'no_eligible_agent') ? count(scenario.retry.assignedByReason[reason] ?? 0) : '—';
      return `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${REASON_COLOURS[reason] ?? '#999'}"></i> ${reason}</td><td class="n">${count(scenario.onArrival.unassigned[reason] ?? 0)}</td><td class="n">${retried}</td><td class="n">${count(scenario.unassigned[reason] ?? 0)}</td></tr>`;
    })
    .join('');
  const [reason, onArrival, onRetry, inTheEnd] = w.reasonColumns;
  return `<div class="legend">${legend}</div><h3>${w.notAssignedByReason}</h3><table><thead><tr><th>${reason}</th><th class="n">${onArrival}</th><th class="n">${onRetry}</th><th class="n">${inTheEnd}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function ruleTable(scenario: ScenarioResult, colourOf: (ruleId: string) => string, w: ReportWords): string {
  const largest = Math.max(1, ...scenario.rules.map((rule) => rule.assigned));
  const rows = scenario.rules
    .map((rule) => {
      const idle = rule.participants.filter((p) => !rule.served.includes(p.id)).map((p) => p.id);
      const notes = [
        ...(idle.length > 0 ? [w.neverServed(idle.join(', '))] : []),
        ...(rule.participants.some((p) => p.weight !== 1) ? [w.weights(rule.participants.map((p) => `${p.id} ${p.weight}`).join(', '))] : []),
      ];
      return `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${colourOf(rule.id)}"></i> <code>${escapeMarkup(rule.id)}</code></td><td>${escapeMarkup(rule.name)}</td><td class="n">${count(rule.assigned)}</td><td class="n">${percent(rule.share)}</td><td style="width:22%"><div class="bar" style="width:${((rule.assigned / largest) * 100).toFixed(1)}%;background:${colourOf(rule.id)}"></div></td><td class="n">${rule.served.length}/${rule.participants.length}</td><td>${escapeMarkup(notes.join('; '))}</td></tr>`;
    })
    .join('');
  const [rule, name, assigned, share, served, notes] = w.ruleColumns;
  return `<table><thead><tr><th>${rule}</th><th>${name}</th><th class="n">${assigned}</th><th class="n">${share}</th><th></th><th class="n">${served}</th><th>${notes}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const hours = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

function agentTable(scenario: ScenarioResult, w: ReportWords): string {
  const mostHours = Math.max(1, ...scenario.agents.map((agent) => agent.onShiftHours));
  const mostAssigned = Math.max(1, ...scenario.agents.map((agent) => agent.assigned));
  const rows = scenario.agents
    .map((agent) => {
      const perHour = agent.onShiftHours > 0 ? (agent.assigned / agent.onShiftHours).toFixed(2) : agent.assigned > 0 ? '—' : '0';
      return `<tr data-agent="${escapeMarkup(agent.id)}"><td>${escapeMarkup(agentLabel(scenario, agent.id, w))}</td><td class="n on-shift">${hours(agent.onShiftHours)}</td><td style="width:20%"><div class="bar" style="width:${((agent.onShiftHours / mostHours) * 100).toFixed(1)}%;background:#9aa5b1"></div></td><td class="n">${count(agent.assigned)}</td><td style="width:20%"><div class="bar" style="width:${((agent.assigned / mostAssigned) * 100).toFixed(1)}%"></div></td><td class="n">${perHour}</td></tr>`;
    })
    .join('');
  const [agent, onShift, assigned, perHour] = w.agentColumns;
  return `<table class="agents"><thead><tr><th>${agent}</th><th class="n">${onShift}</th><th></th><th class="n">${assigned}</th><th></th><th class="n">${perHour}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function waitingSection(scenario: ScenarioResult, colourOf: (ruleId: string) => string, w: ReportWords): string {
  if (!scenario.retry.enabled) return '';
  const { waiting } = scenario;
  const cell = (times: ScenarioResult['waiting']['assigned']) =>
    [count(times.customers), count(times.waited), formatWait(times.p50), formatWait(times.p95), formatWait(times.max)].map((value) => `<td class="n">${value}</td>`).join('');
  const rows = scenario.rules
    .filter((rule) => (waiting.byRule[rule.id]?.customers ?? 0) > 0)
    .map((rule) => `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${colourOf(rule.id)}"></i> <code>${escapeMarkup(rule.id)}</code></td><td>${escapeMarkup(rule.name)}</td>${cell(waiting.byRule[rule.id]!)}</tr>`);
  const words = w.waiting;
  rows.push(`<tr><td><b>${escapeMarkup(words.allAssigned[0])}</b></td><td>${escapeMarkup(words.allAssigned[1])}</td>${cell(waiting.assigned)}</tr>`);
  if (waiting.notAssigned.customers > 0) {
    rows.push(`<tr><td><b>${escapeMarkup(words.neverAssigned[0])}</b></td><td>${escapeMarkup(words.neverAssigned[1])}</td>${cell(waiting.notAssigned)}</tr>`);
  }
  const longest = waiting.length.maximumAt === null ? null : `${count(waiting.length.maximum)} · ${formatLocalTime(waiting.length.maximumAt, scenario.timeZone)}`;
  const [rule, name, ...figures] = words.columns.map(escapeMarkup);
  return `<h3>${escapeMarkup(words.heading)}</h3>
<figure><figcaption>${caption(words.caption(longest))}</figcaption>
${queueChart(scenario)}</figure>
<p class="note">${escapeMarkup(words.note)}</p>
<table class="waiting"><thead><tr><th>${rule}</th><th>${name}</th>${figures.map((title) => `<th class="n">${title}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function scenarioSection(scenario: ScenarioResult, tag: string, colourOf: (ruleId: string) => string, w: ReportWords): string {
  const span = scenario.from === null ? w.noCustomers : `${formatLocalTime(scenario.from, scenario.timeZone)} – ${formatLocalTime(scenario.to!, scenario.timeZone)} (${escapeMarkup(scenario.timeZone)})`;
  return `<section class="scenario" data-rules="${escapeMarkup(scenario.label)}">
<h2>${tag}<code>${escapeMarkup(scenario.label)}</code></h2>
<p class="sub">${w.customersCreated(span, scenario.retry.enabled)}</p>
${cards(scenario, w)}
<figure><figcaption>${caption(w.shareCaption)}</figcaption>
${shareChart(scenario, colourOf, w.shareAxis)}${ruleLegend(scenario, colourOf, true, w)}</figure>
<figure><figcaption>${caption(w.dailyCaption(escapeMarkup(scenario.timeZone)))}</figcaption>
${dailyChart(scenario, colourOf)}${ruleLegend(scenario, colourOf, false, w)}</figure>
<figure><figcaption>${caption(w.heatmapCaption)}</figcaption>
${heatmapChart(scenario)}</figure>
<figure><figcaption>${caption(w.hourlyCaption(scenario.retry.enabled))}</figcaption>
${hourlyChart(scenario, w.everyoneAssigned)}${reasonTable(scenario, w)}</figure>
${waitingSection(scenario, colourOf, w)}
<h3>${w.agentsHeading}</h3>
<p class="note">${w.agentsNote}</p>
${agentTable(scenario, w)}
<h3>${w.rulesHeading}</h3>
${ruleTable(scenario, colourOf, w)}
</section>`;
}

function caption([bold, rest]: [string, string]): string {
  return `<b>${bold}</b>${rest}`;
}

function changesSection(result: SimulationResult, w: ReportWords, locale: Locale): string {
  const changes = result.changes;
  if (changes === null) return '';
  const [a, b] = result.scenarios as [ScenarioResult, ScenarioResult];
  const flows = changes.flows.map((flow) => `<tr><td>${escapeMarkup(agentLabel(a, flow.from, w))}</td><td>→ ${escapeMarkup(agentLabel(b, flow.to, w))}</td><td class="n">${count(flow.count)}</td></tr>`).join('');
  const sample = changes.sample.map((change) => `<tr><td><code>${escapeMarkup(change.id)}</code></td><td>${escapeMarkup(agentLabel(a, change.from, w))}</td><td>→ ${escapeMarkup(agentLabel(b, change.to, w))}</td></tr>`).join('');
  const [assignedRow, notAssignedRow, deviationRow] = w.summaryRows;
  const summary = [
    [assignedRow, count(a.assigned), count(b.assigned)],
    [notAssignedRow, count(sum(a.unassigned)), count(sum(b.unassigned))],
    [
      deviationRow,
      a.largestDeviation ? `${escapeMarkup(agentLabel(a, a.largestDeviation.id, w))} ${signedPoints(a.largestDeviation.deviation)}` : '—',
      b.largestDeviation ? `${escapeMarkup(agentLabel(b, b.largestDeviation.id, w))} ${signedPoints(b.largestDeviation.deviation)}` : '—',
    ],
  ]
    .map(([what, x, y]) => `<tr><td>${what}</td><td class="n">${x}</td><td class="n">${y}</td></tr>`)
    .join('');
  const ruleChanges = result.ruleChanges ?? [];
  const ruleList =
    ruleChanges.length === 0
      ? `<p>${escapeMarkup(w.noRuleChange)}</p>`
      : `<ul>${ruleChanges.map((change) => `<li>${escapeMarkup(formatRuleSetChange(change, locale))}</li>`).join('')}</ul>`;
  return `<section class="changes">
<h2>${escapeMarkup(w.ruleChangesHeading)}</h2>
${ruleList}
<h2>${w.changesHeading}</h2>
<div class="cards"><div class="card"><b>${count(changes.count)}</b><span>${w.changeHands(percent(a.total ? changes.count / a.total : 0))}</span></div></div>
<table><thead><tr><th></th><th class="n">A <code>${escapeMarkup(a.label)}</code></th><th class="n">B <code>${escapeMarkup(b.label)}</code></th></tr></thead><tbody>${summary}</tbody></table>
<h3>${w.frequentMoves}</h3><table><thead><tr><th>${w.moveColumns[0]}</th><th>${w.moveColumns[1]}</th><th class="n">${w.moveColumns[2]}</th></tr></thead><tbody>${flows}</tbody></table>
<h3>${w.firstChanges}</h3><table><thead><tr><th>${w.sampleColumns[0]}</th><th>${w.sampleColumns[1]}</th><th>${w.sampleColumns[2]}</th></tr></thead><tbody>${sample}</tbody></table>
</section>`;
}

/**
 * Renders a simulation as one self-contained HTML page: inline CSS and SVG,
 * no script, no font or image from anywhere, so it can be mailed or attached
 * to a change request and opened offline. Per rule set: the share per agent
 * against the fair target (one bar per agent, split by the rule that gave
 * the customers), assignments per day by rule, a per-agent-per-day heat map,
 * customers not assigned on arrival by hour and reason, the waiting queue's
 * length by hour and waiting times per rule, each agent's
 * assignments beside their on-shift hours, and the rule table;
 * with two rule sets, also what changed in the rules (as `dedicated-agent
 * diff` lists it) and the customers that would change hands.
 *
 * @param result - what `simulate` returned
 * @param context - input file names, the generation time and the language of the page
 * @returns the HTML document
 * @example
 * ```ts
 * writeFileSync('report.html', renderReport(result, { customersSource: 'customers.jsonl', agentsSource: 'agents.json', generatedAt: new Date() }));
 * ```
 */
export function renderReport(result: SimulationResult, context: ReportContext): string {
  const w = cliMessagesFor(context.locale ?? 'en').report;
  const colourOf = ruleColours(result.scenarios.flatMap((scenario) => scenario.rules.map((rule) => rule.id)));
  const comparing = result.scenarios.length > 1;
  const title = w.title(result.scenarios.map((scenario) => scenario.label));
  const sections = result.scenarios.map((scenario, i) => scenarioSection(scenario, comparing ? `${'AB'[i]}: ` : w.ruleSetTag, colourOf, w)).join('\n');
  const [fromCustomers, fromAgents, end] = w.sources(count(result.scenarios[0]!.total));
  const [generatedBy, generatedAt] = w.footer(escapeMarkup(context.generatedAt.toISOString()));
  return `${reportPageHead(w.htmlLang, title)}
<p class="sub">${fromCustomers}<code>${escapeMarkup(context.customersSource)}</code>${fromAgents}<code>${escapeMarkup(context.agentsSource)}</code>${end}</p>
${changesSection(result, w, context.locale ?? 'en')}
${sections}
<footer>${generatedBy}<code>dedicated-agent simulate</code>${generatedAt}</footer>
</main>
</body>
</html>
`;
}
