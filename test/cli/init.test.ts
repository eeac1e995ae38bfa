import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRuleSet } from '../../src/index.js';
import { ROOT, spawnCli, tempFiles } from './spawnCli.js';

const STARTER_FILES = ['agents.json', 'customer.json', 'customers.jsonl', 'rules.json'];

/** The commands `init` prints under "Try:", as argument lists for the CLI. */
function printedCommands(stdout: string): string[][] {
  const lines = stdout.split('\n').filter((line) => line.startsWith('  npx dedicated-agent '));
  return lines.map((line) => line.trim().split(/\s+/).slice(2));
}

describe('dedicated-agent init', () => {
  it('writes a starter project whose printed validate, explain and simulate commands all succeed', () => {
    const dir = join(tempFiles({}), 'demo');
    const init = spawnCli(['init', dir]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(STARTER_FILES);
    const commands = printedCommands(init.stdout);
    expect(commands.map((args) => args[0])).toEqual(['validate', 'explain', 'simulate']);
    const runs = commands.map((args) => ({ args, ...spawnCli(args) }));
    for (const { args, status, stderr } of runs) {
      expect({ args, status, stderr: stderr.replace(/^report written to .*\n$/, '') }).toEqual({ args, status: 0, stderr: '' });
    }
    const [validate, explain, simulate] = runs.map((run) => run.stdout);
    expect(validate).toContain('valid rule set (3 rules and a default rule, time zone Asia/Shanghai)');
    expect(explain).toContain('by rule "VIP customers (VIP 客户)" (vip)');
    expect(simulate).toMatch(/^Simulated 1,000 customers created 2026-10-01/);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('has each feature of the seed: a condition rule, a proportional rule, office hours, a holiday and a default rule', () => {
    const dir = tempFiles({});
    expect(spawnCli(['init', dir]).status).toBe(0);
    const result = validateRuleSet(JSON.parse(readFileSync(join(dir, 'rules.json'), 'utf8')));
    if (!result.ok) throw new Error('the starter rule set is invalid');
    const { rules, defaultRule } = result.ruleSet;
    expect(rules.some((rule) => rule.when !== undefined && !rule.proportional)).toBe(true);
    expect(rules.some((rule) => rule.proportional === true && new Set(rule.agents.map((a) => a.weight)).size > 1)).toBe(true);
    expect(rules.some((rule) => rule.schedule?.hours !== undefined && rule.schedule.weekdays !== undefined)).toBe(true);
    expect(rules.some((rule) => rule.schedule?.dates !== undefined)).toBe(true);
    expect(rules.some((rule) => rule.schedule?.exceptDates !== undefined)).toBe(true);
    expect(defaultRule).toBeTruthy();
    const customers = readFileSync(join(dir, 'customers.jsonl'), 'utf8').trim().split('\n');
    expect(customers).toHaveLength(1000);
  });

  it('writes the same files on every run (a seeded generator)', () => {
    const [a, b] = [tempFiles({}), tempFiles({})];
    expect(spawnCli(['init', a]).status).toBe(0);
    expect(spawnCli(['init', b]).status).toBe(0);
    for (const name of STARTER_FILES) expect(readFileSync(join(a, name), 'utf8')).toBe(readFileSync(join(b, name), 'utf8'));
  });

  it('refuses to overwrite an existing file, writing nothing, and overwrites with --force', () => {
    const dir = tempFiles({ 'rules.json': '{"mine": true}' });
    const refused = spawnCli(['init', dir]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `error: rules.json already exists in "${dir}"; nothing was written (--force overwrites)\nRun "dedicated-agent init --help" for usage.\n`,
    );
    expect(readdirSync(dir)).toEqual(['rules.json']);
    expect(readFileSync(join(dir, 'rules.json'), 'utf8')).toBe('{"mine": true}');
    const forced = spawnCli(['init', dir, '--force']);
    expect(forced.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(STARTER_FILES);
    expect(validateRuleSet(JSON.parse(readFileSync(join(dir, 'rules.json'), 'utf8'))).ok).toBe(true);
  });

  it('refuses a path that is a file, not a directory', () => {
    const dir = tempFiles({});
    writeFileSync(join(dir, 'taken'), '');
    const result = spawnCli(['init', join(dir, 'taken')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`error: cannot write the starter files to "${join(dir, 'taken')}": it is not a directory\n`);
  });
});

describe('dedicated-agent --version', () => {
  it('prints the version of package.json, with --version and -V', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const result = spawnCli([flag]);
      expect(result).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});
