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
});
