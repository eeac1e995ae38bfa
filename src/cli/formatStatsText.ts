import type { AgentStats, AssignmentStats, DurationFigures } from '../index.js';
import { formatDuration } from './formatDuration.js';
import { formatLocalTime } from './formatLocalTime.js';
import { REPORT_MESSAGES as M } from './reportMessages.js';
import { textTable } from './textTable.js';

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (fraction: number | null): string => (fraction === null ? '—' : `${(fraction * 100).toFixed(1)}%`);
const points = (fraction: number): string => `${(fraction * 100).toFixed(2)} pt`;
const signedPoints = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(2)} pt`;

const waited = (figures: DurationFigures | null): string =>
  figures === null ? '—' : `${formatDuration(figures.medianMs)} / ${formatDuration(figures.p90Ms)}`;

function agentRows(agents: readonly AgentStats[]): string[] {
  return textTable(
    ['agent', 'auto', 'manual', 'apps', 'serving', 'declined', 'expired', 'cancelled', 'rejected', 'accepted', 'confirm median/p90', 'approve median/p90'],
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

/**
 * The `report` command's text output: a summary line, the agents table
 * (assignments by type, outcomes, acceptance, waiting times), the rules with
 * each participant's share against its target, and the busiest days and hours.
 *
 * @param stats - `svc.stats` with every section
 * @returns the text, ending with a newline
 * @example
 * ```ts
 * io.stdout.write(formatStatsText(await svc.stats({ from, to })));
 * ```
 */
export function formatStatsText(stats: AssignmentStats): string {
  const lines: string[] = [];
  lines.push(M.title({ from: formatLocalTime(stats.from, stats.timeZone), to: formatLocalTime(stats.to, stats.timeZone) }));
  lines.push(M.summary({ records: stats.records, agents: stats.agents?.length ?? 0, timeZone: stats.timeZone }), '');
  lines.push(M.agents_heading(), ...agentRows(stats.agents ?? []), '');
  lines.push(M.rules_heading());
  for (const rule of stats.rules ?? []) {
    lines.push(`  ${rule.ruleId} ${rule.ruleName ?? M.unknown_rule()}: ${count(rule.assignments)}, largest deviation ${points(rule.maxDeviation)}`);
    for (const p of rule.participants) {
      lines.push(`    ${p.agentId}  ${count(p.assignments)}  ${percent(p.share)} of ${percent(p.targetShare)}  ${signedPoints(p.deviation)}`);
    }
  }
  lines.push('', M.days_heading());
  lines.push(...textTable(['day', 'records', 'auto', 'manual', 'apps'], (stats.days ?? []).map((d) => [d.date, count(d.records), count(d.auto), count(d.manual), count(d.application)]), ['left', 'right', 'right', 'right', 'right']));
  lines.push('', M.hours_heading());
  lines.push(
    ...textTable(
      ['hour', 'records'],
      (stats.hours ?? []).filter((h) => h.records > 0).map((h) => [`${String(h.hour).padStart(2, '0')}:00`, count(h.records)]),
      ['left', 'right'],
    ),
  );
  return `${lines.join('\n')}\n`;
}
