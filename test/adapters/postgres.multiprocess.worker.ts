/**
 * One application server of the multi-process test: its own `pg.Pool` of 8
 * connections and its own service on the shared schema. It announces `ready`,
 * then runs each phase the parent starts with a line on stdin and answers with
 * one JSON line:
 * - `distinct <count>`: that many concurrent `autoAssign` calls on customers of its own;
 * - `shared <count>`: that many concurrent `autoAssign` calls on the customer every worker uses;
 * - `queued <count>`: as `distinct`, on customers `q<worker>-<n>` (while nobody is online: they queue);
 * - `drain <count>`: `assignWaiting()` and, at the same time, that many `autoAssign` calls on customers `d<worker>-<n>`;
 * - `bulk <count>`: one `autoAssignMany` of that many customers `b<worker>-<n>` in batches of 100 (reports its summary);
 * - `calls <count>`: as `distinct`, on customers `i<worker>-<n>`.
 * It ends when its stdin closes.
 */
import { createInterface } from 'node:readline';
import { type AssignmentResult, createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import pg from 'pg';

const [url, schema, worker] = process.argv.slice(2) as [string, string, string];
const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  rules: [
    {
      id: 'main',
      name: 'Everyone',
      enabled: true,
      agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      order: { by: 'roundRobin' },
      eligibility: { presence: ['online'] },
    },
  ],
};

const pool = new pg.Pool({ connectionString: url, max: 8 });
const store = createPostgresStore({ client: pool, schema });
const svc = createAssignmentService({ store, ruleSet, autoDrain: false });

/** Runs the calls at once; reports who got what, the failures and how long it took. */
async function phase(subjectIds: string[]): Promise<void> {
  const started = performance.now();
  const settled = await Promise.allSettled(subjectIds.map((id) => svc.autoAssign({ id, fields: { worker } })));
  const results = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
  const summary = (result: AssignmentResult) => ({ subject: result.subject.id, outcome: result.outcome, agentId: result.agentId, reason: result.reason });
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, results: results.map(summary), failures })}\n`);
}

/** Drains the queue while new calls arrive; reports the drain's decisions with the calls' results. */
async function drainPhase(subjectIds: string[]): Promise<void> {
  const started = performance.now();
  const [drain, calls] = await Promise.allSettled([svc.assignWaiting(), Promise.all(subjectIds.map((id) => svc.autoAssign({ id })))]);
  const failures = [drain, calls].flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
  const drained = drain.status === 'fulfilled' ? drain.value.decisions.map(({ subject, outcome, agentId, reason }) => ({ subject: subject.id, outcome, agentId, reason })) : [];
  const assigned = calls.status === 'fulfilled' ? calls.value.map((result) => ({ subject: result.subject.id, outcome: result.outcome, agentId: result.agentId, reason: result.reason })) : [];
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, results: [...drained, ...assigned], failures })}\n`);
}

/** Imports customers with autoAssignMany; reports its summary. */
async function bulkPhase(subjectIds: string[]): Promise<void> {
  const started = performance.now();
  const failures: string[] = [];
  const summary = await svc.autoAssignMany(subjectIds.map((id) => ({ id })), { batchSize: 100 }).catch((error: unknown) => {
    failures.push(String(error));
    return null;
  });
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, results: [], failures, summary })}\n`);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, count] = line.split(' ') as [string, string];
  const ids = (prefix: string) => Array.from({ length: Number(count) }, (_, index) => `${prefix}${worker}-${index}`);
  if (command === 'drain') void drainPhase(ids('d'));
  else if (command === 'bulk') void bulkPhase(ids('b'));
  else if (command === 'calls') void phase(ids('i'));
  else void phase(command === 'shared' ? Array.from({ length: Number(count) }, () => 'shared') : ids(command === 'queued' ? 'q' : 'w'));
});
lines.on('close', () => void pool.end());
process.stdout.write('ready\n');
