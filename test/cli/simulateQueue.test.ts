import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentSnapshot, RuleSet } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { formatWait } from '../../src/cli/formatWait.js';
import { simulate } from '../../src/cli/simulate.js';
import type { SimulationCustomer } from '../../src/cli/simulationResult.js';
import { nearestRank } from '../../src/core/queue/nearestRank.js';
import { ruleSetWith } from '../fixtures/ruleSetWith.js';
import { spawnCli, tempFiles } from './spawnCli.js';

const HOUR = 3_600_000;
const at = (local: string) => Date.parse(`${local}+08:00`);
const customer = (id: string, created: string, level: number, ended?: string): SimulationCustomer => ({
  id,
  createdAt: at(created),
  ...(ended !== undefined && { endedAt: at(ended) }),
  fields: { level },
});

/** VIPs (level ≥ 4) by rule `vip`, everybody else by `other`, both to agent a; VIPs wait nearer the head. */
function vipRules(): RuleSet {
  const base = ruleSetWith({});
  return {
    ...base,
    settings: { ...base.settings, auto: { ...base.settings.auto, queue: { priority: 'level >= 4 ? 10 : 0' } } },
    rules: [
      { id: 'vip', name: 'VIP', enabled: true, when: 'level >= 4', agents: [{ id: 'a' }], order: { by: 'roundRobin' } },
      { id: 'other', name: 'Other', enabled: true, agents: [{ id: 'a' }], order: { by: 'roundRobin' } },
    ],
    fields: { level: 'number' },
  };
}

const run = (ruleSet: RuleSet, agents: AgentSnapshot[], customers: SimulationCustomer[]) => simulate({ scenarios: [{ label: 'rules', ruleSet }], agents, customers }).scenarios[0]!;

