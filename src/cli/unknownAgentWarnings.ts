import { participantsOf } from '../core/pick/participantsOf.js';
import { type AgentSnapshot, compileRuleSet, DEFAULT_RULE_ID, type RuleSet } from '../index.js';
import { cliEn } from './i18n/cliEn.js';
import type { AgentWarningWords } from './i18n/cliMessages.js';

/**
 * Lists the participants of rules who are not among the agents supplied, and
 * the skill-group selectors (`{ where }`) that match none of them. These are
 * warnings, not errors: the engine treats such a participant as "not a
 * candidate (unknown)" and goes on, which is what happens in production when a
 * rule still names an agent who has left, and a selector may match agents
 * added later. A rule none of whose participants is known is called out,
 * because with these agents it can never assign anybody.
 *
 * @param ruleSet - the validated rule set
 * @param agents - the agents supplied
 * @param source - the rule-set file name, for the messages
 * @param words - the language of the messages (default English)
 * @returns one message per rule with unknown participants, and one per selector that matches nobody
 * @example
 * ```ts
 * unknownAgentWarnings(ruleSet, agents, 'rules.json');
 * // ['rules.json: rule "vip" names agents not in the agents file: li-lei',
 * //  'rules.json: rule "vip": the selector agents[2] matches none of the agents in the agents file']
 * ```
 */
export function unknownAgentWarnings(ruleSet: RuleSet, agents: readonly AgentSnapshot[], source: string, words: AgentWarningWords = cliEn.warning): string[] {
  const compiled = compileRuleSet(ruleSet);
  const rules = compiled.defaultRule === null ? compiled.rules : [...compiled.rules, compiled.defaultRule];
  const warnings: string[] = [];
  for (const rule of rules) {
    const participants = participantsOf(rule, agents);
    const unknown = participants.filter((participant) => participant.agent === undefined).map((participant) => participant.id);
    const matching = new Set(participants.map((participant) => participant.via));
    const idle = rule.selectors.filter((selector) => !matching.has(selector.index)).map((selector) => selector.index);
    if (unknown.length === 0 && idle.length === 0) continue;
    const label = rule.id === DEFAULT_RULE_ID ? null : rule.id;
    const hopeless = unknown.length === participants.length;
    if (unknown.length > 0) warnings.push(words.unknownAgents(source, label, unknown, hopeless));
    for (const index of idle) warnings.push(words.selectorMatchesNone(source, label, index, unknown.length === 0 && hopeless));
  }
  return warnings;
}
