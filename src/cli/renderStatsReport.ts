import { WAITING_REASONS } from '../core/types.js';
import type { AgentStats, AssignmentStats, DurationFigures, Locale, WaitingStats } from '../index.js';
import { messagesFor } from '../index.js';
import { dailyChart } from './dailyChart.js';
import { escapeMarkup } from './escapeMarkup.js';
import { reportPageHead } from './reportPageHead.js';
import { formatDuration } from './formatDuration.js';
import { formatLocalTime } from './formatLocalTime.js';
import type { StatsWords } from './i18n/cliMessages.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { ruleColours } from './ruleColours.js';
import { shareChart } from './shareChart.js';
import { statsChartInputs } from './statsChartInputs.js';

/** What the report says about where its figures come from. */
export interface StatsReportContext {
  /** The database, as the user named it (a password in a URL is left out). */
  source: string;
  generatedAt: Date;
  /** The language of the page's words (default `'en'`). */
  locale?: Locale;
}

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number | null): string => (fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`);
const points = (fraction: number, w: StatsWords): string => w.points((fraction * 100).toFixed(2));
const age = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));
const waited = (figures: DurationFigures | null): string =>
  figures === null ? '—' : `${formatDuration(figures.medianMs)} / ${formatDuration(figures.p90Ms)} <span class="note">(${count(figures.count)})</span>`;

function legend(ids: readonly string[], colourOf: (id: string) => string, marker: string | null, labelOf: ((id: string) => string) | null = null): string {
  const items = ids.map(
    (id) => `<span><i style="background:${colourOf(id)}"></i>${labelOf === null ? `<code>${escapeMarkup(id)}</code>` : escapeMarkup(labelOf(id))}</span>`,
  );
  if (marker !== null) items.push(`<span><i class="marker"></i>${escapeMarkup(marker)}</span>`);
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

function agentTable(agents: readonly AgentStats[], w: StatsWords): string {
  const rows = agents
    .map(
      (a) =>
        `<tr data-agent="${escapeMarkup(a.agentId)}"><td>${escapeMarkup(a.agentId)}</td><td class="n">${count(a.auto)}</td><td class="n">${count(a.manual)}</td><td class="n">${count(a.applications)}</td><td class="n">${count(a.effective)}</td><td class="n">${count(a.declined)}</td><td class="n">${count(a.expired)}</td><td class="n">${count(a.cancelled)}</td><td class="n">${count(a.rejected)}</td><td class="n">${percent(a.acceptanceRate)}</td><td style="width:14%">${outcomeBar(a)}</td><td class="n">${waited(a.confirmationTime)}</td><td class="n">${waited(a.approvalTime)}</td></tr>`,
    )
    .join('');
  const [agent, ...counts] = w.pageAgentColumns;
  const head = [`<th>${escapeMarkup(agent)}</th>`, ...counts.slice(0, 9).map((title) => `<th class="n">${escapeMarkup(title)}</th>`), `<th>${escapeMarkup(w.outcomes)}</th>`, ...counts.slice(9).map((title) => `<th class="n">${escapeMarkup(title)}</th>`)];
  const colours = ['#59a14f', '#9aa5b1', '#e15759', '#f28e2b', '#bab0ac'];
  const key = w.outcomeLegend.map((label, i) => `<span><i style="background:${colours[i]}"></i>${escapeMarkup(label)}</span>`).join('');
  return `<table class="agents"><thead><tr>${head.join('')}</tr></thead><tbody>${rows}</tbody></table>
<div class="legend">${key}</div>`;
}

function ruleTable(stats: AssignmentStats, colourOf: (id: string) => string, w: StatsWords): string {
  const rows = (stats.rules ?? [])
    .map((rule) => {
      const shares = rule.participants.map((p) => `${escapeMarkup(p.agentId)} ${escapeMarkup(w.shareOf(percent(p.share), percent(p.targetShare)))}`).join(', ');
      return `<tr><td><i style="display:inline-block;width:10px;height:10px;background:${colourOf(rule.ruleId)}"></i> <code>${escapeMarkup(rule.ruleId)}</code></td><td>${escapeMarkup(rule.ruleName ?? w.unknownRule)}</td><td class="n">${count(rule.assignments)}</td><td class="n">${escapeMarkup(points(rule.maxDeviation, w))}</td><td>${shares}</td></tr>`;
    })
    .join('');
  const [rule, name, assignments, deviation, shares] = w.ruleColumns.map(escapeMarkup);
  return `<table><thead><tr><th>${rule}</th><th>${name}</th><th class="n">${assignments}</th><th class="n">${deviation}</th><th>${shares}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function hourTable(stats: AssignmentStats, w: StatsWords): string {
  const hours = stats.hours ?? [];
  const most = Math.max(1, ...hours.map((hour) => hour.records));
  const rows = hours
    .map(
      (hour) =>
        `<tr><td>${String(hour.hour).padStart(2, '0')}:00</td><td class="n">${count(hour.records)}</td><td style="width:50%"><div class="bar" style="width:${((hour.records / most) * 100).toFixed(1)}%"></div></td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${escapeMarkup(w.hourColumns[0])}</th><th class="n">${escapeMarkup(w.hourColumns[1])}</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function bars(rows: readonly [label: string, size: number, attribute: string][], columns: readonly [string, string]): string {
  const most = Math.max(1, ...rows.map(([, size]) => size));
  const body = rows
    .map(
      ([label, size, attribute]) =>
        `<tr ${attribute}><td>${escapeMarkup(label)}</td><td class="n">${count(size)}</td><td style="width:50%"><div class="bar" style="width:${((size / most) * 100).toFixed(1)}%"></div></td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${escapeMarkup(columns[0])}</th><th class="n">${escapeMarkup(columns[1])}</th><th></th></tr></thead><tbody>${body}</tbody></table>`;
}

/** Where the rules changed in the window: the versions saved, in time order (the daily chart's days can be read against them). */
function ruleSetChangeList(stats: AssignmentStats, w: StatsWords): string {
  const changes = stats.ruleSetChanges ?? [];
  if (changes.length === 0) return '';
  const items = changes.map(
    (change) =>
      `<li data-revision="${escapeMarkup(change.revision)}">${escapeMarkup(w.ruleSetChanges.line(formatLocalTime(change.at, stats.timeZone), change.actor.id, change.revision, change.note))}</li>`,
  );
  return `<section class="rule-set-changes"><h2>${escapeMarkup(w.ruleSetChanges.heading(changes.length))}</h2><ul>${items.join('')}</ul></section>`;
}

function waitingSection(waiting: WaitingStats, timeZone: string, locale: Locale, w: StatsWords): string {
  const summary = w.waiting.summary(waiting.size, formatLocalTime(waiting.at, timeZone));
  if (waiting.size === 0) return `<section class="waiting"><h2>${escapeMarkup(w.waiting.heading)}</h2><p>${escapeMarkup(summary)}</p></section>`;
  const reasons = messagesFor(locale).waitingReason;
  const byReason = WAITING_REASONS.filter((reason) => waiting.byReason[reason] > 0).map((reason): [string, number, string] => [
    reasons[reason],
    waiting.byReason[reason],
    `data-reason="${reason}"`,
  ]);
  const byRule = waiting.byRule.map((rule): [string, number, string] => [rule.ruleId ?? w.waiting.noRule, rule.size, `data-rule="${escapeMarkup(rule.ruleId ?? '')}"`]);
  return `<section class="waiting"><h2>${escapeMarkup(w.waiting.heading)}</h2>
<p class="sub">${escapeMarkup(summary)}; ${escapeMarkup(w.waiting.ages(age(waiting.oldestAgeMs), age(waiting.p50AgeMs), age(waiting.p95AgeMs)))}</p>
${bars(byReason, w.waiting.reasonColumns)}
${bars(byRule, w.waiting.ruleColumns)}</section>`;
}

/**
 * Renders committed statistics as one self-contained HTML page in the style
 * of `simulate --report` (the same CSS and chart code, no script, nothing
 * loaded from anywhere): the share of automatic assignments per agent
 * against the fair target, records per day by type, each agent's outcomes,
 * acceptance and waiting times, the rules table, records by hour and the
 * waiting queue now by reason and by rule, in the context's locale.
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
  const locale = context.locale ?? 'en';
  const w = cliMessagesFor(locale).stats;
  const typeWords = messagesFor(locale).workflow.type;
  const typeLabel = (id: string): string => typeWords[id as keyof typeof typeWords] ?? id;
  const title = w.title(formatLocalTime(stats.from, stats.timeZone), formatLocalTime(stats.to, stats.timeZone));
  const [shareBold, shareRest] = w.shareCaption;
  const [dailyBold, dailyRest] = w.dailyCaption(stats.timeZone);
  const [footerBefore, footerAfter] = w.footer(context.generatedAt.toISOString());
  return `${reportPageHead(w.htmlLang, title)}
<p class="sub">${escapeMarkup(w.summary(count(stats.records), count(stats.agents?.length ?? 0), stats.timeZone))}${escapeMarkup(w.source[0])}<code>${escapeMarkup(context.source)}</code>${escapeMarkup(w.source[1])}</p>
<figure><figcaption><b>${escapeMarkup(shareBold)}</b>${escapeMarkup(shareRest)}</figcaption>
${shareChart(share, ruleColour)}${legend(share.rules.map((rule) => rule.id), ruleColour, w.fairTarget)}</figure>
<figure><figcaption><b>${escapeMarkup(dailyBold)}</b>${escapeMarkup(dailyRest)}</figcaption>
${dailyChart(daily, typeColour)}${legend(typeIds, typeColour, null, typeLabel)}</figure>
<h2>${escapeMarkup(w.agentsHeading)}</h2>
${agentTable(stats.agents ?? [], w)}
<h2>${escapeMarkup(w.rulesHeading)}</h2>
${ruleTable(stats, ruleColour, w)}
<h2>${escapeMarkup(w.hoursHeading)}</h2>
${hourTable(stats, w)}
${stats.waiting === undefined ? '' : waitingSection(stats.waiting, stats.timeZone, locale, w)}
${ruleSetChangeList(stats, w)}
<footer>${escapeMarkup(footerBefore)}<code>dedicated-agent report</code>${escapeMarkup(footerAfter)}</footer>
</main>
</body>
</html>
`;
}
