import type { AgentStats, AssignmentStats, DurationFigures, Locale, WaitingStats } from '../index.js';
import { WAITING_REASONS } from '../core/types.js';
import { messagesFor } from '../index.js';
import { formatDuration } from './formatDuration.js';
import { formatLocalTime } from './formatLocalTime.js';
import type { StatsWords } from './i18n/cliMessages.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { textTable } from './textTable.js';

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number | null): string => (fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`);
const points = (fraction: number): string => (fraction * 100).toFixed(2);
const signedPoints = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(2)}`;
const age = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

const waited = (figures: DurationFigures | null): string =>
  figures === null ? '—' : `${formatDuration(figures.medianMs)} / ${formatDuration(figures.p90Ms)}`;

function agentRows(agents: readonly AgentStats[], w: StatsWords): string[] {
  return textTable(
    w.agentColumns,
    agents.map((a) => [
      a.agentId,
      count(a.auto),
      count(a.manual),
      count(a.applications),
      count(a.effective),
      count(a.declined),
      count(a.expired),
      count(a.cancelled),
      count(a.rejected),
      percent(a.acceptanceRate),
      waited(a.confirmationTime),
      waited(a.approvalTime),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

function waitingLines(waiting: WaitingStats, timeZone: string, locale: Locale, w: StatsWords): string[] {
  const lines = [w.waiting.heading, w.waiting.summary(waiting.size, formatLocalTime(waiting.at, timeZone))];
  if (waiting.size === 0) return lines;
  const reasons = messagesFor(locale).waitingReason;
  lines.push(w.waiting.ages(age(waiting.oldestAgeMs), age(waiting.p50AgeMs), age(waiting.p95AgeMs)));
  const byReason = WAITING_REASONS.filter((reason) => waiting.byReason[reason] > 0);
  lines.push(...textTable(w.waiting.reasonColumns, byReason.map((reason) => [reasons[reason], count(waiting.byReason[reason])]), ['left', 'right']));
  lines.push(...textTable(w.waiting.ruleColumns, waiting.byRule.map((rule) => [rule.ruleId ?? w.waiting.noRule, count(rule.size)]), ['left', 'right']));
  return lines;
}

/**
 * The `report` command's text output: a summary line, the agents table
 * (assignments by type, outcomes, acceptance, waiting times), the rules with
 * each participant's share against its target, the busiest days and hours,
 * and the waiting queue as it is now, in the locale's words.
 *
 * @param stats - `svc.stats` with every section
 * @param locale - the language of the words (figures are the same in every language); default `'en'`
 * @returns the text, ending with a newline
 * @example
 * ```ts
 * io.stdout.write(formatStatsText(await svc.stats({ from, to }), 'zh-CN'));
 * ```
 */
export function formatStatsText(stats: AssignmentStats, locale: Locale = 'en'): string {
  const w = cliMessagesFor(locale).stats;
  const lines: string[] = [];
  lines.push(w.title(formatLocalTime(stats.from, stats.timeZone), formatLocalTime(stats.to, stats.timeZone)));
  lines.push(w.summary(count(stats.records), count(stats.agents?.length ?? 0), stats.timeZone), '');
  lines.push(w.agentsHeading, ...agentRows(stats.agents ?? [], w), '');
  lines.push(w.rulesHeading);
  for (const rule of stats.rules ?? []) {
    lines.push(`  ${w.ruleLine(rule.ruleId, rule.ruleName ?? w.unknownRule, count(rule.assignments), w.points(points(rule.maxDeviation)))}`);
    for (const p of rule.participants) {
      lines.push(`    ${p.agentId}  ${count(p.assignments)}  ${w.shareOf(percent(p.share), percent(p.targetShare))}  ${w.points(signedPoints(p.deviation))}`);
    }
  }
  lines.push('', w.daysHeading);
  lines.push(...textTable(w.dayColumns, (stats.days ?? []).map((d) => [d.date, count(d.records), count(d.auto), count(d.manual), count(d.application)]), ['left', 'right', 'right', 'right', 'right']));
  lines.push('', w.hoursHeading);
  lines.push(
    ...textTable(
      w.hourColumns,
      (stats.hours ?? []).filter((h) => h.records > 0).map((h) => [`${String(h.hour).padStart(2, '0')}:00`, count(h.records)]),
      ['left', 'right'],
    ),
  );
  if (stats.waiting !== undefined) lines.push('', ...waitingLines(stats.waiting, stats.timeZone, locale, w));
  const changes = stats.ruleSetChanges ?? [];
  if (changes.length > 0) {
    lines.push('', w.ruleSetChanges.heading(changes.length));
    for (const change of changes) lines.push(`  ${w.ruleSetChanges.line(formatLocalTime(change.at, stats.timeZone), change.actor.id, change.revision, change.note)}`);
  }
  return `${lines.join('\n')}\n`;
}
