import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentSnapshot, RuleSet } from 'dedicated-agent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/cli/simulate.js';
import type { SimulationCustomer } from '../../src/cli/simulationResult.js';
import { EXAMPLE, ROOT } from './spawnCli.js';

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const ruleSet: RuleSet = readJson(EXAMPLE.rules);
const agents: AgentSnapshot[] = readJson(EXAMPLE.agents);
const OCTOBER = Date.UTC(2026, 8, 30, 16);
const MONTH_MS = 31 * 24 * 3600 * 1000;

const customerStream = fc
  .array(
    fc.record({
      offset: fc.integer({ min: 0, max: MONTH_MS }),
      kind: fc.constantFrom('customer' as const, 'contact' as const),
      region: fc.constantFrom('北京', '上海', '广东', '香港', '四川', '海外', '台湾'),
      level: fc.integer({ min: 1, max: 5 }),
      tags: fc.subarray(['vip', 'enterprise', 'new']),
      language: fc.constantFrom('zh', 'en'),
    }),
    { maxLength: 300 },
  )
  .map((rows) =>
    rows
      .sort((a, b) => a.offset - b.offset)
      .map(
        (row, i): SimulationCustomer => ({
          id: `c${i}`,
          kind: row.kind,
          createdAt: OCTOBER + row.offset,
          fields: { region: row.region, level: row.level, tags: row.tags, language: row.language, channel: 'web', product: 'basic' },
        }),
      ),
  );

const sum = (values: Iterable<number | undefined>) => [...values].reduce<number>((total, n) => total + (n ?? 0), 0);

describe('simulate', () => {
  it('counts every customer exactly once, and the targets add up to the customers assigned', () => {
    fc.assert(
      fc.property(customerStream, fc.boolean(), (customers, retry) => {
        const [result] = simulate({ scenarios: [{ label: 'a', ruleSet }], agents, customers, queue: retry }).scenarios;
        expect(result!.total).toBe(customers.length);
        expect(result!.assigned + sum(Object.values(result!.unassigned))).toBe(customers.length);
        expect(sum(result!.agents.map((agent) => agent.assigned))).toBe(result!.assigned);
        expect(sum(result!.rules.map((rule) => rule.assigned))).toBe(result!.assigned);
        expect(sum(result!.agents.map((agent) => agent.targetAssigned))).toBeCloseTo(result!.assigned, 6);
        expect(result!.onArrival.assigned + result!.retry.assigned).toBe(result!.assigned);
      }),
      { numRuns: 40 },
    );
  });

  it('moves no customer when a rule set is compared with itself', () => {
    fc.assert(
      fc.property(customerStream, (customers) => {
        const { changes } = simulate({ scenarios: [{ label: 'a', ruleSet }, { label: 'b', ruleSet }], agents, customers });
        expect(changes).toEqual({ count: 0, sample: [], flows: [] });
      }),
      { numRuns: 20 },
    );
  });
});
