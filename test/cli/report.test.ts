import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { filledDatabase } from './reportDatabase.js';
import { spawnCli } from './spawnCli.js';

const NOVEMBER = ['--from', '2026-11-01T00:00+08:00', '--to', '2026-12-01T00:00+08:00'];

describe('dedicated-agent report', () => {
  let filled: { dir: string; rulesFile: string };
  beforeAll(async () => {
    filled = await filledDatabase();
  }, 120_000);

  it('says plainly that an empty database has nothing to report, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dedicated-agent-empty-'));
    await new PGlite(dir).close();
    const run = spawnCli(['report', '--pglite', dir, ...NOVEMBER]);
    expect(run).toEqual({ status: 0, stderr: '', stdout: `${dir} has no dedicated-agent schema "dedicated_agent": no assignment records, nothing to report.\n` });
  }, 60_000);

  it('says so when the window holds no records', () => {
    const run = spawnCli(['report', '--pglite', join(filled.dir, 'db'), '--from', '2026-10-01T00:00+08:00', '--to', '2026-11-01T00:00+08:00', '--time-zone', 'Asia/Shanghai']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`No assignment records created from 2026-09-30T16:00:00.000Z to 2026-10-31T16:00:00.000Z in ${join(filled.dir, 'db')}.\n`);
  }, 60_000);

  it('prints per agent figures, the rule shares against the weights, and days, as text and as JSON', () => {
    const text = spawnCli(['report', '--pglite', join(filled.dir, 'db'), ...NOVEMBER, '--rules', filled.rulesFile]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('7 records for 3 agents (days and hours in Asia/Shanghai)');
    expect(text.stdout).toMatch(/^a\s+4\s+0\s+0\s+4\s+0\s+0\s+0\s+0\s+100\.0%\s+10 min \/ 10 min\s+—$/m);
    expect(text.stdout).toMatch(/^b\s+2\s+0\s+0\s+1\s+1\s+0\s+0\s+0\s+50\.0%/m);
    expect(text.stdout).toContain('  east East: 6, largest deviation 0.00 pt');
    expect(text.stdout).toMatch(/^2026-11-02\s+7\s+6\s+1\s+0$/m);

    const json = spawnCli(['report', '--pglite', join(filled.dir, 'db'), ...NOVEMBER, '--rules', filled.rulesFile, '--format', 'json']);
    const stats = JSON.parse(json.stdout);
    expect(stats.records).toBe(7);
    expect(stats.agents.map((agent: { agentId: string; acceptanceRate: number | null }) => [agent.agentId, agent.acceptanceRate])).toEqual([
      ['a', 1],
      ['b', 0.5],
      ['c', null],
    ]);
    expect(stats.days).toHaveLength(30);
  }, 60_000);

  it('writes a self-contained HTML report with one share bar per agent the rules served', () => {
    const report = join(filled.dir, 'report.html');
    const run = spawnCli(['report', '--pglite', join(filled.dir, 'db'), ...NOVEMBER, '--rules', filled.rulesFile, '--report', report]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`report written to ${report}\n`);
    const html = readFileSync(report, 'utf8');
    expect(html.match(/<g class="share-bar[^"]*" data-agent="([^"]+)"/g)?.map((bar) => bar.replace(/.*data-agent="([^"]+)"/, '$1'))).toEqual(['a', 'b']);
    expect(html.match(/<g class="day-bar"/g)).toHaveLength(30);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  }, 60_000);

  it('shows the waiting queue as it is now: text by reason and by rule, the same figures in JSON, an HTML section', () => {
    const db = join(filled.dir, 'db');
    const text = spawnCli(['report', '--pglite', db, ...NOVEMBER, '--rules', filled.rulesFile]);
    expect(text.status).toBe(0);
    const waiting = text.stdout.slice(text.stdout.indexOf('Unassigned and waiting, by reason'));
    expect(waiting).toMatch(/^3 customers waiting at \d{4}-\d{2}-\d{2} \d{2}:\d{2}/m);
    expect(waiting).toMatch(/^nobody eligible\s+2$/m);
    expect(waiting).toMatch(/^declined, nobody left\s+1$/m);
    expect(waiting).toMatch(/^west\s+2\neast\s+1$/m);

    const json = JSON.parse(spawnCli(['report', '--pglite', db, ...NOVEMBER, '--format', 'json']).stdout);
    expect(json.waiting).toMatchObject({ size: 3, byReason: { no_eligible_agent: 2, declined: 1, expired: 0 }, byRule: [{ ruleId: 'west', size: 2 }, { ruleId: 'east', size: 1 }] });
    expect(json.waiting.oldestAgeMs).toBeGreaterThan(0);

    const report = join(filled.dir, 'waiting.html');
    expect(spawnCli(['report', '--pglite', db, ...NOVEMBER, '--report', report]).status).toBe(0);
    const html = readFileSync(report, 'utf8');
    const section = html.slice(html.indexOf('<section class="waiting">'));
    expect(section).toContain('<h2>Unassigned and waiting, by reason</h2>');
    expect(section).toMatch(/<tr data-reason="no_eligible_agent"><td>nobody eligible<\/td><td class="n">2<\/td>/);
    expect(section).toMatch(/<tr data-rule="west"><td>west<\/td><td class="n">2<\/td>/);
  }, 60_000);

  it('speaks Chinese with --lang zh-CN or LANG=zh_CN.UTF-8, in text and HTML; JSON stays the same', () => {
    const db = join(filled.dir, 'db');
    const byOption = spawnCli(['report', '--pglite', db, ...NOVEMBER, '--rules', filled.rulesFile, '--lang', 'zh-CN']);
    const byEnv = spawnCli(['report', '--pglite', db, ...NOVEMBER, '--rules', filled.rulesFile], { LANG: 'zh_CN.UTF-8' });
    expect(byOption.status).toBe(0);
    // The two runs are seconds apart: the waiting queue is told as it is at each run's own minute, and its ages from then.
    const withoutNow = (text: string) => text.replace(/^.* 时有 (\d+) 位客户等待分配$/m, '(now) $1').replace(/^已等待：.*$/m, '(ages)');
    expect(withoutNow(byOption.stdout)).toMatch(/^\(now\) 3\n\(ages\)$/m);
    expect(withoutNow(byEnv.stdout)).toBe(withoutNow(byOption.stdout));
    expect(byOption.stdout).toMatch(/^分配报表，2026-11-01 00:00/);
    expect(byOption.stdout).toContain('7 条分配记录，3 位专属客服（日期与小时按 Asia/Shanghai）');
    expect(byOption.stdout).toMatch(/^客服\s+自动分配\s+管理员手动分配\s+业务申请分配/m);
    expect(byOption.stdout).toContain('  east East：6 次，最大偏差 0.00 个百分点');
    expect(byOption.stdout).toMatch(/^无可分配客服\s+2$/m);
    expect(byOption.stdout).not.toMatch(/records|agents|waiting/);

    const report = join(filled.dir, 'report-zh.html');
    const run = spawnCli(['report', '--pglite', db, ...NOVEMBER, '--rules', filled.rulesFile, '--report', report], { LANG: 'zh_CN.UTF-8' });
    expect(run.stderr).toBe(`报表已写入 ${report}\n`);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>分配报表，2026-11-01 00:00');
    expect(html).toContain('<h2>未分配、等待中的客户，按原因</h2>');
    expect(html).toContain('<td>无可分配客服</td>');
    expect(html).toContain('<th class="n">客服二次确认用时（中位 / p90）</th>');

    const english = spawnCli(['report', '--pglite', db, ...NOVEMBER, '--format', 'json']);
    const chinese = spawnCli(['report', '--pglite', db, ...NOVEMBER, '--format', 'json', '--lang', 'zh-CN']);
    const { waiting: _w1, ...en } = JSON.parse(english.stdout);
    const { waiting: _w2, ...zh } = JSON.parse(chinese.stdout);
    expect(zh).toEqual(en);
  }, 60_000);

  it('says in Chinese that the window holds no records, and keeps the JSON note English', () => {
    const args = ['report', '--pglite', join(filled.dir, 'db'), '--from', '2026-10-01T00:00+08:00', '--to', '2026-11-01T00:00+08:00', '--lang', 'zh-CN'];
    expect(spawnCli(args).stdout).toBe(`${join(filled.dir, 'db')} 中没有 2026-09-30T16:00:00.000Z 至 2026-10-31T16:00:00.000Z 创建的分配记录。\n`);
    expect(JSON.parse(spawnCli([...args, '--format', 'json']).stdout).message).toMatch(/^No assignment records created from/);
  }, 60_000);
});
