import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';
import { EXAMPLE, spawnCli, tempFiles } from './spawnCli.js';

function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text), isTTY: false }, env };
  const status = runCli(argv, io);
  return { status, stdout, stderr };
}

const rules = EXAMPLE.rules;
const explainArgs = ['explain', rules, '--customer', EXAMPLE.customer, '--agents', EXAMPLE.agents, '--at', '2026-11-25T10:00+08:00'];

describe('dedicated-agent --lang', () => {
  it('speaks Chinese with --lang zh-CN, anywhere in the arguments, and English with --lang en', () => {
    expect(run(['validate', rules, '--lang', 'zh-CN']).stdout).toBe(`${rules}：规则集有效（8 条规则，有默认规则，时区 Asia/Shanghai）\n`);
    expect(run(['--lang=zh-CN', 'validate', rules]).stdout).toBe(`${rules}：规则集有效（8 条规则，有默认规则，时区 Asia/Shanghai）\n`);
    expect(run(['validate', rules, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }).stdout).toBe(`${rules}: valid rule set (8 rules and a default rule, time zone Asia/Shanghai)\n`);
  });

  it('defaults from LC_ALL, then LC_MESSAGES, then LANG; zh_CN.UTF-8 is Chinese, anything else English', () => {
    const said = (env: Record<string, string>) => (run(['validate', rules], env).stdout.includes('规则集有效') ? 'zh-CN' : 'en');
    expect(said({})).toBe('en');
    expect(said({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(said({ LANG: 'zh_CN' })).toBe('zh-CN');
    expect(said({ LANG: 'C.UTF-8' })).toBe('en');
    expect(said({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(said({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(said({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(said({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(said({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
  });

  it('refuses another language with exit 2, said in the language of the environment', () => {
    expect(run(['validate', rules, '--lang', 'fr'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: --lang must be "zh-CN" or "en", got "fr"\nRun "dedicated-agent --help" for usage.\n',
    });
    expect(run(['validate', rules, '--lang'], { LANG: 'zh_CN.UTF-8' }).stderr).toBe('错误：--lang 需要一个值\n运行 "dedicated-agent --help" 查看用法。\n');
  });

  it('says usage errors in Chinese, in the one format, with exit 2', () => {
    const zh = (argv: string[]) => run([...argv, '--lang', 'zh-CN']);
    expect(zh(['simulte'])).toEqual({ status: 2, stdout: '', stderr: '错误：未知命令 "simulte"，你是不是想用 "simulate"？\n运行 "dedicated-agent --help" 查看用法。\n' });
    expect(zh(['validate', rules, '--agent', EXAMPLE.agents]).stderr).toBe(
      '错误：未知选项 --agent，你是不是想用 --agents？\n运行 "dedicated-agent validate --help" 查看用法。\n',
    );
    expect(zh(['explain', rules, '--agents', EXAMPLE.agents]).stderr).toBe('错误：缺少 --customer <customer.json>\n运行 "dedicated-agent explain --help" 查看用法。\n');
    expect(zh(['validate', 'no-such.json'])).toEqual({ status: 2, stdout: '', stderr: '错误：无法读取规则集 "no-such.json"：文件不存在\n' });
    expect(zh(['--help']).stdout).toContain('用法：dedicated-agent <命令> [选项]');
  });

  it('warns in Chinese about participants missing from the agents file', () => {
    const dir = tempFiles({ 'agents.json': JSON.stringify([{ id: 'huang-tao' }]) });
    const { status, stderr } = run(['validate', rules, '--agents', join(dir, 'agents.json'), '--at', '2026-11-25T10:00+08:00', '--lang', 'zh-CN']);
    expect(status).toBe(0);
    const warnings = stderr.trim().split('\n');
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning).toMatch(/^警告：examples\/data\/rules\.json：/);
    expect(warnings).toContainEqual(expect.stringMatching(/^警告：examples\/data\/rules\.json：规则“vip”中的参与分配人员不在客服文件中：zhao-min、/));
    expect(stderr).toContain('（其参与分配人员都不存在：此规则永远无法分配）');
  });

  it('lists an invalid rule set’s issues in Chinese, keeping paths, codes and carets', () => {
    const dir = tempFiles({
      'rules.json': JSON.stringify({
        version: 1,
        timeZone: 'Asia/Shangai',
        settings: { manual: { enabled: true, agentConfirmation: false }, auto: { enabled: true, agentConfirmation: false }, application: { enabled: false, adminApproval: false, agentConfirmation: false } },
        fields: { region: 'string' },
        rules: [{ id: 'r', name: '北京', enabled: true, when: "regoin == '北京'", agents: [{ id: 'a' }], order: { by: 'roundRobin' } }],
      }),
    });
    const { status, stdout } = run(['validate', join(dir, 'rules.json'), '--lang', 'zh-CN']);
    expect(status).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`${join(dir, 'rules.json')}：规则集无效，共 2 个问题：`);
    expect(lines).toContain('timeZone：不是 IANA 时区：“Asia/Shangai”。你是不是想写“Asia/Shanghai”？ [invalid_time_zone]');
    expect(lines).toContain('rules[0].when：未知字段“regoin”。你是不是想写“region”？ [unknown_field]');
    expect(lines).toContain("  regoin == '北京'");
    expect(lines).toContain('  ^');
  });

  it('explains a decision in Chinese: the time in the rule set zone, the agent, the rule and the seed terms', () => {
    const { status, stdout } = run([...explainArgs, '--lang', 'zh-CN']);
    expect(status).toBe(0);
    const [when, headline, ...rest] = stdout.split('\n');
    expect(when).toBe('分配决定时间 2026-11-25 10:00 Asia/Shanghai（2026-11-25T02:00:00.000Z）');
    expect(headline).toMatch(/^客户 c-20261125-0042 → 专属客服 .+ \(.+\)，依据规则“VIP customers \(VIP 客户\)”（vip）。$/);
    expect(rest.join('\n')).toContain('按“以当月自动分配次数少的人员优先分配（按比例分配）”选中');
    expect(rest.join('\n')).toContain('不在适用时间内；一年内不会开放');
    expect(rest.join('\n')).toContain('Han Xue (han-xue)：不参与本次分配，已停用。');
  });

  it('labels the simulation in Chinese: the per-agent, not-assigned and per-rule tables and the largest deviation', () => {
    const { status, stdout } = run(['simulate', rules, '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents, '--lang', 'zh-CN']);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^模拟了2026-10-01 \d\d:\d\d – 2026-10-31 \d\d:\d\d（Asia\/Shanghai）创建的 2,000 个客户$/);
    expect(lines[1]).toMatch(/^examples\/data\/rules\.json：已分配 2,000（100\.00%），其中 [\d,]+ 个在 retryAt 重试时分配；未分配 0$/);
    expect(lines.find((line) => line.startsWith('客服 '))).toMatch(/^客服 +已分配 +占比 +目标 +偏差 +在班$/);
    expect(lines.some((line) => line.startsWith('与公平分配的最大偏差：'))).toBe(true);
    expect(lines).toContain('未分配，按原因');
    expect(lines.some((line) => /^outside_schedule +满足条件的规则都不在适用时间内/.test(line))).toBe(true);
    expect(lines.find((line) => line.startsWith('规则 '))).toMatch(/^规则 +名称 +已分配 +占比 +有分配的人员$/);
  });

  it('writes the HTML report in Chinese: page language, title, captions, table headings', () => {
    const dir = tempFiles({});
    const report = join(dir, 'report.html');
    const { status } = run(['simulate', rules, '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents, '--report', report, '--lang', 'zh-CN']);
    expect(status).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain(`<h1>分配模拟：${rules}</h1>`);
    expect(html).toContain('<b>各客服的分配占比与目标。</b>');
    expect(html).toContain('<h3>客服：分配数与在班时长</h3>');
    expect(html).toContain('<th>规则</th><th>名称</th><th class="n">已分配</th>');
    expect(html).not.toContain('<b>Share per agent against target.</b>');
  });

  it('summarises the starter project of init in Chinese', () => {
    const dir = join(tempFiles({}), 'demo');
    const { status, stdout } = run(['init', dir, '--lang', 'zh-CN']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(`已写入示例项目到 ${dir}：`);
    expect(stdout).toContain('位客服');
    expect(stdout).toContain('\n试试：\n');
  });

  it('keeps --format json language-neutral: the same codes whatever the language', () => {
    const english = run([...explainArgs, '--format', 'json']);
    const chinese = run([...explainArgs, '--format', 'json', '--lang', 'zh-CN']);
    expect(chinese.stdout).toBe(english.stdout);
  });

  it('reads the language from the real environment of the program', () => {
    const { status, stdout } = spawnCli(['validate', rules], { LANG: 'zh_CN.UTF-8' });
    expect(status).toBe(0);
    expect(stdout).toBe(`${rules}：规则集有效（8 条规则，有默认规则，时区 Asia/Shanghai）\n`);
  });
});
