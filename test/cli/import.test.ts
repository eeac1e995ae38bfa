import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createAssignmentService } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'da-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rules = join(dir, 'rules.json');
writeFileSync(
  rules,
  JSON.stringify({
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    rules: [{ id: 'vip', name: 'VIP', enabled: true, when: 'level >= 4', agents: [{ id: 'nobody' }], order: { by: 'roundRobin' } }],
    defaultRule: { name: 'Everyone', enabled: true, agents: [{ id: 'a' }, { id: 'b' }], order: { by: 'roundRobin' } },
  }),
);

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text), isTTY: false } });
  return { status, stdout, stderr };
}

describe('dedicated-agent import', () => {
  const database = join(dir, 'db');

  it('assigns a JSONL file through a PGlite store, prints the summary as JSON, and counts a second run as repeated', async () => {
    const db = await PGlite.create(database);
    await (await createPostgresStore({ client: db }).migrate()).upsertAgents([{ id: 'a' }, { id: 'b' }]);
    await db.close();
    const customers = join(dir, 'customers.jsonl');
    const lines = Array.from({ length: 30 }, (_, index) => JSON.stringify({ id: `c-${index}`, createdAt: '2026-10-01T09:00+08:00', fields: { level: index % 5 } }));
    writeFileSync(customers, `${lines.join('\n')}\n\n`);

    const first = await run(['import', customers, '--pglite', database, '--rules', rules, '--batch-size', '7', '--format', 'json']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const { seconds, ...summary } = JSON.parse(first.stdout);
    expect(typeof seconds).toBe('number');
    expect(summary).toEqual({ subjects: 30, batches: 5, assigned: { a: 15, b: 15 }, pendingConfirmation: {}, unassigned: {}, queued: {}, repeated: 0 });

    const again = await run(['import', customers, '--pglite', database, '--rules', rules]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^imported 30 customers in 1 batches/);
    expect(again.stdout).toContain('repeated (imported before, nothing written): 30');
  }, 120_000);

  it('stops at a bad line with exit status 2 naming it and how many customers before it are in', async () => {
    const customers = join(dir, 'bad.jsonl');
    writeFileSync(customers, `${JSON.stringify({ id: 'x-1' })}\n${JSON.stringify({ id: 'x-2' })}\n{"id": 7}\n`);
    const { status, stderr } = await run(['import', customers, '--pglite', database, '--rules', rules, '--batch-size', '1']);
    expect(status).toBe(2);
    expect(stderr).toContain(`${customers}:3: `);
    expect(stderr).toContain('2 customers before it are imported');
  }, 120_000);

  it('without --rules decides by the rule set the store keeps, and says so plainly when it keeps none; in Chinese too', async () => {
    const target = join(dir, 'stored');
    const customers = join(dir, 'stored.jsonl');
    writeFileSync(customers, `${Array.from({ length: 4 }, (_, index) => JSON.stringify({ id: `s-${index}` })).join('\n')}\n`);
    const db = await PGlite.create(target);
    const store = await createPostgresStore({ client: db }).migrate();
    await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
    await db.close();

    const none = await run(['import', customers, '--pglite', target, '--lang', 'zh-CN']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('存储中还没有规则集');

    const reopened = await PGlite.create(target);
    const svc = createAssignmentService({ store: createPostgresStore({ client: reopened }) });
    await svc.saveRuleSet(JSON.parse(readFileSync(rules, 'utf8')), { actor: { id: 'admin', role: 'admin' }, note: 'first rules' });
    await reopened.close();

    const stored = await run(['import', customers, '--pglite', target, '--lang', 'zh-CN']);
    expect(stored.stderr).toBe('');
    expect(stored.status).toBe(0);
    expect(stored.stdout).toMatch(/^已导入 4 个客户，共 1 批/);
    expect(stored.stdout).toMatch(/自动分配:\n {2}a {2}\s+2\n {2}b {2}\s+2/);
  }, 120_000);

  it.each([
    [['import', 'x.jsonl', '--rules', rules], 'give exactly one of --database <url> and --pglite <dir>'],
    [['import', 'x.jsonl', '--pglite', 'd', '--database', 'postgres://x'], 'give exactly one of --database <url> and --pglite <dir>'],
    [['import', 'x.jsonl', '--pglite', 'd', '--rules', rules, '--batch-size', '2x'], '--batch-size must be a whole number ≥ 1, got "2x"'],
    [['import', 'a.jsonl', 'b.jsonl', '--pglite', 'd'], 'import takes one customers file, got 2'],
    [['import', '--pglite', 'd', '--rules', rules], 'missing the customers file'],
    [['import', 'x.jsonl', '--pglite', 'd', '--rules', rules, '--batch-size', '0'], '--batch-size must be a whole number ≥ 1, got "0"'],
  ])('refuses %j with exit status 2', async (argv, message) => {
    const { status, stderr } = await run(argv);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
  });
});
