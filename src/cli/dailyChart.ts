import { CHART_WIDTH } from './chartLayout.js';
import { escapeMarkup } from './escapeMarkup.js';
import { niceAxis } from './niceAxis.js';
import { svgNumber } from './svgNumber.js';

const HEIGHT = 250;
const LEFT = 56;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 30;

/** What the daily chart draws: local days, and per series (a rule, a record type) its count on each day. */
export interface DailyChartInput {
  /** `YYYY-MM-DD`, in order. */
  readonly days: readonly string[];
  /** The stacked series, bottom first; `daily[d]` is the count on `days[d]`. */
  readonly rules: readonly { readonly id: string; readonly daily: readonly number[] }[];
}

function isWeekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * Assignments per local day as stacked bars, one colour per rule, weekends
 * shaded: shows how the load moves between rules over time (a holiday rule
 * taking over for a week, office-hour rules pausing at weekends).
 *
 * @param scenario - one scenario of a simulation, or a report's days in the same shape
 * @param colourOf - the colour of a series id
 * @returns an `<svg>` element
 * @example
 * ```ts
 * const svg = dailyChart(result.scenarios[0], ruleColours(ruleIds));
 * ```
 */
export function dailyChart(scenario: DailyChartInput, colourOf: (ruleId: string) => string): string {
  const days = scenario.days;
  const plotWidth = CHART_WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const totals = days.map((_, d) => scenario.rules.reduce((sum, rule) => sum + rule.daily[d]!, 0));
  const axis = niceAxis(Math.max(1, ...totals), 4);
  const slot = days.length === 0 ? plotWidth : plotWidth / days.length;
  const y = (value: number) => TOP + plotHeight - (value / axis.max) * plotHeight;
  const parts: string[] = [];
  days.forEach((day, d) => {
    if (isWeekend(day)) parts.push(`<rect class="weekend" x="${svgNumber(LEFT + d * slot)}" y="${TOP}" width="${svgNumber(slot)}" height="${plotHeight}"/>`);
  });
  for (let tick = 0; tick <= axis.max + axis.step / 2; tick += axis.step) {
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${CHART_WIDTH - RIGHT}" y1="${svgNumber(y(tick))}" y2="${svgNumber(y(tick))}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${svgNumber(y(tick) + 4)}" text-anchor="end">${tick.toLocaleString('en-US')}</text>`,
    );
  }
  const labelEvery = Math.max(1, Math.ceil(days.length / 16));
  days.forEach((day, d) => {
    const x = LEFT + d * slot + slot * 0.1;
    const width = slot * 0.8;
    const byRule = scenario.rules.filter((rule) => rule.daily[d]! > 0).map((rule) => `${rule.id} ${rule.daily[d]!.toLocaleString('en-US')}`);
    const bar = [`<g class="day-bar" data-day="${day}"><title>${day}: ${totals[d]!.toLocaleString('en-US')} assigned${byRule.length ? ` (${escapeMarkup(byRule.join(', '))})` : ''}</title>`];
    let stacked = 0;
    for (const rule of scenario.rules) {
      const n = rule.daily[d]!;
      if (n === 0) continue;
      bar.push(`<rect x="${svgNumber(x)}" y="${svgNumber(y(stacked + n))}" width="${svgNumber(width)}" height="${svgNumber(y(stacked) - y(stacked + n))}" fill="${colourOf(rule.id)}"/>`);
      stacked += n;
    }
    bar.push('</g>');
    parts.push(bar.join(''));
    if (d % labelEvery === 0) parts.push(`<text class="tick" x="${svgNumber(LEFT + d * slot + slot / 2)}" y="${HEIGHT - 10}" text-anchor="middle">${day.slice(5)}</text>`);
  });
  return `<svg class="chart daily-chart" viewBox="0 0 ${CHART_WIDTH} ${HEIGHT}" width="${CHART_WIDTH}" height="${HEIGHT}" role="img" aria-label="Assignments per day by rule">${parts.join('')}</svg>`;
}
