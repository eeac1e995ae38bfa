import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';

const cache = new WeakMap<CompiledRuleSet, readonly string[]>();

/**
 * Every agent that takes part in a rule or the default rule: the only agents an
 * automatic decision can look at, so the service reads just their snapshots
 * (not the whole agent table). Cached per compiled rule set.
 *
 * @internal
 * @param ruleSet - the compiled rule set
 * @returns distinct agent ids, in rule order
 * @example
 * ```ts
 * participantIds(compileRuleSet(seedRuleSet())); // ['duty-1', 'duty-2', 'li-lei', …]
 * ```
 */
export function participantIds(ruleSet: CompiledRuleSet): readonly string[] {
  let ids = cache.get(ruleSet);
  if (ids === undefined) {
    const rules = ruleSet.defaultRule === null ? ruleSet.rules : [...ruleSet.rules, ruleSet.defaultRule];
    ids = Object.freeze([...new Set(rules.flatMap((rule) => rule.agentIds))]);
    cache.set(ruleSet, ids);
  }
  return ids;
}
