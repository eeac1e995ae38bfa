/**
 * Renders the HTML report of the example data set and takes the screenshot
 * the README shows (docs/report.png), in headless Chromium.
 *
 *   npx tsx examples/screenshotReport.ts [--out docs/report.png] [--html /tmp/report.html]
 *
 * Needs Debian's `chromium` (apt-get install -y chromium) or CHROMIUM_PATH.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CustomerFile } from '../src/cli/customerFile.js';
import { loadAgents } from '../src/cli/loadAgents.js';
import { loadRuleSet } from '../src/cli/loadRuleSet.js';
import { renderReport } from '../src/cli/renderReport.js';
import { simulate } from '../src/cli/simulate.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/report.png' },
    html: { type: 'string', default: join(tmpdir(), 'dedicated-agent-report.html') },
  },
});

const rules = 'examples/data/rules.json';
const agentsFile = 'examples/data/agents.json';
const customersFile = 'examples/data/customers.sample.jsonl';
const result = simulate({
  scenarios: [{ label: rules, ruleSet: loadRuleSet(rules).ruleSet }],
  agents: loadAgents(agentsFile),
  customers: new CustomerFile(customersFile),
});
const html = renderReport(result, { customersSource: customersFile, agentsSource: agentsFile, generatedAt: new Date() });
writeFileSync(values.html, html);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1060, height: 1500 }, deviceScaleFactor: 1 });
  await page.goto(`file://${values.html}`);
  mkdirSync(dirname(values.out), { recursive: true });
  // The top of the report: summary cards and the share chart, which is what the README needs to show.
  await page.screenshot({ path: values.out, fullPage: false });
  process.stderr.write(`wrote ${values.out} (report: ${values.html})\n`);
} finally {
  await browser.close();
}
