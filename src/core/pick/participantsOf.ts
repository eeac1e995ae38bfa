import type { CompiledRule } from '../ruleset/compiledTypes.js';
import type { AgentSnapshot } from '../types.js';
import { AgentTable } from './agentTable.js';

/** A rule's participant among given agents, and what brought it. */
export interface RuleParticipant {
  /** The agent's id. */
  readonly id: string;
  /** The index in the rule's `agents` of the selector that brought it; -1: listed by id. */
  readonly via: number;
  /** The agent's snapshot; undefined when listed by id but not among the agents. */
  readonly agent: AgentSnapshot | undefined;
}

/**
 * The participants of a rule among `agents`, exactly as a decision sees them:
 * those listed by id (whether or not present), then every agent a skill-group
 * selector matches, in id order, each with the selector that brought it.
 *
 * @param rule - a compiled rule (`compileRuleSet(…).rules[i]` or its `defaultRule`)
 * @param agents - the agent snapshots
 * @returns the participants, in participant order
 * @throws AssignmentError `invalid_input` naming a malformed entry of `agents`
 * @example
 * ```ts
 * const [rule] = compileRuleSet(ruleSet).rules; // agents: [{ id: 'lead' }, { where: "'vip' in agent.skills" }]
 * participantsOf(rule, [{ id: 'v-1', skills: ['vip'] }]);
 * // [{ id: 'lead', via: -1, agent: undefined }, { id: 'v-1', via: 1, agent: { id: 'v-1', … } }]
 * ```
 */
export function participantsOf(rule: CompiledRule, agents: readonly AgentSnapshot[]): RuleParticipant[] {
  const table = AgentTable.for(agents);
  const slots = table.slots(rule);
  return slots.ids.map((id, i) => ({ id, via: slots.via === null ? -1 : slots.via[i]!, agent: table.agentAt(rule, slots, i) }));
}
