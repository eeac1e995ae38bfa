import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { filledDatabase } from './reportDatabase.js';
import { EXAMPLE, ROOT, spawnCli, tempFiles } from './spawnCli.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const browserRequired = Boolean(process.env.CI) || Boolean(process.env.DEDICATED_AGENT_REQUIRE_BROWSER);
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface ChartShape {
  className: string;
  width: number;
  height: number;
  shapes: number;
}

describe('the simulation report in headless Chromium', () => {
  // Skipped only on a developer machine without Chromium; with CI or DEDICATED_AGENT_REQUIRE_BROWSER set, its absence fails the test.
  it.skipIf(!hasChromium && !browserRequired)(
    'renders every chart, with exactly one share bar per agent, and loads nothing from the network',
    async () => {
      if (!hasChromium) {
        expect.fail(`Chromium was not found at ${chromiumPath}: install it with "apt-get install -y chromium", or set CHROMIUM_PATH.`);
      }
      const agents: { id: string }[] = JSON.parse(readFileSync(join(ROOT, EXAMPLE.agents), 'utf8'));
      const report = join(tempFiles({}), 'report.html');
      const run = spawnCli(['simulate', EXAMPLE.rules, '--customers', EXAMPLE.customers, '--agents', EXAMPLE.agents, '--report', report, '--format', 'json']);
      expect(run.status).toBe(0);
      const assignedAgents = Object.values(JSON.parse(run.stdout).perAgent as Record<string, { assigned: number }>).filter((agent) => agent.assigned > 0).length;

      const browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(report).href);

        const charts: ChartShape[] = await page.$$eval('svg.chart', (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            return { className: svg.getAttribute('class') ?? '', width: box.width, height: box.height, shapes: svg.querySelectorAll('rect, path, line').length };
          }),
        );
        expect(charts.map((chart) => chart.className)).toEqual(['chart share-chart', 'chart daily-chart', 'chart heatmap-chart', 'chart hourly-chart', 'chart queue-chart']);
        for (const chart of charts) {
          expect(chart.width, chart.className).toBeGreaterThan(0);
          expect(chart.height, chart.className).toBeGreaterThan(0);
          expect(chart.shapes, chart.className).toBeGreaterThan(0);
        }

        const bars = await page.$$eval('svg.share-chart g.share-bar', (groups) =>
          groups.map((group) => ({
            agent: group.getAttribute('data-agent'),
            visibleSegments: [...group.querySelectorAll('rect.segment')].filter((rect) => rect.getBoundingClientRect().width > 0).length,
          })),
        );
        expect(bars.map((bar) => bar.agent)).toEqual(agents.map((agent) => agent.id));
        expect(bars.filter((bar) => bar.visibleSegments > 0)).toHaveLength(assignedAgents);

        expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
        const screenshot = join(tmpdir(), 'dedicated-agent-report-test.png');
        await page.screenshot({ path: screenshot, fullPage: true });
        expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );

  it.skipIf(!hasChromium && !browserRequired)(
    'renders the report of committed records: both charts, one share bar per agent the rules served, nothing from the network',
    async () => {
      if (!hasChromium) {
        expect.fail(`Chromium was not found at ${chromiumPath}: install it with "apt-get install -y chromium", or set CHROMIUM_PATH.`);
      }
      const { dir, rulesFile } = await filledDatabase();
      const report = join(dir, 'report.html');
      const run = spawnCli(['report', '--pglite', join(dir, 'db'), '--from', '2026-11-01T00:00+08:00', '--to', '2026-12-01T00:00+08:00', '--rules', rulesFile, '--report', report]);
      expect(run.status).toBe(0);

      const browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(pathToFileURL(report).href);
        const charts: ChartShape[] = await page.$$eval('svg.chart', (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            return { className: svg.getAttribute('class') ?? '', width: box.width, height: box.height, shapes: svg.querySelectorAll('rect, path, line').length };
          }),
        );
        expect(charts.map((chart) => chart.className)).toEqual(['chart share-chart', 'chart daily-chart']);
        for (const chart of charts) expect(chart.width * chart.height, chart.className).toBeGreaterThan(0);
        const bars = await page.$$eval('svg.share-chart g.share-bar', (groups) =>
          groups.map((group) => ({
            agent: group.getAttribute('data-agent'),
            visibleSegments: [...group.querySelectorAll('rect.segment')].filter((rect) => rect.getBoundingClientRect().width > 0).length,
          })),
        );
        expect(bars).toEqual([
          { agent: 'a', visibleSegments: 1 },
          { agent: 'b', visibleSegments: 1 },
        ]);
        expect(await page.$$eval('table.agents tbody tr', (rows) => rows.map((row) => row.getAttribute('data-agent')))).toEqual(['a', 'b', 'c']);
        const waiting = await page.$$eval('section.waiting tr[data-reason] .bar', (bars) =>
          bars.map((bar) => ({ reason: bar.closest('tr')?.getAttribute('data-reason'), width: bar.getBoundingClientRect().width })),
        );
        expect(waiting.map((bar) => bar.reason)).toEqual(['no_eligible_agent', 'declined']);
        expect(waiting[0]!.width).toBeGreaterThan(waiting[1]!.width);
        expect(requests.every((url) => url.startsWith('file:'))).toBe(true);
      } finally {
        await browser.close();
      }
    },
    180_000,
  );
});
