import { CHART_WIDTH, LABEL_WIDTH } from './chartLayout.js';
import type { ScenarioResult } from './simulationResult.js';
import { escapeMarkup } from './escapeMarkup.js';
import { svgNumber } from './svgNumber.js';

const ROW = 14;
const TOP = 22;
const RIGHT = 16;

/** From a pale to a deep blue, by the fraction of the busiest cell. */
function shade(fraction: number): string {
  const from = [239, 243, 255];
  const to = [8, 69, 148];
  const rgb = from.map((c, i) => Math.round(c + (to[i]! - c) * Math.sqrt(fraction)));
  return `rgb(${rgb.join(',')})`;
}

/**
 * Assignments per agent per local day as a heat map (rows: agents, columns:
 * days, darker: more customers), which stays readable for fifty agents where
 * fifty lines would not. Every cell has a tooltip with its number.
 *
 * @param scenario - one scenario of a simulation
 * @returns an `<svg>` element
 * @example
 * ```ts
 * const svg = heatmapChart(result.scenarios[0]);
 * ```
 */
export function heatmapChart(scenario: ScenarioResult): string {
  const { agents, days } = scenario;
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - RIGHT;
  const cell = days.length === 0 ? plotWidth : plotWidth / days.length;
  const height = TOP + agents.length * ROW + 4;
  let busiest = 1;
  for (const agent of agents) for (const n of agent.daily) if (n > busiest) busiest = n;
  const parts: string[] = [];
  const labelEvery = Math.max(1, Math.ceil(days.length / 16));
  days.forEach((day, d) => {
    if (d % labelEvery === 0) parts.push(`<text class="tick" x="${svgNumber(LABEL_WIDTH + d * cell + cell / 2)}" y="${TOP - 8}" text-anchor="middle">${day.slice(5)}</text>`);
  });
  agents.forEach((agent, a) => {
    const y = TOP + a * ROW;
    const label = agent.name === null ? agent.id : `${agent.name} (${agent.id})`;
    const row = [`<g class="heat-row" data-agent="${escapeMarkup(agent.id)}">`, `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + ROW - 3}" text-anchor="end">${escapeMarkup(label)}</text>`];
    agent.daily.forEach((n, d) => {
      row.push(
        `<rect x="${svgNumber(LABEL_WIDTH + d * cell)}" y="${y}" width="${svgNumber(Math.max(cell - 1, 0.5))}" height="${ROW - 1}" fill="${shade(n / busiest)}"><title>${escapeMarkup(label)}, ${days[d]}: ${n.toLocaleString('en-US')}</title></rect>`,
      );
    });
    row.push('</g>');
    parts.push(row.join(''));
  });
  return `<svg class="chart heatmap-chart" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-label="Assignments per agent per day">${parts.join('')}</svg>`;
}
