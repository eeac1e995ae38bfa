import { CHART_WIDTH } from './chartLayout.js';
import { longestPerDay } from './longestPerDay.js';
import { niceAxis } from './niceAxis.js';
import type { ScenarioResult } from './simulationResult.js';
import { svgNumber } from './svgNumber.js';

const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 30;

/**
 * The waiting queue's length over the replay: the longest queue in each
 * local hour as a filled step line, days marked below — shows the backlog
 * that builds overnight and drains when the first shift starts.
 *
 * @param scenario - one scenario of a simulation
 * @returns an `<svg>` element (with a note instead of a line when nobody waited)
 * @example
 * ```ts
 * const svg = queueChart(result.scenarios[0]);
 * ```
 */
export function queueChart(scenario: ScenarioResult): string {
  const { length } = scenario.waiting;
  const hourly = length.hourly;
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const axis = niceAxis(Math.max(1, length.maximum), 4);
  const slot = hourly.length === 0 ? plotWidth : plotWidth / hourly.length;
  const y = (value: number) => TOP + plotHeight - (value / axis.max) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= axis.max + axis.step / 2; tick += axis.step) {
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${CHART_WIDTH - RIGHT}" y1="${svgNumber(y(tick))}" y2="${svgNumber(y(tick))}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${svgNumber(y(tick) + 4)}" text-anchor="end">${tick.toLocaleString('en-US')}</text>`,
    );
  }
  if (length.maximum === 0) {
    parts.push(`<text class="note" x="${CHART_WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">Nobody waited: every customer was assigned on arrival.</text>`);
  } else {
    const steps = hourly.map((value, i) => `H${svgNumber(LEFT + i * slot)}V${svgNumber(y(value))}H${svgNumber(LEFT + (i + 1) * slot)}`).join('');
    parts.push(`<path class="queue-length" d="M${LEFT},${svgNumber(y(0))}${steps}V${svgNumber(y(0))}Z" fill="#e1575955" stroke="#e15759" stroke-width="1"/>`);
  }
  const firstHour = length.from === null ? 0 : Number(length.from.slice(11, 13));
  const days = longestPerDay(length);
  const labelEvery = Math.max(1, Math.ceil(days.length / 16));
  days.forEach(([day, longest], d) => {
    const start = Math.max(0, d * 24 - firstHour);
    if (d % labelEvery !== 0) return;
    parts.push(
      `<text class="tick" x="${svgNumber(LEFT + start * slot + 2)}" y="${HEIGHT - 10}"><title>${day}: longest queue ${longest.toLocaleString('en-US')}</title>${day.slice(5)}</text>`,
    );
  });
  return `<svg class="chart queue-chart" viewBox="0 0 ${CHART_WIDTH} ${HEIGHT}" width="${CHART_WIDTH}" height="${HEIGHT}" role="img" aria-label="Waiting queue length by hour">${parts.join('')}</svg>`;
}
