import type { AgentStats, AssignmentStats, DurationFigures } from '../index.js';
import { dailyChart } from './dailyChart.js';
import { escapeMarkup } from './escapeMarkup.js';
import { formatDuration } from './formatDuration.js';
import { formatLocalTime } from './formatLocalTime.js';
import { REPORT_MESSAGES as M } from './reportMessages.js';
import { REPORT_STYLE } from './reportStyle.js';
import { ruleColours } from './ruleColours.js';
import { shareChart } from './shareChart.js';
import { statsChartInputs } from './statsChartInputs.js';

/** What the report says about where its figures come from. */
export interface StatsReportContext {
  /** The database, as the user named it (a password in a URL is left out). */
  source: string;
  generatedAt: Date;
}

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number | null): string => (fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`);
const points = (fraction: number): string => `${(fraction * 100).toFixed(2)} pt`;
const waited = (figures: DurationFigures | null): string =>
  figures === null ? '—' : `${formatDuration(figures.medianMs)} / ${formatDuration(figures.p90Ms)} <span class="note">(${count(figures.count)})</span>`;

function legend(ids: readonly string[], colourOf: (id: string) => string, marker: boolean): string {
  const items = ids.map((id) => `<span><i style="background:${colourOf(id)}"></i><code>${escapeMarkup(id)}</code></span>`);
  if (marker) items.push('<span><i class="marker"></i>fair target</span>');
  return `<div class="legend">${items.join('')}</div>`;
}

function outcomeBar(agent: AgentStats): string {
  const total = agent.records;
  if (total === 0) return '';
  const parts: [number, string][] = [
    [agent.effective + agent.ended, '#59a14f'],
    [agent.pending, '#9aa5b1'],
    [agent.declined, '#e15759'],
    [agent.expired, '#f28e2b'],
    [agent.cancelled + agent.rejected, '#bab0ac'],
  ];
  return `<div style="display:flex;height:10px">${parts
    .filter(([n]) => n > 0)
    .map(([n, colour]) => `<div style="width:${((n / total) * 100).toFixed(1)}%;background:${colour}"></div>`)
    .join('')}</div>`;
}

function agentTable(agents: readonly AgentStats[]): string {
  const rows = agents
    .map(
      (a) =>
        `<tr data-agent="${escapeMarkup(a.agentId)}"><td>${escapeMarkup(a.agentId)}</td><td class="n">${count(a.auto)}</td><td class="n">${count(a.manual)}</td><td class="n">${count(a.applications)}</td><td class="n">${count(a.effective)}</td><td class="n">${count(a.declined)}</td><td class="n">${count(a.expired)}</td><td class="n">${count(a.cancelled)}</td><td class="n">${count(a.rejected)}</td><td class="n">${percent(a.acceptanceRate)}</td><td style="width:14%">${outcomeBar(a)}</td><td class="n">${waited(a.confirmationTime)}</td><td class="n">${waited(a.approvalTime)}</td></tr>`,
    )
    .join('');
  return `<table class="agents"><thead><tr><th>Agent</th><th class="n">Auto</th><th class="n">Manual</th><th class="n">Applications</th><th class="n">Serving</th><th class="n">Declined</th><th class="n">Expired</th><th class="n">Cancelled</th><th class="n">Rejected</th><th class="n">Accepted</th><th>Outcomes</th><th class="n">Confirmed in (median / p90)</th><th class="n">Approved in (median / p90)</th></tr></thead><tbody>${rows}</tbody></table>
<div class="legend"><span><i style="background:#59a14f"></i>effective or ended</span><span><i style="background:#9aa5b1"></i>pending</span><span><i style="background:#e15759"></i>declined</span><span><i style="background:#f28e2b"></i>expired</span><span><i style="background:#bab0ac"></i>cancelled or rejected</span></div>`;
}

function ruleTable(stats: AssignmentStats, colourOf: (id: string) => string): string {
  const rows = (stats.rules ?? [])
    .map((rule) => {
      const shares = rule.participants.map((p) => `${escapeMarkup(p.agentId)} ${percent(p.share)} of ${percent(p.targetShare)}`).join(', ');
      return `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${colourOf(rule.ruleId)}"></i> <code>${escapeMarkup(rule.ruleId)}</code></td><td>${escapeMarkup(rule.ruleName ?? M.unknown_rule())}</td><td class="n">${count(rule.assignments)}</td><td class="n">${points(rule.maxDeviation)}</td><td>${shares}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>Rule</th><th>Name</th><th class="n">Automatic assignments</th><th class="n">Largest deviation</th><th>Share of target</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function hourTable(stats: AssignmentStats): string {
  const hours = stats.hours ?? [];
  const most = Math.max(1, ...hours.map((hour) => hour.records));
  const rows = hours
    .map(
      (hour) =>
        `<tr><td>${String(hour.hour).padStart(2, '0')}:00</td><td class="n">${count(hour.records)}</td><td style="width:50%"><div class="bar" style="width:${((hour.records / most) * 100).toFixed(1)}%"></div></td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>Hour</th><th class="n">Records</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Renders committed statistics as one self-contained HTML page in the style
 * of `simulate --report` (the same CSS and chart code, no script, nothing
 * loaded from anywhere): the share of automatic assignments per agent
 * against the fair target, records per day by type, each agent's outcomes,
 * acceptance and waiting times, the rules table and records by hour.
 *
 * @param stats - `svc.stats` with every section
 * @param context - where the figures come from, and when
 * @returns the HTML document
 * @example
 * ```ts
 * writeFileSync('report.html', renderStatsReport(await svc.stats({ from, to }), { source: 'db', generatedAt: new Date() }));
 * ```
 */
export function renderStatsReport(stats: AssignmentStats, context: StatsReportContext): string {
  const { share, daily } = statsChartInputs(stats);
  const ruleColour = ruleColours(share.rules.map((rule) => rule.id));
  const typeIds = daily.rules.map((series) => series.id);
  const typeColour = ruleColours(typeIds);
  const title = M.title({ from: formatLocalTime(stats.from, stats.timeZone), to: formatLocalTime(stats.to, stats.timeZone) });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeMarkup(title)}</h1>
<p class="sub">${escapeMarkup(M.summary({ records: stats.records, agents: stats.agents?.length ?? 0, timeZone: stats.timeZone }))}; from <code>${escapeMarkup(context.source)}</code>.</p>
<figure><figcaption><b>Share of automatic assignments per agent against target.</b> One bar per agent, coloured by rule; the black marker is the fair target — what the weights of the rules ask for among the agents that took part.</figcaption>
${shareChart(share, ruleColour)}${legend(share.rules.map((rule) => rule.id), ruleColour, true)}</figure>
<figure><figcaption><b>Records per day, by type</b> (days in ${escapeMarkup(stats.timeZone)}; weekends shaded).</figcaption>
${dailyChart(daily, typeColour)}${legend(typeIds, typeColour, false)}</figure>
<h2>${escapeMarkup(M.agents_heading())}</h2>
${agentTable(stats.agents ?? [])}
<h2>${escapeMarkup(M.rules_heading())}</h2>
${ruleTable(stats, ruleColour)}
<h2>${escapeMarkup(M.hours_heading())}</h2>
${hourTable(stats)}
<footer>Generated by <code>dedicated-agent report</code> at ${escapeMarkup(context.generatedAt.toISOString())} from the records committed in the window.</footer>
</main>
</body>
</html>
`;
}
