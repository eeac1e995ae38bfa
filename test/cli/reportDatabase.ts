/** A PGlite database with a small committed history, for the `report` command's tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Actor, createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: true },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  rules: [{ id: 'east', name: 'East', enabled: true, agents: [{ id: 'a', weight: 2 }, { id: 'b', weight: 1 }], proportional: true, order: { by: 'roundRobin' } }],
};

/**
 * A PGlite directory (`<dir>/db`) and its rule set (`<dir>/rules.json`) with six automatic offers on 2 November (five confirmed, one declined) and one manual assignment; three customers wait for an agent (the declined one, whom rule "east" could not place again, and two that rule "west" could not place).
 */
export async function filledDatabase(): Promise<{ dir: string; rulesFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dedicated-agent-report-'));
  const db = new PGlite(join(dir, 'db'));
  const store = await createPostgresStore({ client: db }).migrate();
  await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  await store.upsertSubjects([{ id: 'm-1' }]);
  let now = Date.parse('2026-11-02T09:00:00+08:00');
  const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date(now) } });
  for (let i = 1; i <= 6; i++) {
    const { record } = await svc.autoAssign({ id: `c-${i}` });
    now += 10 * 60_000;
    const agent: Actor = { id: record!.agentId, role: 'agent' };
    if (i === 5) await svc.decline(record!.id, agent);
    else await svc.confirm(record!.id, agent);
    now += 50 * 60_000;
  }
  await svc.assignManually({ subject: { id: 'm-1' }, agentId: 'c', actor: { id: 'admin', role: 'admin' } });
  // Two customers a rule whose only participant is unknown cannot place: they wait (no_eligible_agent, rule "west"), without a record.
  const west: RuleSet = { ...ruleSet, rules: [{ id: 'west', name: 'West', enabled: true, agents: [{ id: 'z', weight: 1 }], proportional: true, order: { by: 'roundRobin' } }] };
  const waiting = createAssignmentService({ store, ruleSet: west, clock: { now: () => new Date(now) } });
  await waiting.autoAssign({ id: 'w-1' });
  await waiting.autoAssign({ id: 'w-2' });
  await db.close();
  const rulesFile = join(dir, 'rules.json');
  writeFileSync(rulesFile, JSON.stringify(ruleSet));
  return { dir, rulesFile };
}

