/**
 * The exactness check of the PostgreSQL section. Every benchmark customer is
 * decided by rule 15 (`fewestAssigned` by day, ties to participant order) on
 * one day, so the agents' final counts depend only on how many customers
 * were assigned, not on which process decided which customer or in which
 * order the transactions took the lock. `createAssigner` replays that many
 * customers in one process; the store must hold exactly the same count per
 * agent, in its records and in the counts it reads back for decisions.
 */
import type pg from 'pg';
import type { PostgresStore } from '../../src/adapters/postgres/index.js';
import { MATCHING_RULE_ID } from '../benchWorkload.js';
import { library } from '../library.js';
import type { PostgresWorkload } from './postgresWorkload.js';

const { createAssigner, compileRuleSet, periodRange } = library;

/** What the check found. */
export interface AssignmentCheck {
  /** Everything matched. */
  exact: boolean;
  /** Successful calls the workers reported. */
  calls: number;
  /** Records in the store, and how many of them are effective. */
  records: number;
  effective: number;
  /** Customers with an agent. */
  subjectsWithAgent: number;
  /** Agents whose record count differs from the replay, or whose `assigned.day` read back differs from it. */
  mismatches: { agentId: string; expected: number; records: number; assignedDay: number }[];
  /** max − min of `assigned.day` among rule 15's participants that can still be chosen. */
  spreadAmongEligible: number;
}

/**
 * Compares the store with a replay of `calls` assignments.
 *
 * @param pool - a pool on the server
 * @param store - the benchmark's store
 * @param workload - the rule set, profiles and field sets
 * @param calls - successful `autoAssign` calls, all windows together
 * @param at - an instant of the benchmark's day
 * @returns the findings
 * @example
 * ```ts
 * const check = await verifyAssignments(pool, store, workload, 12_345, new Date(POSTGRES_CLOCK_START_MS));
 * ```
 */
export async function verifyAssignments(
  pool: pg.Pool,
  store: PostgresStore,
  workload: PostgresWorkload,
  calls: number,
  at: Date,
): Promise<AssignmentCheck> {
  const schema = `"${store.schema}"`;
  const ruleSet = compileRuleSet(workload.ruleSet);
  const replay = createAssigner(ruleSet, { agents: workload.profiles.map((profile) => ({ ...profile, assigned: {}, serving: 0 })) });
  for (let i = 0; i < calls; i++) replay.assign({ id: `replay-${i}`, fields: workload.fieldSets[i % workload.fieldSets.length]! }, at);

  const [totals] = (
    await pool.query<{ records: number; effective: number; subjects: number }>(
      `SELECT count(*)::int AS records, count(*) FILTER (WHERE status = 'effective')::int AS effective,
         (SELECT count(*)::int FROM ${schema}.subjects WHERE agent_id IS NOT NULL) AS subjects
       FROM ${schema}.records`,
    )
  ).rows;
  const perAgent = new Map(
    (await pool.query<{ agent_id: string; n: number }>(`SELECT agent_id, count(*)::int AS n FROM ${schema}.records GROUP BY agent_id`)).rows.map(
      (row) => [row.agent_id, row.n],
    ),
  );
  const periods = {
    day: periodRange('day', at, ruleSet.timeZone),
    week: periodRange('week', at, ruleSet.timeZone),
    month: periodRange('month', at, ruleSet.timeZone),
    quarter: periodRange('quarter', at, ruleSet.timeZone),
    year: periodRange('year', at, ruleSet.timeZone),
  };
  const snapshots = await store.transaction(async (tx) => tx.agentSnapshots(periods));
  const assignedDay = new Map(snapshots.map((agent) => [agent.id, agent.assigned?.day ?? 0]));

  const mismatches: AssignmentCheck['mismatches'] = [];
  for (const agent of replay.agents()) {
    const expected = agent.assigned?.day ?? 0;
    const records = perAgent.get(agent.id) ?? 0;
    const day = assignedDay.get(agent.id) ?? 0;
    if (records !== expected || day !== expected) mismatches.push({ agentId: agent.id, expected, records, assignedDay: day });
  }

  const rule = ruleSet.rules.find((candidate) => candidate.id === MATCHING_RULE_ID)!;
  const eligible = snapshots.filter((agent) => {
    if (!rule.positionOf.has(agent.id) || agent.enabled === false) return false;
    if (agent.presence !== 'online' && agent.presence !== 'busy') return false;
    const serving = typeof agent.serving === 'number' ? agent.serving : (agent.serving?.total ?? 0);
    return agent.capacity == null || serving < agent.capacity;
  });
  const days = eligible.map((agent) => agent.assigned?.day ?? 0);
  const spreadAmongEligible = days.length === 0 ? 0 : Math.max(...days) - Math.min(...days);

  return {
    exact:
      mismatches.length === 0 &&
      totals!.records === calls &&
      totals!.effective === calls &&
      totals!.subjects === calls &&
      spreadAmongEligible <= 1,
    calls,
    records: totals!.records,
    effective: totals!.effective,
    subjectsWithAgent: totals!.subjects,
    mismatches: mismatches.slice(0, 10),
    spreadAmongEligible,
  };
}
