import { NotSupportedError } from '../../core/errors.js';
import { readStatsQuery } from '../../core/input/readStatsQuery.js';
import { statsReport } from '../../core/reports/statsReport.js';
import type { AssignmentStats } from '../../core/reports/types.js';
import type { AgentSnapshot } from '../../core/types.js';
import { callStore } from '../callStore.js';
import { ruleSetChangesIn } from './ruleSetChangesIn.js';
import type { ServiceContext } from '../serviceContext.js';

/**
 * `svc.stats`: reads the options (the zone defaulting to the rule set's),
 * asks the store to aggregate the window's records, and shapes the result
 * with the current rule set (rule names, participants and their weights).
 * The agents' profiles are read only when a rule's participants come from a
 * skill-group selector.
 *
 * @internal
 * @param context - the service's context
 * @param options - `{ from, to, timeZone?, groupBy? }` as the caller gave them
 * @returns the statistics
 * @throws InputError (`invalid_input`) naming the bad option; NotSupportedError when the store lacks `assignmentStats`; StoreError when the store fails
 * @example
 * ```ts
 * await collectStats(context, { from: '2026-11-01T00:00+08:00', to: '2026-12-01T00:00+08:00', groupBy: ['agent'] });
 * // { from, to, timeZone: 'Asia/Shanghai', records: 120, agents: [...] }
 * ```
 */
export async function collectStats(context: ServiceContext, options: unknown): Promise<AssignmentStats> {
  const ruleSet = await context.loadRuleSet();
  const query = readStatsQuery(options, 'options', ruleSet.timeZone);
  const { store } = context;
  const aggregate = store.assignmentStats?.bind(store);
  if (aggregate === undefined) throw new NotSupportedError('assignmentStats');
  const stored = await callStore('assignmentStats', () => aggregate(query));
  const rules = ruleSet.defaultRule === null ? ruleSet.rules : [...ruleSet.rules, ruleSet.defaultRule];
  let agents: AgentSnapshot[] = [];
  if (stored.rules !== undefined && rules.some((rule) => rule.selectors.length > 0)) {
    agents = await callStore('agents', () => store.transaction(async (tx) => tx.agents()));
  }
  const at = context.clock.now();
  const waiting = await callStore('queueStats', () => store.queueStats(at));
  const ruleSetChanges = await ruleSetChangesIn(store, query.from, query.to);
  return { ...statsReport(stored, query, ruleSet, agents), waiting: { ...waiting, at: new Date(at.getTime()) }, ruleSetChanges };
}
