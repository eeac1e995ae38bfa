import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';

const cache = new WeakMap<CompiledRuleSet, readonly string[] | null>();

/**
 * The agents an automatic decision can look at, as ids, so the service reads
 * just their snapshots (not the whole agent table): every agent listed by id
 * in a rule or the default rule — or null when a rule holds a skill-group
 * selector, whose members only the profiles tell (then every agent is read,
 * once per transaction, and `participantSnapshots` keeps the members).
 * Cached per compiled rule set.
 *
 * @internal
 * @param ruleSet - the compiled rule set
 * @returns distinct agent ids, in rule order; null when selectors need every agent's profile
 * @example
 * ```ts
 * participantIds(compileRuleSet(seedRuleSet())); // ['duty-1', 'duty-2', 'li-lei', …]
 * ```
 */
export function participantIds(ruleSet: CompiledRuleSet): readonly string[] | null {
  let ids = cache.get(ruleSet);
  if (ids === undefined) {
    const rules = ruleSet.defaultRule === null ? ruleSet.rules : [...ruleSet.rules, ruleSet.defaultRule];
    ids = rules.some((rule) => rule.selectors.length > 0) ? null : Object.freeze([...new Set(rules.flatMap((rule) => rule.agentIds))]);
    cache.set(ruleSet, ids);
  }
  return ids;
}
