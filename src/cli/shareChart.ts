import { CHART_WIDTH, LABEL_WIDTH, VALUE_WIDTH } from './chartLayout.js';
import { escapeMarkup } from './escapeMarkup.js';
import { niceAxis } from './niceAxis.js';
import { svgNumber } from './svgNumber.js';

const ROW = 20;
const BAR = 12;
const TOP = 26;
const BOTTOM = 6;
/** An agent more than this far from the target (relative) is flagged, once the target is large enough to judge. */
const FLAG_RELATIVE = 0.1;
const FLAG_MIN_TARGET = 20;

const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;

/** What the share chart draws: a simulation's scenario, or a report of what was committed. */
export interface ShareChartInput {
  /** One bar each, in this order. */
  readonly agents: readonly {
    readonly id: string;
    readonly name: string | null;
    /** Of all assignments the chart covers, 0–1. */
    readonly share: number;
    /** The fair share, 0–1. */
    readonly target: number;
    readonly assigned: number;
    /** The fair number of assignments. */
    readonly targetAssigned: number;
    /** Assignments per rule id (the bar's segments). */
    readonly byRule: Readonly<Record<string, number>>;
  }[];
  /** The rules, in segment order. */
  readonly rules: readonly { readonly id: string }[];
  /** Every assignment the chart covers. */
  readonly assigned: number;
}

/**
 * The share chart: one horizontal bar per agent (a `g.share-bar`), made of
 * one segment per rule that gave the agent customers (so the chart also shows
 * which rule took each share), and a dark marker at the agent's fair target.
 * Agents far from their target have their numbers flagged.
 *
 * @param scenario - one scenario of a simulation, or a report's figures in the same shape
 * @param colourOf - the colour of a rule id
 * @param axisLabel - the label over the numbers column, in the report's language
 * @returns an `<svg>` element
 * @example
 * ```ts
 * const svg = shareChart(result.scenarios[0], ruleColours(ruleIds));
 * ```
 */
export function shareChart(scenario: ShareChartInput, colourOf: (ruleId: string) => string, axisLabel = 'share · target'): string {
  const agents = scenario.agents;
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const axis = niceAxis(Math.max(0.001, ...agents.map((agent) => Math.max(agent.share, agent.target))), 5);
  const x = (fraction: number) => LABEL_WIDTH + (fraction / axis.max) * plotWidth;
  const height = TOP + agents.length * ROW + BOTTOM;
  const parts: string[] = [];
  for (let tick = 0; tick <= axis.max + axis.step / 2; tick += axis.step) {
    parts.push(
      `<line class="grid" x1="${svgNumber(x(tick))}" x2="${svgNumber(x(tick))}" y1="${TOP - 4}" y2="${height - BOTTOM}"/>`,
      `<text class="tick" x="${svgNumber(x(tick))}" y="${TOP - 10}" text-anchor="middle">${(tick * 100).toFixed(axis.step < 0.01 ? 1 : 0)}%</text>`,
    );
  }
  parts.push(`<text class="tick" x="${CHART_WIDTH - VALUE_WIDTH + 24}" y="${TOP - 10}">${axisLabel}</text>`);
  agents.forEach((agent, i) => {
    const y = TOP + i * ROW + (ROW - BAR) / 2;
    const label = agent.name === null ? agent.id : `${agent.name} (${agent.id})`;
    const byRule = Object.entries(agent.byRule)
      .map(([ruleId, n]) => `${ruleId} ${n.toLocaleString('en-US')}`)
      .join(', ');
    const flagged =
      agent.targetAssigned >= FLAG_MIN_TARGET && Math.abs(agent.assigned / agent.targetAssigned - 1) > FLAG_RELATIVE ? ' flagged' : '';
    const row: string[] = [
      `<g class="share-bar${flagged}" data-agent="${escapeMarkup(agent.id)}">`,
      `<title>${escapeMarkup(label)}: ${agent.assigned.toLocaleString('en-US')} assigned, ${percent(agent.share)} (target ${percent(agent.target)})${byRule ? `; by rule: ${escapeMarkup(byRule)}` : ''}</title>`,
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${svgNumber(y + BAR - 2)}" text-anchor="end">${escapeMarkup(label)}</text>`,
    ];
    let start = 0;
    for (const rule of scenario.rules) {
      const n = agent.byRule[rule.id] ?? 0;
      if (n === 0 || scenario.assigned === 0) continue;
      const width = (n / scenario.assigned / axis.max) * plotWidth;
      row.push(`<rect class="segment" x="${svgNumber(x(start))}" y="${svgNumber(y)}" width="${svgNumber(Math.max(width, 0.5))}" height="${BAR}" fill="${colourOf(rule.id)}"/>`);
      start += n / scenario.assigned;
    }
    if (agent.target > 0) {
      const tx = svgNumber(x(agent.target));
      row.push(`<path class="target-marker" d="M${tx} ${svgNumber(y - 3)}V${svgNumber(y + BAR + 3)}"/>`);
    }
    row.push(
      `<text class="value" x="${CHART_WIDTH - VALUE_WIDTH + 24}" y="${svgNumber(y + BAR - 2)}">${percent(agent.share)} · ${percent(agent.target)}</text>`,
      '</g>',
    );
    parts.push(row.join(''));
  });
  return `<svg class="chart share-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-label="Share per agent against target">${parts.join('')}</svg>`;
}
