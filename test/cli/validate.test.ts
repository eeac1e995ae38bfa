import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, spawnCli, tempFiles } from './spawnCli.js';

const settings = {
  manual: { enabled: true, agentConfirmation: false },
  auto: { enabled: true, agentConfirmation: false },
  application: { enabled: true, adminApproval: true, agentConfirmation: true },
};

function ruleSetWith(when: string, agentId = 'li-lei') {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings,
    rules: [{ id: 'r1', name: 'R1', enabled: true, when, agents: [{ id: agentId }], order: { by: 'roundRobin' } }],
  };
}

describe('dedicated-agent validate', () => {
  it('accepts the example rule sets with exit code 0 and says what it checked', () => {
    const { status, stdout, stderr } = spawnCli(['validate', EXAMPLE.rules, EXAMPLE.rulesAlt]);
    expect(status).toBe(0);
    expect(stdout).toContain(`${EXAMPLE.rules}: valid rule set (8 rules and a default rule, time zone Asia/Shanghai)`);
    expect(stdout).toContain(`${EXAMPLE.rulesAlt}: valid rule set`);
    expect(stderr).toBe('');
  });

  it('exits 1 and prints the path, the message and a caret under an expression error', () => {
    const expression = "region == 'north' && foo(1)";
    const dir = tempFiles({ 'rules.json': JSON.stringify(ruleSetWith(expression), null, 2) });
    const { status, stdout } = spawnCli(['validate', join(dir, 'rules.json')]);
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    const heading = lines.findIndex((line) => line.startsWith('rules[0].when:'));
    expect(heading).toBeGreaterThan(-1);
    expect(lines[heading]).toContain('[unknown_function]');
    const shown = lines[heading + 1]!;
    const caret = lines[heading + 2]!;
    expect(shown.trim()).toBe(expression);
    // The caret stands under the "f" of foo, in the expression as printed.
    expect(caret.indexOf('^')).toBe(shown.indexOf(expression) + expression.indexOf('foo'));
  });

  it('reports every issue, not only the first, and as data with --format json', () => {
    const ruleSet = { ...ruleSetWith('level >'), timeZone: 'Mars/Olympus' };
    const dir = tempFiles({ 'rules.json': JSON.stringify(ruleSet) });
    const { status, stdout } = spawnCli(['validate', join(dir, 'rules.json'), '--format', 'json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    const codes = report.files[0].issues.map((issue: { code: string }) => issue.code);
    expect(codes).toContain('invalid_time_zone');
    expect(codes).toContain('expression_syntax');
    const syntax = report.files[0].issues.find((issue: { code: string }) => issue.code === 'expression_syntax');
    expect(syntax.path).toEqual(['rules', 0, 'when']);
  });

  it('says "did you mean" for a misspelt time zone, function and declared field, also in --format json', () => {
    const rules = { ...ruleSetWith("lowr(regoin) == 'bj'"), timeZone: 'Asia/Shangai', fields: { region: 'string' } };
    const dir = tempFiles({ 'rules.json': JSON.stringify(rules) });
    const text = spawnCli(['validate', join(dir, 'rules.json')]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('got "Asia/Shangai". Did you mean "Asia/Shanghai"?');
    expect(text.stdout).toContain('`lowr` is not a function conditions can call. Did you mean `lower`?');
    expect(text.stdout).toContain('Unknown field `regoin`; did you mean `region`?');
    const json = spawnCli(['validate', join(dir, 'rules.json'), '--format', 'json']);
    const suggestions = JSON.parse(json.stdout).files[0].issues.map((issue: { params?: { suggestion?: string } }) => issue.params?.suggestion);
    expect(suggestions.sort()).toEqual(['Asia/Shanghai', 'lower', 'region']);
  });

  it('exits 2 with file, line and column for a file that is not JSON', () => {
    const dir = tempFiles({ 'rules.json': '{\n  "version": 1,\n  "rules": [,]\n}\n' });
    const { status, stdout, stderr } = spawnCli(['validate', join(dir, 'rules.json')]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${join(dir, 'rules.json')}:3:13: invalid JSON`);
  });

  it('exits 2 naming a file that does not exist', () => {
    const { status, stderr } = spawnCli(['validate', 'no/such/rules.json']);
    expect(status).toBe(2);
    expect(stderr).toBe('error: cannot read rule set "no/such/rules.json": no such file\n');
  });

  it('warns, without failing, about rule participants missing from --agents', () => {
    const dir = tempFiles({ 'rules.json': JSON.stringify(ruleSetWith('true', 'ghost')) });
    const { status, stderr } = spawnCli(['validate', join(dir, 'rules.json'), '--agents', EXAMPLE.agents]);
    expect(status).toBe(0);
    expect(stderr).toContain('warning:');
    expect(stderr).toContain('rule "r1" names agents not in the agents file: ghost');
  });

  it('shows help with exit 0, and usage errors with exit 2', () => {
    const help = spawnCli(['validate', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: dedicated-agent validate/);
    const unknown = spawnCli(['validate', EXAMPLE.rules, '--strict-mode']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error: unknown option --strict-mode');
    expect(unknown.stderr).toContain('dedicated-agent validate --help');
    const missing = spawnCli(['validate']);
    expect(missing.status).toBe(2);
  });
});

describe('dedicated-agent', () => {
  it('lists the commands with --help and rejects an unknown command with exit 2', () => {
    const help = spawnCli(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['validate', 'explain', 'simulate']) expect(help.stdout).toContain(`  ${command} <rules.json>`);
    expect(help.stdout).toContain('  init [dir]');
    expect(help.stdout).toContain('  -V, --version');
    const unknown = spawnCli(['simulte']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('error: unknown command "simulte", did you mean "simulate"?\nRun "dedicated-agent --help" for usage.\n');
  });
});

describe('dedicated-agent validate --agents: shifts and leave', () => {
  /** A weekday rule open 09:00–17:00 in Shanghai (01:00–09:00 UTC) over four agents. */
  const officeRules = {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings,
    rules: [
      {
        id: 'office',
        name: 'Office hours',
        enabled: true,
        schedule: { hours: [{ from: '09:00', to: '17:00' }] },
        agents: [{ id: 'late' }, { id: 'night-berlin' }, { id: 'away' }, { id: 'half-away' }],
        order: { by: 'roundRobin' },
      },
    ],
  };
  const agents = [
    // 10:00–18:00 UTC: never while the rule is open.
    { id: 'late', schedule: { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '10:00', to: '18:00' }], timeZone: 'UTC' } },
    // 22:00–06:00 in Berlin (21:00–05:00 UTC in winter): meets the rule 01:00–05:00 UTC.
    { id: 'night-berlin', schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/Berlin' } },
    { id: 'away', leave: [{ from: '2026-11-28', to: '2026-12-20' }] },
    { id: 'half-away', leave: [{ from: '2026-12-01T00:00:00+08:00', to: '2026-12-07T18:00:00+08:00' }] },
  ];
  const at = '2026-12-01T00:00+08:00';

  it('warns about an agent never on shift while the rule is open, and one on leave for the whole 14 days, and no one else', () => {
    const dir = tempFiles({ 'rules.json': JSON.stringify(officeRules), 'agents.json': JSON.stringify(agents) });
    const rules = join(dir, 'rules.json');
    const { status, stderr } = spawnCli(['validate', rules, '--agents', join(dir, 'agents.json'), '--at', at]);
    expect(status).toBe(0);
    const warnings = stderr.trim().split('\n');
    expect(warnings).toEqual([
      `warning: ${rules}: rule "office": agent late is never on shift while the rule is open in the 14 days from 2026-11-30T16:00:00.000Z`,
      `warning: ${rules}: agent away is on leave for the whole of the 14 days from 2026-11-30T16:00:00.000Z (rule "office")`,
    ]);
  });

  it('gives the same warnings as data with --format json, and none when the horizon starts after the leave', () => {
    const dir = tempFiles({ 'rules.json': JSON.stringify(officeRules), 'agents.json': JSON.stringify(agents) });
    const args = ['validate', join(dir, 'rules.json'), '--agents', join(dir, 'agents.json'), '--format', 'json'];
    const report = JSON.parse(spawnCli([...args, '--at', at]).stdout);
    expect(report.files[0].warnings).toHaveLength(2);
    const later = JSON.parse(spawnCli([...args, '--at', '2026-12-21T00:00+08:00']).stdout);
    expect(later.files[0].warnings).toEqual([expect.stringContaining('agent late is never on shift')]);
  });

  it('refuses malformed schedule, leave and maxAssigned in the agents file with their paths (exit 2)', () => {
    const bad = [
      { id: 'a', schedule: { hours: [{ from: '22:00', to: '22:00' }] } },
      { id: 'b', leave: [{ from: '2026-12-01', to: 'soon' }] },
      { id: 'c', maxAssigned: { day: 2.5 } },
      { id: 'd', lastAssignedAt: 'yesterday' },
    ];
    const dir = tempFiles({ 'agents.json': JSON.stringify(bad) });
    const file = join(dir, 'agents.json');
    const { status, stderr } = spawnCli(['validate', EXAMPLE.rules, '--agents', file]);
    expect(status).toBe(2);
    expect(stderr).toContain('4 problems with the agents');
    expect(stderr).toContain(`${file}[0].schedule.hours[0].to`);
    expect(stderr).toContain(`${file}[1].leave[0].to`);
    expect(stderr).toContain(`${file}[2].maxAssigned.day`);
    expect(stderr).toContain(`${file}[3].lastAssignedAt must be an instant`);
  });
});

describe('dedicated-agent validate --agents: skill groups', () => {
  /** A weekday rule open 09:00–17:00 in Shanghai over the lead and two skill groups; a disabled rule with one more. */
  const skillRules = {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings,
    rules: [
      {
        id: 'vip',
        name: 'VIP',
        enabled: true,
        schedule: { hours: [{ from: '09:00', to: '17:00' }] },
        agents: [{ id: 'lead' }, { where: "'vip' in agent.skills" }, { where: "'fr' in agent.languages" }],
        order: { by: 'roundRobin' },
      },
      {
        id: 'legal',
        name: 'Legal',
        enabled: true,
        agents: [{ where: "agent.team == 'legal'" }],
        order: { by: 'roundRobin' },
      },
    ],
  };
  const agents = [
    { id: 'lead' },
    // 10:00–18:00 UTC: never while the rule is open.
    { id: 'v-late', skills: ['vip'], schedule: { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '10:00', to: '18:00' }], timeZone: 'UTC' } },
    { id: 'v-away', skills: ['vip'], leave: [{ from: '2026-11-28', to: '2026-12-20' }] },
    { id: 'v-ok', skills: ['vip'], schedule: { hours: [{ from: '08:00', to: '12:00' }] } },
    { id: 'plain', skills: ['zh'], schedule: { hours: [{ from: '20:00', to: '21:00' }] } },
  ];
  const at = '2026-12-01T00:00+08:00';

  it('warns about selectors that match nobody, and about selector-matched agents never on shift or on leave throughout', () => {
    const dir = tempFiles({ 'rules.json': JSON.stringify(skillRules), 'agents.json': JSON.stringify(agents) });
    const rules = join(dir, 'rules.json');
    const { status, stderr } = spawnCli(['validate', rules, '--agents', join(dir, 'agents.json'), '--at', at]);
    expect(status).toBe(0);
    expect(stderr.trim().split('\n')).toEqual([
      `warning: ${rules}: rule "vip": the selector agents[2] matches none of the agents in the agents file`,
      `warning: ${rules}: rule "legal": the selector agents[0] matches none of the agents in the agents file (none of its participants is known: it can never assign)`,
      `warning: ${rules}: rule "vip": agent v-late (via agents[1]) is never on shift while the rule is open in the 14 days from 2026-11-30T16:00:00.000Z`,
      `warning: ${rules}: agent v-away is on leave for the whole of the 14 days from 2026-11-30T16:00:00.000Z (rule "vip")`,
    ]);
  });

  it('says nothing once an agent of the group exists and is on shift', () => {
    const rules = { ...skillRules, rules: [skillRules.rules[1]] };
    const dir = tempFiles({ 'rules.json': JSON.stringify(rules), 'agents.json': JSON.stringify([{ id: 'l-1', attributes: { team: 'legal' } }]) });
    const { status, stderr } = spawnCli(['validate', join(dir, 'rules.json'), '--agents', join(dir, 'agents.json'), '--at', at]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
  });
});
