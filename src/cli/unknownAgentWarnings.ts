import { DEFAULT_RULE_ID, type AgentSnapshot, type RuleSet } from '../index.js';

/**
 * Lists the participants of rules who are not among the agents supplied.
 * These are warnings, not errors: the engine treats such a participant as
 * "not a candidate (unknown)" and goes on, which is what happens in
 * production when a rule still names an agent who has left. A rule none of
 * whose participants is known is called out separately, because it can never
 * assign anybody.
 *
 * @param ruleSet - the validated rule set
 * @param agents - the agents supplied
 * @param source - the rule-set file name, for the messages
 * @returns one message per rule with unknown participants
 * @example
 * ```ts
 * unknownAgentWarnings(ruleSet, agents, 'rules.json');
 * // ['rules.json: rule "vip" names agents not in the agents file: li-lei']
 * ```
 */
export function unknownAgentWarnings(ruleSet: RuleSet, agents: readonly AgentSnapshot[], source: string): string[] {
  const known = new Set(agents.map((agent) => agent.id));
  const rules = ruleSet.defaultRule ? [...ruleSet.rules, { ...ruleSet.defaultRule, id: DEFAULT_RULE_ID }] : ruleSet.rules;
  const warnings: string[] = [];
  for (const rule of rules) {
    const unknown = rule.agents.flatMap((participant) => ('id' in participant ? [participant.id] : [])).filter((id) => !known.has(id));
    if (unknown.length === 0) continue;
    const label = rule.id === DEFAULT_RULE_ID ? 'the default rule' : `rule "${rule.id}"`;
    const none = unknown.length === rule.agents.length ? ' (none of its participants is known: it can never assign)' : '';
    warnings.push(`${source}: ${label} names agents not in the agents file: ${unknown.join(', ')}${none}`);
  }
  return warnings;
}
