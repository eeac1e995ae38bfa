import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentSnapshot, createAssigner, type RuleSet, type SubjectInput } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, spawnCli, tempFiles } from './spawnCli.js';

interface Customer extends SubjectInput {
  createdAt: string;
}

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const ruleSet: RuleSet = readJson(EXAMPLE.rules);
const altRuleSet: RuleSet = readJson(EXAMPLE.rulesAlt);
const agents: AgentSnapshot[] = readJson(EXAMPLE.agents);
const customers: Customer[] = readFileSync(join(ROOT, EXAMPLE.customers), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

const simulateArgs = (...extra: string[]) => ['simulate', EXAMPLE.rules, '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents, ...extra];

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The reference: createAssigner fed the customers in order, nobody retried. */
function replayWithoutRetry(rules: RuleSet) {
  const assigner = createAssigner(rules, { agents });
  const perAgent: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  const unassigned: Record<string, number> = {};
  const agentOf: (string | null)[] = [];
  for (const customer of customers) {
    const decision = assigner.assign({ id: customer.id, kind: customer.kind, fields: customer.fields }, Date.parse(customer.createdAt));
    agentOf.push(decision.agentId);
    if (decision.agentId === null) increment(unassigned, decision.reason!);
    else {
      increment(perAgent, decision.agentId);
      increment(byRule, decision.ruleId!);
    }
  }
  return { perAgent, byRule, unassigned, agentOf };
}

/**
 * The reference with the queue, written out naively: a customer who finds nobody waits; whenever the earliest
 * retryAt of the waiting customers falls due, every waiting customer is decided again, the longest wait first
 * (the example rule set sets no priority); after the last customer the clock runs on for at most 7 days.
 */
function replayWithQueue(rules: RuleSet) {
  const assigner = createAssigner(rules, { agents });
  const perAgent: Record<string, number> = {};
  const unassigned: Record<string, number> = {};
  const onArrival: Record<string, number> = {};
  let waiting: { since: number; ordinal: number; customer: Customer; retryAt: number | null; reason: string }[] = [];
  let queued = 0;
  const subject = (customer: Customer) => ({ id: customer.id, kind: customer.kind, fields: customer.fields });
  const drainAt = (at: number) => {
    const still: typeof waiting = [];
    for (const entry of [...waiting].sort((a, b) => a.since - b.since || a.ordinal - b.ordinal)) {
      const decision = assigner.assign(subject(entry.customer), at);
      if (decision.agentId !== null) increment(perAgent, decision.agentId);
      else still.push({ ...entry, retryAt: decision.retryAt?.getTime() ?? null, reason: decision.reason! });
    }
    waiting = still;
  };
  const runUntil = (until: number) => {
    for (;;) {
      const due = Math.min(...waiting.map((entry) => entry.retryAt ?? Number.POSITIVE_INFINITY));
      if (!(due <= until)) return;
      drainAt(due);
    }
  };
  for (const [ordinal, customer] of customers.entries()) {
    const at = Date.parse(customer.createdAt);
    runUntil(at);
    const decision = assigner.assign(subject(customer), at);
    if (decision.agentId !== null) increment(perAgent, decision.agentId);
    else if (decision.reason === 'no_eligible_agent' || decision.reason === 'outside_schedule') {
      increment(onArrival, decision.reason);
      queued++;
      waiting.push({ since: at, ordinal, customer, retryAt: decision.retryAt?.getTime() ?? null, reason: decision.reason });
    } else {
      increment(onArrival, decision.reason!);
      increment(unassigned, decision.reason!);
    }
  }
  runUntil(Date.parse(customers.at(-1)!.createdAt) + 7 * 24 * 3_600_000);
  for (const entry of waiting) increment(unassigned, entry.reason);
  return { perAgent, unassigned, onArrival, queued };
}

function assignedOf(perAgent: Record<string, { assigned: number }>): Record<string, number> {
  return Object.fromEntries(Object.entries(perAgent).filter(([, v]) => v.assigned > 0).map(([id, v]) => [id, v.assigned]));
}

describe('dedicated-agent simulate', () => {
  it('agrees with createAssigner run directly on the same customers (--no-retry)', () => {
    const reference = replayWithoutRetry(ruleSet);
    const { status, stdout, stderr } = spawnCli(simulateArgs('--format', 'json', '--no-retry'));
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const json = JSON.parse(stdout);
    expect(json.total).toBe(customers.length);
    expect(assignedOf(json.perAgent)).toEqual(reference.perAgent);
    expect(Object.fromEntries(Object.entries(json.byRule).filter(([, n]) => (n as number) > 0))).toEqual(reference.byRule);
    expect(json.unassigned).toEqual(reference.unassigned);
    const assigned = Object.values(reference.perAgent).reduce((sum, n) => sum + n, 0);
    expect(json.assigned).toBe(assigned);
    for (const [id, n] of Object.entries(reference.perAgent)) expect(json.perAgent[id].share).toBeCloseTo(n / assigned, 5);
    // Every agent of the agents file is listed, also those who got nobody.
    expect(Object.keys(json.perAgent)).toEqual(agents.map((agent) => agent.id));
  });

  it('queues customers who find nobody and decides them again, the longest wait first, when their retryAt falls due', () => {
    const reference = replayWithQueue(ruleSet);
    expect(reference.onArrival.outside_schedule).toBeGreaterThan(0);
    const { status, stdout } = spawnCli(simulateArgs('--format', 'json'));
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(assignedOf(json.perAgent)).toEqual(reference.perAgent);
    expect(json.unassigned).toEqual(reference.unassigned);
    expect(json.onArrival.unassigned).toEqual(reference.onArrival);
    expect(json.retry.enabled).toBe(true);
    expect(json.retry.retried).toBe(reference.queued);
    expect(json.assigned + Object.values(json.unassigned as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(customers.length);
  });

  it('lists the customers that change hands between two rule sets', () => {
    const a = replayWithoutRetry(ruleSet);
    const b = replayWithoutRetry(altRuleSet);
    const changed = customers.map((customer, i) => ({ id: customer.id, from: a.agentOf[i], to: b.agentOf[i] })).filter((c) => c.from !== c.to);
    const { status, stdout } = spawnCli(simulateArgs('--compare', EXAMPLE.rulesAlt, '--format', 'json', '--no-retry', '--changes', '5'));
    expect(status).toBe(0);
    const json = JSON.parse(stdout);
    expect(assignedOf(json.compare.perAgent)).toEqual(b.perAgent);
    expect(json.compare.changes.count).toBe(changed.length);
    expect(json.compare.changes.sample).toEqual(changed.slice(0, 5));
  });

  it('prints per-agent shares against targets, the largest deviation, unassigned reasons and rules as text', () => {
    const { status, stdout } = spawnCli(simulateArgs('--compare', EXAMPLE.rulesAlt));
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Simulated 2,000 customers created 2026-10-01 /);
    expect(stdout).toContain('Per agent (share of the assigned customers; target =');
    for (const agent of agents) expect(stdout).toContain(`(${agent.id})`);
    expect(stdout).toContain('Largest deviation from fair (A):');
    expect(stdout).toContain('Largest deviation from fair (B):');
    expect(stdout).toContain('Not assigned, by reason');
    expect(stdout).toContain('outside_schedule');
    expect(stdout).toContain('By rule (served =');
    expect(stdout).toMatch(/Customers that would change hands from A to B: [\d,]+ \(/);
  });

  it('computes targets from the weights among the agents each rule served', () => {
    const rules = {
      version: 1,
      timeZone: 'UTC',
      settings: ruleSet.settings,
      rules: [
        {
          id: 'weighted',
          name: 'Weighted',
          enabled: true,
          agents: [
            { id: 'a', weight: 2 },
            { id: 'b', weight: 1 },
            { id: 'off', weight: 5 },
          ],
          proportional: true,
          order: { by: 'fewestAssigned', period: 'month' },
          eligibility: { presence: ['online'] },
        },
      ],
    };
    const team = [{ id: 'a' }, { id: 'b' }, { id: 'off', presence: 'offline' }];
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `c${i}`, createdAt: new Date(Date.UTC(2026, 9, 1, 9, i)).toISOString(), fields: {} }));
    const dir = tempFiles({ 'rules.json': JSON.stringify(rules), 'agents.json': JSON.stringify(team), 'customers.jsonl': lines.join('\n') });
    const { status, stdout } = spawnCli(['simulate', join(dir, 'rules.json'), '--customers', join(dir, 'customers.jsonl'), '--agents', join(dir, 'agents.json'), '--format', 'json']);
    expect(status).toBe(0);
    const { perAgent } = JSON.parse(stdout);
    // 30 customers at 2:1 between the two agents the rule could serve; the offline agent's weight does not count.
    expect(perAgent.a).toMatchObject({ assigned: 20, targetAssigned: 20 });
    expect(perAgent.b).toMatchObject({ assigned: 10, targetAssigned: 10 });
    expect(perAgent.a.target).toBeCloseTo(2 / 3, 5);
    expect(perAgent.off).toMatchObject({ assigned: 0, target: 0 });
  });

  it("reports each agent's on-shift hours beside their assignments, in JSON, text and the HTML report", () => {
    const rules = {
      version: 1,
      timeZone: 'UTC',
      settings: ruleSet.settings,
      rules: [{ id: 'all', name: 'All', enabled: true, agents: [{ id: 'day' }, { id: 'always' }, { id: 'away' }, { id: 'night' }], order: { by: 'roundRobin' } }],
    };
    const team = [
      { id: 'day', schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '09:00', to: '17:00' }] } },
      { id: 'always' },
      { id: 'away', leave: [{ from: '2026-10-01', to: '2026-10-01' }] },
      // 22:00–06:00 in Shanghai is 14:00–22:00 UTC: 8 hours each of the two days.
      { id: 'night', schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Asia/Shanghai' } },
    ];
    // One customer an hour, from Thursday 1 October 00:00 UTC to Saturday 3 October 00:00: 48 hours.
    const lines = Array.from({ length: 49 }, (_, i) => JSON.stringify({ id: `c${i}`, createdAt: new Date(Date.UTC(2026, 9, 1, i)).toISOString(), fields: {} }));
    const dir = tempFiles({ 'rules.json': JSON.stringify(rules), 'agents.json': JSON.stringify(team), 'customers.jsonl': lines.join('\n') });
    const args = ['simulate', join(dir, 'rules.json'), '--customers', join(dir, 'customers.jsonl'), '--agents', join(dir, 'agents.json')];

    const json = spawnCli([...args, '--format', 'json']);
    expect(json.status).toBe(0);
    const hours = Object.fromEntries(Object.entries(JSON.parse(json.stdout).perAgent).map(([id, agent]) => [id, (agent as { onShiftHours: number }).onShiftHours]));
    expect(hours).toEqual({ day: 16, always: 48, away: 24, night: 16 });

    const text = spawnCli(args);
    expect(text.stdout).toContain('on shift = hours on shift and not on leave');
    expect(text.stdout).toMatch(/always\b.*\b48 h/);

    const report = join(dir, 'report.html');
    expect(spawnCli([...args, '--report', report]).status).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('Agents: assignments beside on-shift hours');
    const onShift = [...html.matchAll(/<tr data-agent="([^"]+)"><td>[^<]*<\/td><td class="n on-shift">([^<]+)<\/td>/g)].map((match) => [match[1], match[2]]);
    expect(onShift).toEqual([['day', '16'], ['always', '48'], ['away', '24'], ['night', '16']]);
  });

  it('writes a self-contained HTML report with --report', () => {
    const dir = tempFiles({});
    const report = join(dir, 'report.html');
    const { status, stderr } = spawnCli(simulateArgs('--report', report));
    expect(status).toBe(0);
    expect(stderr).toBe(`report written to ${report}\n`);
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg class="chart share-chart"');
    expect(html).not.toMatch(/<script|<link|\bsrc=|@import|url\(/i);
    expect(html.match(/class="share-bar/g)).toHaveLength(agents.length);
  });

  it('skips every bad line of the customers file, lists each with file and line, simulates the rest and exits 1', () => {
    const good = (i: number) => JSON.stringify({ id: `c${i}`, createdAt: `2026-10-08T10:0${i}:00+08:00`, fields: {} });
    const dir = tempFiles({
      'customers.jsonl': [
        good(1),
        '{"id": "c2", "createdAt": "2026-10-08T10:02:00+08:00", "fields": {}',
        good(3),
        JSON.stringify({ id: 'c4', createdAt: '2026-10-32T10:00:00+08:00', fields: {} }),
        JSON.stringify({ createdAt: '2026-10-08T10:05:00+08:00' }),
        good(6),
      ].join('\n'),
    });
    const file = join(dir, 'customers.jsonl');
    const { status, stdout, stderr } = spawnCli(['simulate', EXAMPLE.rules, '--customers', file, '--agents', EXAMPLE.agents, '--format', 'json']);
    expect(status).toBe(1);
    expect(JSON.parse(stdout).total).toBe(3);
    const lines = stderr.split('\n');
    expect(lines[0]).toBe(`error: ${file}: 3 bad lines skipped; the result covers the other 3 customers:`);
    expect(lines[1]).toMatch(new RegExp(`^  ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: invalid JSON: `));
    expect(lines.slice(2)).toEqual([
      `  ${file}:4: createdAt must be an instant: an ISO-8601 string with a UTC offset (e.g. 2026-10-01T09:00+08:00 or 2026-10-01T01:00Z), epoch milliseconds or a valid Date, in the years 0001–9999, got the string "2026-10-32T10:00:00+08:00" (not a real date, time or offset)`,
      `  ${file}:5: customer.id must be a non-empty string of at most 256 characters without NUL or lone surrogates, got nothing`,
      '',
    ]);
  });

  it('shows the first 20 bad lines word for word, then how many more', () => {
    const bad = Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: `b${i}`, createdAt: 'yesterday' }));
    const dir = tempFiles({ 'customers.jsonl': [readFileSync(join(ROOT, EXAMPLE.customers), 'utf8').split('\n')[0], ...bad].join('\n') });
    const { status, stderr } = spawnCli(['simulate', EXAMPLE.rules, '--customers', join(dir, 'customers.jsonl'), '--agents', EXAMPLE.agents]);
    expect(status).toBe(1);
    const listed = stderr.split('\n').filter((line) => line.startsWith('  '));
    expect(listed).toHaveLength(21);
    expect(listed[0]).toContain('customers.jsonl:2: createdAt must be an instant');
    expect(listed[19]).toContain('customers.jsonl:21: createdAt must be an instant');
    expect(listed[20]).toBe('  … and 5 more');
  });

  it('warns about customer ids that appear on several lines, naming both lines, and still exits 0', () => {
    const lines = readFileSync(join(ROOT, EXAMPLE.customers), 'utf8').trim().split('\n').slice(0, 10);
    const copy = (line: string, id: string) => JSON.stringify({ ...JSON.parse(line), id });
    const repeated = [...lines, copy(lines[9]!, 'c-000002'), copy(lines[9]!, 'c-000003')];
    const dir = tempFiles({ 'customers.jsonl': repeated.join('\n') });
    const file = join(dir, 'customers.jsonl');
    const { status, stdout, stderr } = spawnCli(['simulate', EXAMPLE.rules, '--customers', file, '--agents', EXAMPLE.agents, '--format', 'json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).total).toBe(12);
    expect(stderr).toBe(
      `warning: ${file}: 2 lines repeat the id of an earlier line (each line is simulated as a new customer):\n` +
        `  ${file}:11: customer id "c-000002" is also on line 2\n  ${file}:12: customer id "c-000003" is also on line 3\n`,
    );
  });

  it('stops with exit 2 and prints no result when no line is a usable customer', () => {
    const dir = tempFiles({ 'customers.jsonl': '{"not": "a customer"}\nnot json\n' });
    const file = join(dir, 'customers.jsonl');
    const { status, stdout, stderr } = spawnCli(['simulate', EXAMPLE.rules, '--customers', file, '--agents', EXAMPLE.agents]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no usable customer, 2 bad lines:\n  .*:1: .*\n  .*:2:\\d+: invalid JSON: .*\n$`));
  });

  it('lists the line of an invalid createdAt, with what was given (exit 1)', () => {
    const dir = tempFiles({
      'customers.jsonl': [
        JSON.stringify({ id: 'c1', createdAt: '2026-10-08T10:00:00+08:00', fields: {} }),
        JSON.stringify({ id: 'c2', createdAt: '2026-10-32T10:00:00+08:00', fields: {} }),
      ].join('\n'),
    });
    const file = join(dir, 'customers.jsonl');
    const { status, stderr } = spawnCli(['simulate', EXAMPLE.rules, '--customers', file, '--agents', EXAMPLE.agents]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}:2: createdAt must be an instant`);
    expect(stderr).toContain('got the string "2026-10-32T10:00:00+08:00" (not a real date, time or offset)');
  });

  it('stops on a missing customers file and on an invalid rule set, with carets (exit 2)', () => {
    const missing = spawnCli(['simulate', EXAMPLE.rules, '--customers', 'none.jsonl', '--agents', EXAMPLE.agents]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: cannot read customers file "none.jsonl": no such file\n');
    const broken = { ...ruleSet, rules: [{ ...ruleSet.rules[1]!, when: 'level >= 4 ||| vip' }] };
    const dir = tempFiles({ 'rules.json': JSON.stringify(broken) });
    const invalid = spawnCli(['simulate', join(dir, 'rules.json'), '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('invalid rule set, 1 issue');
    expect(invalid.stderr).toContain('rules[0].when:');
    expect(invalid.stderr).toMatch(/\n {2}level >= 4 \|\|\| vip\n {2}\s*\^/);
  });

  it('warns about rule participants that are not in the agents file, and still simulates', () => {
    const dir = tempFiles({ 'agents.json': JSON.stringify(agents.filter((agent) => agent.id !== 'huang-tao')) });
    const { status, stderr, stdout } = spawnCli(['simulate', EXAMPLE.rules, '--customers', EXAMPLE.customers, '--agents', join(dir, 'agents.json'), '--format', 'json']);
    expect(status).toBe(0);
    expect(stderr).toContain('warning: examples/data/rules.json: rule "vip" names agents not in the agents file: huang-tao');
    expect(JSON.parse(stdout).perAgent['huang-tao']).toBeUndefined();
  });

  it('sorts a customers file that is not in createdAt order, with a warning, and gets the sorted result', () => {
    const lines = readFileSync(join(ROOT, EXAMPLE.customers), 'utf8').trim().split('\n');
    const shuffled = [...lines.slice(1000), ...lines.slice(0, 1000)];
    const dir = tempFiles({ 'customers.jsonl': `${shuffled.join('\n')}\n` });
    const unsorted = spawnCli(['simulate', EXAMPLE.rules, '--customers', join(dir, 'customers.jsonl'), '--agents', EXAMPLE.agents, '--format', 'json']);
    const sorted = spawnCli(simulateArgs('--format', 'json'));
    expect(unsorted.status).toBe(0);
    expect(unsorted.stderr).toContain(':1001: customer "c-000001" was created');
    expect(unsorted.stderr).toContain('sorting the customers in memory');
    expect(JSON.parse(unsorted.stdout).perAgent).toEqual(JSON.parse(sorted.stdout).perAgent);
  });

  it('rejects misuse with exit 2 and a pointer to --help', () => {
    const noCustomers = spawnCli(['simulate', EXAMPLE.rules, '--agents', EXAMPLE.agents]);
    expect(noCustomers.status).toBe(2);
    expect(noCustomers.stderr).toBe('error: missing --customers <customers.jsonl>\nRun "dedicated-agent simulate --help" for usage.\n');
    const badFormat = spawnCli(simulateArgs('--format', 'yaml'));
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('--format must be "text" or "json", got "yaml"');
    const help = spawnCli(['simulate', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--compare <rules.json>');
  });
});
