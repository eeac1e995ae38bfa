/**
 * Commits two weeks of assignments into a PGlite directory, renders the
 * `dedicated-agent report` HTML page of it and takes the screenshot the
 * README shows (docs/report-live.png), in headless Chromium. The directory
 * stays, so the command itself can be run on it:
 *
 *   npx tsx examples/screenshotLiveReport.ts [--out docs/report-live.png] [--dir /tmp/dedicated-agent-live] [--lang en|zh-CN]
 *   npx tsx src/cli/main.ts report --pglite /tmp/dedicated-agent-live/db --rules /tmp/dedicated-agent-live/rules.json \
 *     --from 2026-11-01T00:00+08:00 --to 2026-11-15T00:00+08:00 --lang zh-CN
 *
 * Needs Debian's `chromium` (apt-get install -y chromium) or CHROMIUM_PATH.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { chromium } from 'playwright-core';
import { renderStatsReport } from '../src/cli/renderStatsReport.js';
import { seededRandom } from '../src/cli/seededRandom.js';
import { type Actor, createAssignmentService, type Locale, type RuleSet } from '../src/index.js';
import { createPostgresStore } from '../src/adapters/postgres/index.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/report-live.png' },
    dir: { type: 'string', default: '/tmp/dedicated-agent-live' },
    lang: { type: 'string', default: 'en' },
  },
});
const locale = values.lang as Locale;

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: true },
    application: { enabled: true, adminApproval: true, agentConfirmation: false },
  },
  rules: [
    {
      id: 'east',
      name: 'East region',
      enabled: true,
      agents: [
        { id: 'li-lei', weight: 3 },
        { id: 'han-meimei', weight: 2 },
        { id: 'wang-wu', weight: 2 },
        { id: 'zhao-liu', weight: 1 },
      ],
      proportional: true,
      order: { by: 'roundRobin' },
    },
  ],
};

rmSync(values.dir, { recursive: true, force: true });
mkdirSync(values.dir, { recursive: true });
writeFileSync(join(values.dir, 'rules.json'), JSON.stringify(ruleSet, null, 2));
const db = new PGlite(join(values.dir, 'db'));
const store = await createPostgresStore({ client: db }).migrate();
await store.upsertAgents(['li-lei', 'han-meimei', 'wang-wu', 'zhao-liu'].map((id) => ({ id })));
const random = seededRandom(14);
let now = Date.parse('2026-11-01T08:30:00+08:00');
const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date(now) } });
const admin: Actor = { id: 'admin', role: 'admin' };
const sales: Actor = { id: 'sales', role: 'business' };
let customer = 0;
for (let day = 0; day < 14; day++) {
  const weekend = day % 7 === 0 || day % 7 === 6;
  now = Date.parse('2026-11-01T08:30:00+08:00') + day * 86_400_000;
  const arrivals = weekend ? 4 + Math.floor(random() * 4) : 12 + Math.floor(random() * 10);
  for (let i = 0; i < arrivals; i++) {
    now += Math.floor(random() * 40 * 60_000);
    customer += 1;
    const roll = random();
    if (roll < 0.1) {
      await store.upsertSubjects([{ id: `c-${customer}` }]);
      await svc.assignManually({ subject: { id: `c-${customer}` }, agentId: 'wang-wu', actor: admin });
      continue;
    }
    if (roll < 0.18) {
      await store.upsertSubjects([{ id: `c-${customer}` }]);
      const { record } = await svc.apply({ subject: { id: `c-${customer}` }, agentId: 'han-meimei', actor: sales, canView: true });
      now += Math.floor((10 + random() * 110) * 60_000);
      await svc.approve(record.id, admin);
      continue;
    }
    const { record } = await svc.autoAssign({ id: `c-${customer}` });
    if (record === null) continue;
    now += Math.floor((2 + random() * 40) * 60_000);
    const agent: Actor = { id: record.agentId, role: 'agent' };
    if (random() < (record.agentId === 'zhao-liu' ? 0.3 : 0.08)) await svc.decline(record.id, agent);
    else await svc.confirm(record.id, agent);
  }
}
// A few customers nobody can take: the west rule's only participant is not an agent of the store, so they wait.
const closed: RuleSet = { ...ruleSet, rules: [{ ...ruleSet.rules[0]!, id: 'west', name: 'West region', agents: [{ id: 'sun-qi', weight: 1 }] }] };
const waiting = createAssignmentService({ store, ruleSet: closed, clock: { now: () => new Date(now) } });
for (let i = 0; i < 5; i++) {
  now += 45 * 60_000;
  await waiting.autoAssign({ id: `w-${i}` });
}

const stats = await svc.stats({ from: '2026-11-01T00:00+08:00', to: '2026-11-15T00:00+08:00' });
await db.close();
const html = renderStatsReport(stats, { source: join(values.dir, 'db'), generatedAt: new Date(now), locale });
const htmlFile = join(values.dir, 'report.html');
writeFileSync(htmlFile, html);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1060, height: 1500 }, deviceScaleFactor: 1 });
  await page.goto(`file://${htmlFile}`);
  mkdirSync(dirname(values.out), { recursive: true });
  await page.screenshot({ path: values.out, fullPage: false });
  process.stderr.write(`wrote ${values.out} (${stats.records} records; report: ${htmlFile})\n`);
} finally {
  await browser.close();
}
