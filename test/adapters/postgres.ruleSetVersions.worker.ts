/**
 * One process of the rule-set-version test: its own `pg.Pool` and a service
 * that follows the store's rule set. It announces `ready`, then answers each
 * command on stdin with one JSON line:
 * - `save <count>`: saves that many rule sets, one after another, each naming
 *   this process and its number in the rule's name; reports their revisions;
 * - `assign <subject>`: `autoAssign` of that customer; reports the agent and
 *   the revision kept with the record.
 * It ends when its stdin closes.
 */
import { createInterface } from 'node:readline';
import { createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import pg from 'pg';

const [url, schema, worker] = process.argv.slice(2) as [string, string, string];

function ruleSet(n: number): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    rules: [{ id: 'main', name: `process ${worker} version ${n}`, enabled: true, agents: [{ id: `a${worker}` }], order: { by: 'roundRobin' } }],
  };
}

const pool = new pg.Pool({ connectionString: url, max: 4 });
const store = createPostgresStore({ client: pool, schema });
const svc = createAssignmentService({ store, autoDrain: false });
const admin = { id: `admin-${worker}`, role: 'admin' as const };

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  const [command, argument] = line.split(' ') as [string, string];
  if (command === 'save') {
    const revisions: string[] = [];
    for (let n = 0; n < Number(argument); n++) revisions.push((await svc.saveRuleSet(ruleSet(n), { actor: admin, note: `${worker}:${n}` })).revision);
    process.stdout.write(`${JSON.stringify({ revisions })}\n`);
  } else {
    const result = await svc.autoAssign({ id: argument });
    const decision = await store.recordDecision(result.record!.id);
    process.stdout.write(`${JSON.stringify({ agentId: result.agentId, revision: decision?.revision ?? null })}\n`);
  }
}
await pool.end();