describe('simulate: the waiting queue', () => {
  it('assigns the customers created overnight in priority order at 09:00, when the first shift starts', () => {
    const agents: AgentSnapshot[] = [{ id: 'a', capacity: 2, schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '09:00', to: '18:00' }] } }];
    const result = run(vipRules(), agents, [
      customer('n1', '2026-10-01T01:00:00', 1),
      customer('v1', '2026-10-01T02:00:00', 5),
      customer('n2', '2026-10-01T03:00:00', 1),
      customer('v2', '2026-10-01T04:00:00', 5),
    ]);
    // Two slots at 09:00: the VIPs take them, though n1 and n2 waited longer.
    expect(result.rules.map((rule) => [rule.id, rule.assigned])).toEqual([
      ['vip', 2],
      ['other', 0],
    ]);
    expect(result.onArrival.unassigned).toEqual({ no_eligible_agent: 4 });
    expect(result.retry).toMatchObject({ retried: 4, assigned: 2, unassigned: { no_eligible_agent: 2 }, assignedByReason: { no_eligible_agent: 2 } });
    // v1 waited 7 h, v2 5 h: p50 by nearest rank is the first of two.
    expect(result.waiting.byRule.vip).toEqual({ customers: 2, waited: 2, p50: 5 * HOUR, p95: 7 * HOUR, max: 7 * HOUR });
    expect(result.waiting.byRule.other).toEqual({ customers: 0, waited: 0, p50: null, p95: null, max: null });
    // n1 and n2 are still waiting when the replay ends at 09:00 (nothing but a care end could help them).
    expect(result.waiting.notAssigned).toEqual({ customers: 2, waited: 2, p50: 6 * HOUR, p95: 8 * HOUR, max: 8 * HOUR });
    expect(result.waiting.endedAt).toEqual(new Date(at('2026-10-01T09:00:00')));
    expect(result.waiting.length).toEqual({ maximum: 4, maximumAt: new Date(at('2026-10-01T04:00:00')), atEnd: 0, from: '2026-10-01T01', hourly: [1, 2, 3, 4, 4, 4, 4, 4, 4] });
  });

  it('frees one slot of a full team when a care ends (endedAt), and the oldest VIP gets it', () => {
    const result = run(vipRules(), [{ id: 'a', capacity: 1 }], [
      customer('c0', '2026-10-01T08:00:00', 1, '2026-10-01T12:00:00'),
      customer('n1', '2026-10-01T09:00:00', 1),
      customer('v1', '2026-10-01T09:30:00', 5),
      customer('v2', '2026-10-01T10:00:00', 5),
    ]);
    expect(result.rules.map((rule) => [rule.id, rule.assigned])).toEqual([
      ['vip', 1],
      ['other', 1],
    ]);
    expect(result.waiting.byRule.vip).toEqual({ customers: 1, waited: 1, p50: 2.5 * HOUR, p95: 2.5 * HOUR, max: 2.5 * HOUR });
    expect(result.waiting.byRule.other).toEqual({ customers: 1, waited: 0, p50: 0, p95: 0, max: 0 });
    expect(result.retry).toMatchObject({ retried: 3, assigned: 1, unassigned: { no_eligible_agent: 2 } });
    expect(result.waiting.length).toMatchObject({ maximum: 3, atEnd: 0 });
  });

  it('takes a waiting customer out of the queue when its care ends before it got an agent', () => {
    const result = run(vipRules(), [{ id: 'a', capacity: 1 }], [
      customer('c0', '2026-10-01T08:00:00', 1, '2026-10-01T12:00:00'),
      customer('gone', '2026-10-01T09:00:00', 5, '2026-10-01T11:00:00'),
      customer('n1', '2026-10-01T10:00:00', 1),
    ]);
    // At 12:00 the slot goes to n1: "gone" left the queue at 11:00 after waiting 2 h.
    expect(result.rules.map((rule) => [rule.id, rule.assigned])).toEqual([
      ['vip', 0],
      ['other', 2],
    ]);
    expect(result.waiting.notAssigned).toEqual({ customers: 1, waited: 1, p50: 2 * HOUR, p95: 2 * HOUR, max: 2 * HOUR });
    expect(result.unassigned).toEqual({ no_eligible_agent: 1 });
  });

  it('decides every customer once on arrival only, with --no-retry (queue off)', () => {
    const agents: AgentSnapshot[] = [{ id: 'a', capacity: 1 }];
    const customers = [customer('c0', '2026-10-01T08:00:00', 1, '2026-10-01T09:00:00'), customer('c1', '2026-10-01T08:30:00', 1)];
    const result = simulate({ scenarios: [{ label: 'rules', ruleSet: vipRules() }], agents, customers, queue: false }).scenarios[0]!;
    expect(result.assigned).toBe(1);
    expect(result.unassigned).toEqual({ no_eligible_agent: 1 });
    expect(result.retry).toMatchObject({ enabled: false, retried: 0 });
  });

  it('prints the same waiting figures in the text as in --format json, and draws the queue in the report', () => {
    const lines = [
      { id: 'c0', createdAt: '2026-10-01T08:00:00+08:00', endedAt: '2026-10-01T12:00:00+08:00', fields: { level: 1 } },
      { id: 'n1', createdAt: '2026-10-01T09:00:00+08:00', fields: { level: 1 } },
      { id: 'v1', createdAt: '2026-10-01T09:30:00+08:00', endedAt: '2026-10-01T13:15:00+08:00', fields: { level: 5 } },
      { id: 'v2', createdAt: '2026-10-01T10:00:00+08:00', fields: { level: 5 } },
    ].map((line) => JSON.stringify(line));
    const dir = tempFiles({ 'rules.json': JSON.stringify(vipRules()), 'agents.json': JSON.stringify([{ id: 'a', capacity: 1 }]), 'customers.jsonl': lines.join('\n') });
    const args = ['simulate', join(dir, 'rules.json'), '--customers', join(dir, 'customers.jsonl'), '--agents', join(dir, 'agents.json')];
    const json = JSON.parse(spawnCli([...args, '--format', 'json']).stdout);
    const text = spawnCli([...args, '--report', join(dir, 'report.html')]).stdout;
    expect(json.waiting.percentiles).toBe('nearest rank');
    expect(json.waiting.byRule.vip).toEqual({ customers: 2, waited: 2, p50Ms: 2.5 * HOUR, p95Ms: 3.25 * HOUR, maxMs: 3.25 * HOUR });
    const section = text.slice(text.indexOf('Waiting for an agent'));
    for (const [ruleId, figures] of Object.entries(json.waiting.byRule) as [string, { customers: number; waited: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null }][]) {
      if (figures.customers === 0) continue;
      const row = section.split('\n').find((line) => line.startsWith(`${ruleId} `))!;
      expect(row.trim().split(/\s{2,}/).slice(-5)).toEqual([String(figures.customers), String(figures.waited), formatWait(figures.p50Ms), formatWait(figures.p95Ms), formatWait(figures.maxMs)]);
    }
    expect(section).toContain(`Queue: longest ${json.waiting.queueLength.maximum} at 2026-10-01 10:00; still waiting at the end: ${json.waiting.queueLength.atEnd}`);
    expect(section).toContain(`Longest queue per day: 10-01 ${json.waiting.queueLength.maximum}`);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<svg class="chart queue-chart"');
    expect(html).toMatch(/<path class="queue-length" d="M[^"]+Z"/);
    expect(html).toContain('<table class="waiting">');
  });

  it('reads percentiles by nearest rank', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 95)).toBe(4);
    expect(nearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 95)).toBe(19);
    expect(nearestRank([7], 0)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});
