import type { CompiledRule, CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { AgentSnapshot } from '../core/types.js';
import type { PeriodRanges, StoreTransaction } from '../ports.js';
import { participantIds } from './participantIds.js';

// Selectors test profiles only: no subject fields.
const NO_FIELDS: readonly unknown[] = Object.freeze([]);

/**
 * The snapshots, in `periods`, of every agent that takes part in a rule of the
 * rule set: those listed by id, and — when a rule holds skill-group selectors —
 * every agent a selector matches as the store has the profile now, so an agent
 * upserted with the skill joins without a rule edit. Selectors are matched
 * here once per transaction; the decisions of the transaction then look at the
 * participants only, however many agents the store holds.
 *
 * @internal
 * @param tx - the transaction (its assignment lock is held)
 * @param ruleSet - the compiled rule set
 * @param periods - the current counting periods
 * @returns the participants' snapshots
 * @example
 * ```ts
 * const agents = await participantSnapshots(call.tx, call.ruleSet, periodRangesAt(call.ruleSet, call.now));
 * ```
 */
export async function participantSnapshots(tx: StoreTransaction, ruleSet: CompiledRuleSet, periods: PeriodRanges): Promise<AgentSnapshot[]> {
  const ids = participantIds(ruleSet);
  if (ids !== null) return tx.agentSnapshots(periods, ids);
  const rules = ruleSet.defaultRule === null ? ruleSet.rules : [...ruleSet.rules, ruleSet.defaultRule];
  const listed = new Set(rules.flatMap((rule) => rule.agentIds));
  const selecting = rules.filter((rule) => rule.selectors.length > 0);
  const all = await tx.agentSnapshots(periods);
  return all.filter((agent) => listed.has(agent.id) || selecting.some((rule) => selects(rule, agent)));
}

/** Whether one of the rule's selectors matches the agent's profile. */
function selects(rule: CompiledRule, agent: AgentSnapshot): boolean {
  return rule.selectors.some((selector) => selector.test(NO_FIELDS, agent, 0));
}
