import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentSnapshot, assignCustomer, type RuleSet } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, ROOT, spawnCli, tempFiles } from './spawnCli.js';

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const ruleSet: RuleSet = readJson(EXAMPLE.rules);
const agents: (AgentSnapshot & { name?: string })[] = readJson(EXAMPLE.agents);
const customer = readJson(EXAMPLE.customer);
const explainArgs = (at: string) => ['explain', EXAMPLE.rules, '--customer', EXAMPLE.customer, '--agents', EXAMPLE.agents, '--at', at];

describe('dedicated-agent explain', () => {
  it('prints the decision assignCustomer makes, and the trace rule by rule', () => {
    const at = '2026-11-25T10:00+08:00';
    const expected = assignCustomer({ ruleSet, subject: customer, agents, now: at });
    expect(expected.agentId).not.toBeNull();
    const { status, stdout, stderr } = spawnCli(explainArgs(at));
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const name = agents.find((agent) => agent.id === expected.agentId)!.name;
    expect(stdout).toContain(`${customer.id} (customer) → ${name} (${expected.agentId}) by rule`);
    expect(stdout).toContain('Decision at 2026-11-25 10:00 Asia/Shanghai (2026-11-25T02:00:00.000Z)');
    // One numbered line per evaluated rule.
    for (let i = 1; i <= expected.trace.length; i++) expect(stdout).toMatch(new RegExp(`^${i}\\. `, 'm'));
  });

  it('lists the fields that contradict the declared ones before the rule verdicts', () => {
    const dir = tempFiles({ 'customer.json': JSON.stringify({ id: 'c-9', fields: { level: '4', regoin: '北京', tags: ['new'], language: 'zh', channel: 'web', product: 'pro' } }) });
    const { status, stdout } = spawnCli(['explain', EXAMPLE.rules, '--customer', join(dir, 'customer.json'), '--agents', EXAMPLE.agents, '--at', '2026-11-25T10:00+08:00']);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    const heading = lines.indexOf("The customer's data does not match the declared fields:");
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1, heading + 4)).toEqual([
      '  - level is "4" (a string), but the rule set declares a number.',
      '  - regoin is not a declared field — did you mean region?',
      '  - missing, so conditions read it as null: region (a string).',
    ]);
    expect(lines.findIndex((line) => line.startsWith('1. '))).toBe(heading + 4);
  });

  it('says nothing about fields when the customer matches the declaration', () => {
    const { stdout } = spawnCli(explainArgs('2026-11-25T10:00+08:00'));
    expect(stdout).not.toContain('declared fields');
  });

  it('puts the findings as codes and params in --format json', () => {
    const dir = tempFiles({ 'customer.json': JSON.stringify({ id: 'c-9', fields: { levle: 4 } }) });
    const { stdout } = spawnCli(['explain', EXAMPLE.rules, '--customer', join(dir, 'customer.json'), '--agents', EXAMPLE.agents, '--at', '2026-11-25T10:00+08:00', '--format', 'json']);
    const { fieldFindings } = JSON.parse(stdout);
    expect(fieldFindings[0]).toEqual({ code: 'undeclared_field', field: 'levle', params: { suggestion: 'level' } });
    expect(fieldFindings.slice(1).map((finding: { code: string; field: string }) => `${finding.code}:${finding.field}`)).toEqual(
      ['region', 'level', 'tags', 'language', 'channel', 'product'].map((field) => `missing_field:${field}`),
    );
  });

  it('explains a customer created out of hours and says when to retry', () => {
    const at = '2026-11-25T22:00+08:00';
    const expected = assignCustomer({ ruleSet, subject: customer, agents, now: at });
    expect(expected.reason).toBe('outside_schedule');
    const { status, stdout } = spawnCli(explainArgs(at));
    expect(status).toBe(0);
    expect(stdout).toContain('not assigned: every matching rule is outside its schedule.');
    // In the rule set's zone: the office opens at 09:00 Beijing time the next morning.
    expect(expected.retryAt!.toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(stdout).toContain('Retry at 26 Nov 2026 09:00.');
  });

  it('prints the whole AssignmentResult with --format json', () => {
    const at = '2026-11-25T10:00+08:00';
    const expected = assignCustomer({ ruleSet, subject: customer, agents, now: at });
    const { status, stdout } = spawnCli([...explainArgs(at), '--format', 'json']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.outcome).toBe(expected.outcome);
    expect(result.agentId).toBe(expected.agentId);
    expect(result.ruleId).toBe(expected.ruleId);
    expect(result.trace.map((entry: { verdict: string }) => entry.verdict)).toEqual(expected.trace.map((entry) => entry.verdict));
  });

  it('rejects an instant that is not a date, or has no UTC offset, with exit 2', () => {
    const notADate = spawnCli(explainArgs('tomorrow'));
    expect(notADate.status).toBe(2);
    expect(notADate.stderr).toMatch(/^error: --at must be an instant: an ISO-8601 string with a UTC offset .*, got the string "tomorrow" \(not ISO-8601\)\n$/);
    const noOffset = spawnCli(explainArgs('2026-11-25T10:00'));
    expect(noOffset.status).toBe(2);
    expect(noOffset.stderr).toContain('got the string "2026-11-25T10:00" (no UTC offset)');
    const impossible = spawnCli(explainArgs('2026-02-30T10:00+08:00'));
    expect(impossible.status).toBe(2);
    expect(impossible.stderr).toContain('(not a real date, time or offset)');
  });

  it('rejects a customer file that is missing or malformed, and missing options, with exit 2', () => {
    const dir = tempFiles({ 'customer.json': JSON.stringify({ id: 'c-1', kind: 'lead', fields: {} }) });
    const malformed = spawnCli(['explain', EXAMPLE.rules, '--customer', join(dir, 'customer.json'), '--agents', EXAMPLE.agents, '--at', '2026-11-25T10:00+08:00']);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toContain(`customer.kind must be one of 'customer', 'contact', got the string "lead"`);
    const missing = spawnCli(['explain', EXAMPLE.rules, '--customer', 'nope.json', '--agents', EXAMPLE.agents, '--at', '2026-11-25T10:00+08:00']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('error: cannot read customer file "nope.json": no such file\n');
    const noAgents = spawnCli(['explain', EXAMPLE.rules, '--customer', EXAMPLE.customer]);
    expect(noAgents.status).toBe(2);
    expect(noAgents.stderr).toContain('missing --agents <agents.json>');
  });

  it('rejects an agents file with malformed agents, naming each one', () => {
    const dir = tempFiles({ 'agents.json': JSON.stringify([{ id: 'a' }, { id: 'a' }, { id: 'b', presence: 'on-line', capacity: -1 }]) });
    const { status, stderr } = spawnCli(['explain', EXAMPLE.rules, '--customer', EXAMPLE.customer, '--agents', join(dir, 'agents.json'), '--at', '2026-11-25T10:00+08:00']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/\[0\]\.id and .*\[1\]\.id are both "a"/);
    expect(stderr).toContain(`[2].presence must be one of 'online', 'busy', 'away', 'offline', got the string "on-line"`);
  });
});
