import type { UnassignedReason } from '../index.js';
import { CHART_WIDTH } from './chartLayout.js';
import { REASON_COLOURS } from './ruleColours.js';
import type { ScenarioResult } from './simulationResult.js';
import { niceAxis } from './niceAxis.js';
import { svgNumber } from './svgNumber.js';

const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 30;

/**
 * Customers not assigned on arrival, by local hour of arrival (0–23), stacked
 * by reason: shows when closed schedules turn customers away and when nobody
 * is eligible.
 *
 * @param scenario - one scenario of a simulation
 * @param everyoneAssigned - the note shown when nobody was turned away, in the report's language
 * @returns an `<svg>` element (with a note instead of bars when every customer was assigned on arrival)
 * @example
 * ```ts
 * const svg = hourlyChart(result.scenarios[0]);
 * ```
 */
export function hourlyChart(scenario: ScenarioResult, everyoneAssigned = 'Every customer was assigned on arrival.'): string {
  const reasons = Object.keys(scenario.unassignedByHour) as UnassignedReason[];
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const totals = Array.from({ length: 24 }, (_, h) => reasons.reduce((sum, reason) => sum + scenario.unassignedByHour[reason]![h]!, 0));
  const axis = niceAxis(Math.max(1, ...totals), 4);
  const slot = plotWidth / 24;
  const y = (value: number) => TOP + plotHeight - (value / axis.max) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= axis.max + axis.step / 2; tick += axis.step) {
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${CHART_WIDTH - RIGHT}" y1="${svgNumber(y(tick))}" y2="${svgNumber(y(tick))}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${svgNumber(y(tick) + 4)}" text-anchor="end">${tick.toLocaleString('en-US')}</text>`,
    );
  }
  for (let hour = 0; hour < 24; hour++) {
    const x = LEFT + hour * slot + slot * 0.15;
    const bar = [`<g class="hour-bar" data-hour="${hour}"><title>${String(hour).padStart(2, '0')}:00–${String(hour + 1).padStart(2, '0')}:00: ${totals[hour]!.toLocaleString('en-US')} not assigned on arrival${reasons.map((reason) => `, ${reason} ${scenario.unassignedByHour[reason]![hour]!.toLocaleString('en-US')}`).join('')}</title>`];
    let stacked = 0;
    for (const reason of reasons) {
      const n = scenario.unassignedByHour[reason]![hour]!;
      if (n === 0) continue;
      bar.push(`<rect x="${svgNumber(x)}" y="${svgNumber(y(stacked + n))}" width="${svgNumber(slot * 0.7)}" height="${svgNumber(y(stacked) - y(stacked + n))}" fill="${REASON_COLOURS[reason] ?? '#999'}"/>`);
      stacked += n;
    }
    bar.push('</g>');
    parts.push(bar.join(''), `<text class="tick" x="${svgNumber(LEFT + hour * slot + slot / 2)}" y="${HEIGHT - 10}" text-anchor="middle">${hour}</text>`);
  }
  if (reasons.length === 0) parts.push(`<text class="note" x="${CHART_WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">${everyoneAssigned}</text>`);
  return `<svg class="chart hourly-chart" viewBox="0 0 ${CHART_WIDTH} ${HEIGHT}" width="${CHART_WIDTH}" height="${HEIGHT}" role="img" aria-label="Not assigned on arrival by hour of day">${parts.join('')}</svg>`;
}
