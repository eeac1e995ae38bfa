import type { AgentStatsRow, DayStatsRow, DurationFigures, HourStatsRow, RuleStatsRow, StatsQuery, StoreStats } from '../../core/reports/types.js';
import { RECORD_STATUSES, RECORD_TYPES, type RecordStatus, type RecordType } from '../../core/types.js';

/** What `assignment_stats()` returns: aggregated rows as JSON arrays, null for sections not asked for. */
export interface StatsJson {
  records: number;
  agents: AgentJsonRow[] | null;
  rules: [ruleId: string, agentId: string, count: number][] | null;
  statuses: [type: RecordType, status: RecordStatus, count: number][] | null;
  days: [date: string, agentId: string, type: RecordType, count: number][] | null;
  hours: [hour: number, type: RecordType, count: number][] | null;
}

type AgentJsonRow = [
  agentId: string,
  ...counts: [number, number, number, number, number, number, number, number, number, number, number, number, number],
  confirmationCount: number,
  confirmationMs: (number | string)[] | null,
  approvalCount: number,
  approvalMs: (number | string)[] | null,
];

/**
 * Shapes what the database aggregated (`assignment_stats()`, see migration 5)
 * into the port's `StoreStats`: the rows it grouped by agent, rule, type and
 * status, local day and hour become the sections asked for.
 *
 * @internal
 * @param json - the function's result
 * @param query - the query it answered (its sections)
 * @returns the store's statistics
 * @example
 * ```ts
 * statsFromJson({ records: 1, agents: null, rules: null, statuses: [['auto', 'effective', 1]], days: null, hours: null }, query);
 * // { records: 1, types: { auto: 1, manual: 0, application: 0 }, statuses: { …, effective: 1, … } }
 * ```
 */
export function statsFromJson(json: StatsJson, query: StatsQuery): StoreStats {
  const sections = new Set(query.sections);
  const stats: StoreStats = { records: Number(json.records) };
  if (sections.has('agent')) stats.agents = (json.agents ?? []).map(agentRow);
  if (sections.has('rule')) {
    const rules = new Map<string, RuleStatsRow>();
    for (const [ruleId, agentId, count] of json.rules ?? []) {
      const rule = rules.get(ruleId) ?? { ruleId, assignments: 0, agents: [] };
      rule.assignments += Number(count);
      rule.agents.push({ agentId, assignments: Number(count) });
      rules.set(ruleId, rule);
    }
    stats.rules = [...rules.values()];
  }
  if (sections.has('type') || sections.has('status')) {
    const types = Object.fromEntries(RECORD_TYPES.map((type) => [type, 0])) as Record<RecordType, number>;
    const statuses = Object.fromEntries(RECORD_STATUSES.map((status) => [status, 0])) as Record<RecordStatus, number>;
    for (const [type, status, count] of json.statuses ?? []) {
      types[type] += Number(count);
      statuses[status] += Number(count);
    }
    if (sections.has('type')) stats.types = types;
    if (sections.has('status')) stats.statuses = statuses;
  }
  if (sections.has('day')) {
    const days = new Map<string, DayStatsRow>();
    for (const [date, agentId, type, count] of json.days ?? []) {
      const day = days.get(date) ?? { date, records: 0, auto: 0, manual: 0, application: 0, agents: {} };
      day.records += Number(count);
      day[type] += Number(count);
      day.agents[agentId] = (day.agents[agentId] ?? 0) + Number(count);
      days.set(date, day);
    }
    stats.days = [...days.values()];
  }
  if (sections.has('hour')) {
    const hours = new Map<number, HourStatsRow>();
    for (const [hour, type, count] of json.hours ?? []) {
      const row = hours.get(hour) ?? { hour, records: 0, auto: 0, manual: 0, application: 0 };
      row.records += Number(count);
      row[type] += Number(count);
      hours.set(hour, row);
    }
    stats.hours = [...hours.values()];
  }
  return stats;
}

function agentRow(row: AgentJsonRow): AgentStatsRow {
  const [agentId, records, auto, manual, applications, pending, effective, ended, declined, expired, cancelled, rejected, asked, confirmed] = row;
  return {
    agentId,
    records: Number(records),
    auto: Number(auto),
    manual: Number(manual),
    applications: Number(applications),
    pending: Number(pending),
    effective: Number(effective),
    ended: Number(ended),
    declined: Number(declined),
    expired: Number(expired),
    cancelled: Number(cancelled),
    rejected: Number(rejected),
    asked: Number(asked),
    confirmed: Number(confirmed),
    confirmationTime: durationFigures(row[14], row[15]),
    approvalTime: durationFigures(row[16], row[17]),
  };
}

function durationFigures(count: number, percentiles: (number | string)[] | null): DurationFigures | null {
  if (Number(count) === 0 || percentiles === null) return null;
  return { count: Number(count), medianMs: Number(percentiles[0]), p90Ms: Number(percentiles[1]) };
}
