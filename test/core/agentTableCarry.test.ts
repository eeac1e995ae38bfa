import { describe, expect, it } from 'vitest';
import { AgentTable } from '../../src/core/pick/agentTable.js';
import type { CompiledRule } from '../../src/core/ruleset/compiledTypes.js';
import { compileRuleSet } from '../../src/index.js';
import type { AgentSnapshot, RuleSet } from '../../src/index.js';

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: false, adminApproval: false, agentConfirmation: false },
  },
  rules: [{ id: 'vip', name: 'VIP', enabled: true, agents: [{ id: 'lead' }, { where: "'vip' in agent.skills" }], order: { by: 'roundRobin' } }],
};

/** The compiled rule, with its selector counting the profiles it tests. */
function countingRule(): { rule: CompiledRule; tests: () => number } {
  const compiled = compileRuleSet(ruleSet).rules[0]!;
  let tests = 0;
  const selectors = compiled.selectors.map((selector) => ({
    ...selector,
    test: (...args: Parameters<typeof selector.test>) => {
      tests++;
      return selector.test(...args);
    },
  }));
  return { rule: { ...compiled, selectors }, tests: () => tests };
}

function participants(table: AgentTable, rule: CompiledRule): (string | undefined)[] {
  const slots = table.slots(rule);
  return slots.ids.map((_, i) => {
    const agent = table.agentAt(rule, slots, i);
    return agent === undefined ? undefined : `${agent.id}:${agent.assigned?.day ?? 0}`;
  });
}

describe('AgentTable.carry (a transaction’s decisions over copies with new counts)', () => {
  const agents: AgentSnapshot[] = [
    { id: 'v-2', skills: ['vip'], assigned: { day: 0 } },
    { id: 'lead', assigned: { day: 0 } },
    { id: 'plain', skills: ['zh'] },
    { id: 'v-1', skills: ['vip'], assigned: { day: 0 } },
  ];

  it('matches selectors once for a carried copy, and the copy’s decisions see its own snapshots', () => {
    const { rule, tests } = countingRule();
    expect(participants(AgentTable.for(agents), rule)).toEqual(['lead:0', 'v-1:0', 'v-2:0']);
    const matched = tests();
    expect(matched).toBe(3);

    const next = agents.map((agent) => (agent.id === 'v-1' ? { ...agent, assigned: { day: 1 } } : agent));
    AgentTable.carry(agents, next);
    expect(participants(AgentTable.for(next), rule)).toEqual(['lead:0', 'v-1:1', 'v-2:0']);
    expect(tests()).toBe(matched);
  });

  it('matches again for a copy that was not carried, and when the original changed after it was matched', () => {
    const { rule, tests } = countingRule();
    AgentTable.for(agents).slots(rule);
    AgentTable.for([...agents]).slots(rule);
    expect(tests()).toBe(6);

    const changed = [...agents];
    AgentTable.for(changed).slots(rule);
    changed[2] = { id: 'plain', skills: ['vip'] };
    const next = [...changed];
    AgentTable.carry(changed, next);
    expect(participants(AgentTable.for(next), rule)).toEqual(['lead:0', 'plain:0', 'v-1:0', 'v-2:0']);
  });
});
