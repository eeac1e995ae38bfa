import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentSnapshot, DEFAULT_RULE_ID, type RuleSet, validateRuleSet } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { generateCustomers } from '../../src/cli/generateCustomers.js';
import { EXAMPLE, ROOT } from './spawnCli.js';

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

describe('the example data set', () => {
  it('has rule sets that validate and name only agents of agents.json', () => {
    const agents: (AgentSnapshot & { name?: string })[] = readJson(EXAMPLE.agents);
    const ids = new Set(agents.map((agent) => agent.id));
    for (const file of [EXAMPLE.rules, EXAMPLE.rulesAlt]) {
      const result = validateRuleSet(readJson(file));
      expect(result.ok, file).toBe(true);
      const ruleSet = (result as { ruleSet: RuleSet }).ruleSet;
      const rules = [...ruleSet.rules, { ...ruleSet.defaultRule!, id: DEFAULT_RULE_ID }];
      for (const rule of rules) for (const participant of rule.agents) expect('id' in participant && ids.has(participant.id), `${file} ${rule.id} ${JSON.stringify(participant)}`).toBe(true);
    }
  });

  it('has 50 agents, each with a name, presence, skills and languages', () => {
    const agents: (AgentSnapshot & { name?: string })[] = readJson(EXAMPLE.agents);
    expect(agents).toHaveLength(50);
    for (const agent of agents) {
      expect(agent.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(agent.presence).toBeDefined();
      expect(agent.skills!.length).toBeGreaterThan(0);
      expect(agent.languages).toContain('zh');
    }
  });

  it('has a sample of customers in createdAt order that the generator reproduces from its default seed', () => {
    const sample = readFileSync(join(ROOT, EXAMPLE.customers), 'utf8').trim().split('\n');
    expect(sample).toHaveLength(2000);
    const generated = [...generateCustomers({ count: 2000 })].map((customer) => JSON.stringify(customer));
    expect(generated).toEqual(sample);
  });
});

describe('generateCustomers', () => {
  it('gives the same customers for the same seed and different ones for another seed', () => {
    const first = [...generateCustomers({ count: 200, seed: 7 })];
    expect([...generateCustomers({ count: 200, seed: 7 })]).toEqual(first);
    expect([...generateCustomers({ count: 200, seed: 8 })]).not.toEqual(first);
  });

  it('spreads customers over the month in createdAt order, in Shanghai time', () => {
    const customers = [...generateCustomers({ count: 5000, seed: 1, month: '2026-10' })];
    const times = customers.map((customer) => Date.parse(customer.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(customers.every((customer) => customer.createdAt.startsWith('2026-10-') && customer.createdAt.endsWith('+08:00'))).toBe(true);
    const days = new Set(customers.map((customer) => customer.createdAt.slice(0, 10)));
    expect(days.size).toBe(31);
  });
});
