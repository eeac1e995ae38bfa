import { emptyAgentRow } from '../../core/reports/emptyAgentRow.js';
import type { AgentStatsRow, DayStatsRow, DurationFigures, HourStatsRow, RuleStatsRow, StatsQuery, StoreStats } from '../../core/reports/types.js';
import { RECORD_STATUSES, RECORD_TYPES, type RecordStatus, type RecordType, type StatsSection } from '../../core/types.js';

/** What `assignment_stats()` returns (see migration 5). */
export interface StatsJson {
  /** Counts per grouping set: [grouping mask, agent, rule, type, status, day, hour, count, asked, confirmed]. */
  groups: GroupRow[];
  /** With the agent section: [agent, way to effective, count, [median ms, p90 ms]]. */
  times: [agentId: string, via: 'confirmation' | 'approval', count: number, percentiles: (number | string)[]][] | null;
}

type GroupRow = [
  mask: number,
  agentId: string | null,
  ruleId: string | null,
  type: RecordType,
  status: RecordStatus | null,
  day: string | null,
  hour: number | null,
  count: number,
  asked: number,
  confirmed: number,
];

/** The columns `grouping()` reads, most significant bit first. */
const GROUPING_COLUMNS = ['agent_id', 'rule_id', 'status', 'day', 'hour'] as const;

type GroupingColumn = (typeof GROUPING_COLUMNS)[number];

/** `grouping(agent_id, rule_id, status, day, hour)` of a set: a bit for each column it does not group by. */
function maskOf(columns: readonly GroupingColumn[]): number {
  return GROUPING_COLUMNS.reduce((mask, column) => (mask << 1) | (columns.includes(column) ? 0 : 1), 0);
}

/** Each section's grouping set, as `assignment_stats()` builds them for `sections`. */
function setMasks(sections: ReadonlySet<StatsSection>) {
  const unused: GroupingColumn[] = [];
  if (!sections.has('agent') && !sections.has('rule') && !sections.has('day')) unused.push('agent_id');
  if (!sections.has('rule')) unused.push('rule_id');
  if (!sections.has('day')) unused.push('day');
  if (!sections.has('hour')) unused.push('hour');
  return {
    types: maskOf(['status', ...unused]),
    agents: maskOf(['agent_id', 'status']),
    rules: maskOf(['rule_id', 'agent_id']),
    days: maskOf(['day', 'agent_id']),
    hours: maskOf(['hour']),
  };
}

const TYPE_FIGURE = { auto: 'auto', manual: 'manual', application: 'applications' } as const;

/**
 * Shapes what the database aggregated (`assignment_stats()`, see migration 5)
 * into the port's `StoreStats`: each grouping set's rows become the section
 * that asked for them.
 *
 * @internal
 * @param json - the function's result
 * @param query - the query it answered (its sections)
 * @returns the store's statistics
 * @example
 * ```ts
 * statsFromJson({ groups: [[31, null, null, 'auto', 'effective', null, null, 1, 0, 0]], times: null }, { …, sections: ['type'] });
 * // { records: 1, types: { auto: 1, manual: 0, application: 0 } }
 * ```
 */
export function statsFromJson(json: StatsJson, query: StatsQuery): StoreStats {
  const sections = new Set(query.sections);
  const masks = setMasks(sections);
  const types = Object.fromEntries(RECORD_TYPES.map((type) => [type, 0])) as Record<RecordType, number>;
  const statuses = Object.fromEntries(RECORD_STATUSES.map((status) => [status, 0])) as Record<RecordStatus, number>;
  const agents = new Map<string, AgentStatsRow>();
  const rules = new Map<string, RuleStatsRow>();
  const days = new Map<string, DayStatsRow>();
  const hours = new Map<number, HourStatsRow>();
  let records = 0;
  for (const [mask, agentId, ruleId, type, status, date, hour, counted, asked, confirmed] of json.groups) {
    const count = Number(counted);
    if (mask === masks.types) {
      records += count;
      types[type] += count;
      statuses[status!] += count;
    } else if (mask === masks.agents) {
      const row = agents.get(agentId!) ?? emptyAgentRow(agentId!);
      row.records += count;
      row[TYPE_FIGURE[type]] += count;
      if (status === 'pending_approval' || status === 'pending_confirmation') row.pending += count;
      else row[status!] += count;
      row.asked += Number(asked);
      row.confirmed += Number(confirmed);
      agents.set(agentId!, row);
    } else if (mask === masks.rules) {
      if (type !== 'auto' || ruleId === null) continue;
      const rule = rules.get(ruleId) ?? { ruleId, assignments: 0, agents: [] };
      rule.assignments += count;
      rule.agents.push({ agentId: agentId!, assignments: count });
      rules.set(ruleId, rule);
    } else if (mask === masks.days) {
      const day = days.get(date!) ?? { date: date!, records: 0, auto: 0, manual: 0, application: 0, agents: {} };
      day.records += count;
      day[type] += count;
      day.agents[agentId!] = (day.agents[agentId!] ?? 0) + count;
      days.set(date!, day);
    } else if (mask === masks.hours) {
      const row = hours.get(hour!) ?? { hour: hour!, records: 0, auto: 0, manual: 0, application: 0 };
      row.records += count;
      row[type] += count;
      hours.set(hour!, row);
    }
  }
  for (const [agentId, via, count, percentiles] of json.times ?? []) {
    const row = agents.get(agentId);
    if (row === undefined) continue;
    const figures: DurationFigures = { count: Number(count), medianMs: Number(percentiles[0]), p90Ms: Number(percentiles[1]) };
    if (via === 'confirmation') row.confirmationTime = figures;
    else row.approvalTime = figures;
  }
  const stats: StoreStats = { records };
  if (sections.has('agent')) stats.agents = [...agents.values()];
  if (sections.has('rule')) stats.rules = [...rules.values()];
  if (sections.has('type')) stats.types = types;
  if (sections.has('status')) stats.statuses = statuses;
  if (sections.has('day')) stats.days = [...days.values()];
  if (sections.has('hour')) stats.hours = [...hours.values()];
  return stats;
}
