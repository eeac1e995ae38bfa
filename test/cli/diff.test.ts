import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/renderReport.js';
import { runCli } from '../../src/cli/runCli.js';
import { simulate } from '../../src/cli/simulate.js';
import { diffRuleSets } from '../../src/index.js';
import { seedAgents, seedRuleSet } from '../fixtures/seedRuleSet.js';
import { EXAMPLE, spawnCli, tempFiles } from './spawnCli.js';

function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = runCli(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text), isTTY: false } });
  return { status, stdout, stderr };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const expected = diffRuleSets(readJson(EXAMPLE.rules), readJson(EXAMPLE.rulesAlt));

describe('dedicated-agent diff', () => {
  it('lists every change rule by rule in English, one line each, and exits 1 as diff(1) does when the rule sets differ', () => {
    const { status, stdout, stderr } = run(['diff', EXAMPLE.rules, EXAMPLE.rulesAlt]);
    expect(status).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${EXAMPLE.rules} → ${EXAMPLE.rulesAlt}: ${expected.length} changes`);
    expect(lines.slice(1)).toEqual(expected.map((change) => `  ${change.message}`));
    expect(stdout).toContain('Rule "North China (华北东北)" (north): removed (was at position 5)');
    expect(stdout).toContain('Rule "East China (华东)" (east): order: fewest in care → fewest assigned this week');
  });

  it('words the same changes in Chinese with --lang zh-CN', () => {
    const { status, stdout } = run(['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--lang', 'zh-CN']);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${EXAMPLE.rules} → ${EXAMPLE.rulesAlt}：${expected.length} 处变更`);
    expect(lines).toHaveLength(expected.length + 1);
    expect(stdout).toContain('规则“North China (华北东北)”（north）：删除（原第 5 条）');
    expect(stdout).toContain('规则“East China (华东)”（east）：分配顺序规则：以处理中事务数量少的人员优先分配 → 以【当周】分配事务数量少的人员优先分配');
  });

  it('prints language-neutral JSON: codes, rule ids, paths and params, the same whatever --lang says', () => {
    const en = run(['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--format', 'json']);
    const zh = run(['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--format', 'json', '--lang', 'zh-CN']);
    expect(en.status).toBe(1);
    expect(zh.stdout).toBe(en.stdout);
    const json = JSON.parse(en.stdout);
    expect(json.before).toBe(EXAMPLE.rules);
    expect(json.after).toBe(EXAMPLE.rulesAlt);
    expect(json.changes).toEqual(expected.map(({ message: _, ...data }) => data));
    expect(en.stdout).not.toContain('message');
  });

  it('exits 0 and says "no change" for rule sets that mean the same, even written differently', () => {
    const ruleSet = readJson(EXAMPLE.rules);
    for (const rule of ruleSet.rules) rule.sticky ??= false;
    const dir = tempFiles({ 'same.json': JSON.stringify(ruleSet) });
    const { status, stdout } = run(['diff', EXAMPLE.rules, join(dir, 'same.json')]);
    expect(status).toBe(0);
    expect(stdout).toBe(`${EXAMPLE.rules} → ${join(dir, 'same.json')}: no change\n`);
    expect(run(['diff', EXAMPLE.rules, EXAMPLE.rules, '--lang', 'zh-CN']).stdout).toBe(`${EXAMPLE.rules} → ${EXAMPLE.rules}：无变更\n`);
    expect(JSON.parse(run(['diff', EXAMPLE.rules, EXAMPLE.rules, '--format', 'json']).stdout).changes).toEqual([]);
  });

  it('exits 2 with the issues of an invalid rule set, and for misuse, pointing at the help', () => {
    const dir = tempFiles({ 'bad.json': JSON.stringify({ ...readJson(EXAMPLE.rules), timeZone: 'Asia/Shangai' }) });
    const bad = run(['diff', EXAMPLE.rules, join(dir, 'bad.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'bad.json')}: invalid rule set, 1 issue`);
    expect(bad.stderr).toContain('Did you mean "Asia/Shanghai"? [invalid_time_zone]');
    const misuse: [string[], string][] = [
      [['diff', EXAMPLE.rules], 'expected two rule-set files, got 1: dedicated-agent diff <old.json> <new.json>'],
      [['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, EXAMPLE.rules], 'expected two rule-set files, got 3'],
      [['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--lang', 'fr'], '--lang must be "zh-CN" or "en", got "fr"'],
      [['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--format', 'yaml'], '--format must be "text" or "json", got "yaml"'],
      [['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--language', 'en'], 'unknown option --language'],
      [['diff', EXAMPLE.rules, 'no-such.json'], 'cannot read rule set "no-such.json"'],
    ];
    for (const [argv, message] of misuse) {
      const { status, stderr } = run(argv);
      expect(status, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toContain(`error: ${message}`);
    }
    expect(run(['diff', EXAMPLE.rules]).stderr).toContain('Run "dedicated-agent diff --help" for usage.');
  });

  it('documents itself in --help and in the program help', () => {
    const help = run(['diff', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: dedicated-agent diff <old.json> <new.json>');
    expect(help.stdout).toContain('Exit status (as diff(1)): 0 when the rule sets mean the same, 1 when they');
    expect(run(['--help']).stdout).toContain('diff <old.json> <new.json>');
  });

  it('agrees with simulate --compare on what changed, in text and in JSON', () => {
    const simulate = ['simulate', EXAMPLE.rules, '--compare', EXAMPLE.rulesAlt, '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents];
    const diff = spawnCli(['diff', EXAMPLE.rules, EXAMPLE.rulesAlt, '--format', 'json']);
    expect(diff.status).toBe(1);
    const simulated = run([...simulate, '--format', 'json']);
    expect(simulated.status).toBe(0);
    expect(JSON.parse(simulated.stdout).compare.ruleChanges).toEqual(JSON.parse(diff.stdout).changes);

    const diffText = run(['diff', EXAMPLE.rules, EXAMPLE.rulesAlt]).stdout.trimEnd().split('\n').slice(1);
    const simulatedText = run(simulate).stdout.split('\n');
    const heading = simulatedText.indexOf(`Rule changes from A to B: ${expected.length}`);
    expect(heading).toBeGreaterThan(-1);
    expect(simulatedText.slice(heading + 1, heading + 1 + expected.length)).toEqual(diffText);
  });
});

describe('simulate --compare lists the rule changes', () => {
  it('in the HTML report, escaped, and as none when the rule sets mean the same', () => {
    const before = seedRuleSet();
    const after = seedRuleSet();
    after.rules[1]!.name = 'VIP <gold>';
    after.rules[1]!.enabled = false;
    const customers = [{ id: 'c-1', createdAt: Date.parse('2026-10-08T10:00:00+08:00'), fields: { region: '北京', level: 4, tags: [] } }];
    const context = { customersSource: 'c.jsonl', agentsSource: 'a.json', generatedAt: new Date(0) };
    const scenarios = (b: typeof after) => [
      { label: 'a.json', ruleSet: before },
      { label: 'b.json', ruleSet: b },
    ];
    const changed = simulate({ scenarios: scenarios(after), agents: seedAgents(), customers });
    expect(changed.ruleChanges!.map((change) => change.code)).toEqual(['rule_renamed', 'rule_disabled']);
    const html = renderReport(changed, context);
    expect(html).toContain('A → B: what changed in the rules');
    expect(html).toContain('<li>Rule &quot;VIP &lt;gold&gt;&quot; (vip): disabled (paused)</li>');
    const same = simulate({ scenarios: scenarios(seedRuleSet()), agents: seedAgents(), customers });
    expect(same.ruleChanges).toEqual([]);
    expect(renderReport(same, context)).toContain('No change: the rule sets mean the same.');
    expect(simulate({ scenarios: [{ label: 'a.json', ruleSet: before }], agents: seedAgents(), customers }).ruleChanges).toBeNull();
  });
});
