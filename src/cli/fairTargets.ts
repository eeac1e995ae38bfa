import { DEFAULT_RULE_ID, type RuleSet } from '../index.js';

/** A rule's participants and the weights its order uses (1 each unless the rule is proportional). */
export interface RuleWeights {
  ruleId: string;
  weights: Map<string, number>;
}

/**
 * The weights each rule asks for, the default rule last (as `'$default'`).
 *
 * @param ruleSet - a validated rule set
 * @returns one entry per rule, in evaluation order
 * @example
 * ```ts
 * ruleWeights(ruleSet)[1]; // { ruleId: 'vip', weights: Map { 'li-lei' => 2, 'han-meimei' => 1 } }
 * ```
 */
export function ruleWeights(ruleSet: RuleSet): RuleWeights[] {
  const rules = ruleSet.defaultRule ? [...ruleSet.rules, { ...ruleSet.defaultRule, id: DEFAULT_RULE_ID }] : ruleSet.rules;
  return rules.map((rule) => {
    const weights = new Map<string, number>();
    for (const participant of rule.agents) {
      // A selector's agents are known only with the agents file; the simulation's counts cover them.
      if (!('id' in participant)) continue;
      const weight = rule.proportional === true ? (participant.weight ?? 1) : 1;
      weights.set(participant.id, (weights.get(participant.id) ?? 0) + weight);
    }
    return { ruleId: rule.id, weights };
  });
}

/**
 * The fair number of customers for each agent, given what each rule took.
 *
 * Definition: a rule R that assigned n(R) customers ought to have split them
 * among the participants it actually served (those who received at least one
 * customer from R) in proportion to their weights in R — the weights when R is
 * proportional, equal shares otherwise. An agent's target is the sum over the
 * rules: target(a) = Σ_R n(R) · w(a, R) / Σ_{b served by R} w(b, R).
 * Participants R never served (offline, disabled, unknown, excluded by
 * `agentWhen`) are left out, so the target measures how fairly the order
 * split the work among the agents who could take it; capacity that filled up
 * part-way still counts against fairness, because the agent took part.
 *
 * @param rules - the rules' weights, from `ruleWeights`
 * @param taken - per rule id, per agent id: customers assigned by that rule
 * @returns per agent id: the fair (fractional) number of customers
 * @example
 * ```ts
 * // vip took 300 customers, li-lei (weight 2) got 210 and han-meimei (weight 1) got 90
 * fairTargets(rules, new Map([['vip', new Map([['li-lei', 210], ['han-meimei', 90]])]]));
 * // Map { 'li-lei' => 200, 'han-meimei' => 100 }
 * ```
 */
export function fairTargets(rules: readonly RuleWeights[], taken: ReadonlyMap<string, ReadonlyMap<string, number>>): Map<string, number> {
  const targets = new Map<string, number>();
  for (const { ruleId, weights } of rules) {
    const byAgent = taken.get(ruleId);
    if (byAgent === undefined) continue;
    let total = 0;
    let weightSum = 0;
    for (const [agentId, count] of byAgent) {
      if (count <= 0) continue;
      total += count;
      weightSum += weights.get(agentId) ?? 0;
    }
    if (total === 0 || weightSum === 0) continue;
    for (const [agentId, count] of byAgent) {
      if (count <= 0) continue;
      const share = (weights.get(agentId) ?? 0) / weightSum;
      targets.set(agentId, (targets.get(agentId) ?? 0) + total * share);
    }
  }
  return targets;
}
