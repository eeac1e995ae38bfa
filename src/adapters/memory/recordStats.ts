import { emptyAgentRow } from '../../core/reports/emptyAgentRow.js';
import { localDate } from '../../core/reports/localDate.js';
import { localParts } from '../../core/time/localParts.js';
import type { AssignmentRecord, RecordStatus, RecordType } from '../../core/types.js';
import { RECORD_STATUSES, RECORD_TYPES } from '../../core/types.js';
import type { AgentStatsRow, DayStatsRow, DurationFigures, HourStatsRow, RuleStatsRow, StatsQuery, StoreStats } from '../../core/reports/types.js';

/** An agent's figures while being summed, with the waiting times not yet reduced to figures. */
interface AgentTally {
  row: AgentStatsRow;
  confirmationMs: number[];
  approvalMs: number[];
}

const TYPE_FIGURE = { auto: 'auto', manual: 'manual', application: 'applications' } as const;

/**
 * The memory store's `assignmentStats`: one pass over the records created in
 * [`query.from`, `query.to`), the same figures the PostgreSQL store
 * aggregates in SQL (see `StoreStats`). A record's way to effective is read
 * from its history: its first transition to `effective`, by confirmation
 * when it came from `pending_confirmation`, by approval when from
 * `pending_approval`.
 *
 * @internal
 * @param records - every record of the store (those outside the window are skipped)
 * @param query - a checked query
 * @returns the figures of the sections asked for
 * @example
 * ```ts
 * recordStats(state.records.values(), { from, to, timeZone: 'Asia/Shanghai', sections: ['agent'] });
 * // { records: 12, agents: [{ agentId: 'a', auto: 5, … }] }
 * ```
 */
export function recordStats(records: Iterable<AssignmentRecord>, query: StatsQuery): StoreStats {
  const sections = new Set(query.sections);
  const fromMs = query.from.getTime();
  const toMs = query.to.getTime();
  const agents = new Map<string, AgentTally>();
  const rules = new Map<string, Map<string, number>>();
  const types = countsOf(RECORD_TYPES);
  const statuses = countsOf(RECORD_STATUSES);
  const days = new Map<string, DayStatsRow>();
  const hours: HourStatsRow[] = Array.from({ length: 24 }, (_, hour) => ({ hour, records: 0, auto: 0, manual: 0, application: 0 }));
  let total = 0;
  for (const record of records) {
    const createdMs = record.createdAt.getTime();
    if (createdMs < fromMs || createdMs >= toMs) continue;
    total++;
    types[record.type]++;
    statuses[record.status]++;
    if (sections.has('agent')) tallyAgent(agents, record);
    if (sections.has('rule') && record.type === 'auto' && record.ruleId !== null) {
      const byAgent = rules.get(record.ruleId) ?? new Map<string, number>();
      byAgent.set(record.agentId, (byAgent.get(record.agentId) ?? 0) + 1);
      rules.set(record.ruleId, byAgent);
    }
    if (sections.has('day') || sections.has('hour')) {
      const local = localParts(createdMs, query.timeZone);
      if (sections.has('day')) {
        const date = localDate(local.dayNumber);
        const day = days.get(date) ?? { date, records: 0, auto: 0, manual: 0, application: 0, agents: {} };
        day.records++;
        day[record.type]++;
        day.agents[record.agentId] = (day.agents[record.agentId] ?? 0) + 1;
        days.set(date, day);
      }
      const hour = hours[Math.floor(local.minuteOfDay / 60)]!;
      hour.records++;
      hour[record.type]++;
    }
  }
  const stats: StoreStats = { records: total };
  if (sections.has('agent')) {
    stats.agents = [...agents.values()]
      .sort((a, b) => compareIds(a.row.agentId, b.row.agentId))
      .map(({ row, confirmationMs, approvalMs }) => ({ ...row, confirmationTime: durationFigures(confirmationMs), approvalTime: durationFigures(approvalMs) }));
  }
  if (sections.has('rule')) {
    stats.rules = [...rules.entries()]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([ruleId, byAgent]): RuleStatsRow => {
        const list = [...byAgent.entries()].sort(([a], [b]) => compareIds(a, b)).map(([agentId, assignments]) => ({ agentId, assignments }));
        return { ruleId, assignments: list.reduce((sum, agent) => sum + agent.assignments, 0), agents: list };
      });
  }
  if (sections.has('type')) stats.types = types;
  if (sections.has('status')) stats.statuses = statuses;
  if (sections.has('day')) stats.days = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  if (sections.has('hour')) stats.hours = hours;
  return stats;
}

function tallyAgent(agents: Map<string, AgentTally>, record: AssignmentRecord): void {
  let tally = agents.get(record.agentId);
  if (tally === undefined) {
    const row = emptyAgentRow(record.agentId);
    tally = { row, confirmationMs: [], approvalMs: [] };
    agents.set(record.agentId, tally);
  }
  const { row } = tally;
  row.records++;
  row[TYPE_FIGURE[record.type]]++;
  if (record.status === 'pending_approval' || record.status === 'pending_confirmation') row.pending++;
  else row[record.status]++;
  const askedConfirmation = record.history.some((step) => step.to === 'pending_confirmation');
  if (askedConfirmation && record.status !== 'pending_confirmation') row.asked++;
  const effective = record.history.find((step) => step.to === 'effective');
  if (effective === undefined) return;
  const waitedMs = effective.at.getTime() - record.createdAt.getTime();
  if (effective.from === 'pending_confirmation') {
    row.confirmed++;
    tally.confirmationMs.push(waitedMs);
  } else if (effective.from === 'pending_approval') tally.approvalMs.push(waitedMs);
}

/**
 * Count, median and 90th percentile by nearest rank: the ⌈p·n⌉-th smallest
 * value (PostgreSQL's `percentile_disc`, computed the same way in floating point).
 */
function durationFigures(values: number[]): DurationFigures | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
  return { count: sorted.length, medianMs: rank(0.5), p90Ms: rank(0.9) };
}

function countsOf<K extends RecordType | RecordStatus>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

/** A stable order for the result (the service orders what it shows itself). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
