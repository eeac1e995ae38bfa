/**
 * The chaos suite: `npm run chaos` (120 s of faults, then the checks) or
 * `npm run chaos -- --short` (30 s of faults, under a minute in all; run by
 * CI). Several worker processes × concurrent lanes of `autoAssign` and
 * workflow calls against the PostgreSQL server of
 * `DEDICATED_AGENT_PG_URL` (a fresh schema per run), through a TCP proxy this
 * process controls, while faults are injected: a worker killed with SIGKILL
 * and restarted, `pg_terminate_backend` on the workers' connections,
 * connections cut by the proxy (right after a COMMIT, instead of one, or all
 * at once) and a notifier that throws or stalls. Then the outbox is drained,
 * every idempotent call is made again, and the invariants are checked in
 * SQL. Prints the figures; exits 1 on any violation.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createPostgresStore } from '../src/adapters/postgres/index.js';
import { createAssignmentService } from '../src/index.js';
import { startTcpProxy } from '../test/support/tcpProxy.js';
import { CHAOS_AGENTS, CHAOS_RULE_SET, type ChaosLine, type ChaosTask } from './chaosSetup.js';
import { checkInvariants, type InvariantResult } from './checkInvariants.js';

const short = process.argv.includes('--short');
const config = short ? { processes: 3, lanes: 4, seconds: 30, subjects: 400 } : { processes: 4, lanes: 8, seconds: 120, subjects: 1500 };
const BOUND_MS = 30_000;
const WORKER = fileURLToPath(new URL('./chaosWorker.ts', import.meta.url));

const url = process.env.DEDICATED_AGENT_PG_URL;
if (!url) {
  console.error('npm run chaos needs a PostgreSQL server: set DEDICATED_AGENT_PG_URL=postgres://…');
  process.exit(2);
}

const direct = new pg.Pool({ connectionString: url, max: 4 });
direct.on('error', () => undefined);
const schema = `da_chaos_${Date.now().toString(36)}`;
const store = await createPostgresStore({ client: direct, schema }).migrate();
await store.upsertAgents(CHAOS_AGENTS);
const target = new URL(url);
const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
const logDir = mkdtempSync(join(tmpdir(), 'da-chaos-'));
const until = Date.now() + config.seconds * 1_000;
const faults = { killed: 0, terminated: 0, commitCuts: 0, connectionCuts: 0 };

console.log(`chaos${short ? ' (short)' : ''}: ${config.processes} processes × ${config.lanes} lanes for ${config.seconds} s, schema ${schema}`);

interface Worker {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  killed: boolean;
}
const workers: Worker[] = [];
const finished: Worker[] = [];
let generation = 0;

function startWorker(index: number): Worker {
  const task: ChaosTask = {
    url: proxy.url(url!),
    schema,
    index,
    generation: ++generation,
    lanes: config.lanes,
    until,
    subjects: config.subjects,
    boundMs: BOUND_MS,
    log: join(logDir, `worker-${index}-${generation}.jsonl`),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(task)], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exit, killed: false };
}

for (let index = 0; index < config.processes; index++) workers.push(startWorker(index));

const every = async (ms: number, fault: () => Promise<void> | void) => {
  while (Date.now() < until - 2_000) {
    await sleep(ms * (0.5 + Math.random()));
    if (Date.now() < until - 2_000) await fault();
  }
};

await Promise.all([
  // A worker killed with SIGKILL, and a new one in its place.
  every(short ? 12_000 : 20_000, async () => {
    const index = Math.floor(Math.random() * workers.length);
    const victim = workers[index]!;
    victim.killed = true;
    victim.child.kill('SIGKILL');
    await victim.exit;
    faults.killed++;
    finished.push(victim);
    await sleep(300);
    workers[index] = startWorker(index);
  }),
  // The server ends one of the workers' sessions.
  every(700, async () => {
    const { rows } = await direct.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'da-chaos' ORDER BY random() LIMIT 1`,
    );
    faults.terminated += rows.filter((row) => row.ended).length;
  }),
  // The proxy cuts the connection that carries the next COMMIT.
  every(1_000, () => {
    void proxy.cutAtCommit(Math.random() < 0.5 ? 'after' : 'before').then(() => faults.commitCuts++);
  }),
  // The proxy cuts every open connection.
  every(6_000, () => {
    faults.connectionCuts += proxy.cutAll();
  }),
]);

// Wait for the workers to finish their last calls; one that does not is a hang.
let hungProcesses = 0;
for (const worker of workers) {
  const settled = await Promise.race([worker.exit.then(() => true), sleep(BOUND_MS + 10_000).then(() => false)]);
  if (!settled) {
    hungProcesses++;
    worker.child.kill('SIGKILL');
    await worker.exit;
  }
  finished.push(worker);
}
const exits = await Promise.all(finished.map(async (worker) => ({ killed: worker.killed, ...(await worker.exit) })));
const crashed = exits.filter((exit) => !exit.killed && exit.code !== 0).length;
await proxy.close();

const lines: ChaosLine[] = [];
for (const file of readdirSync(logDir)) {
  for (const text of readFileSync(join(logDir, file), 'utf8').split('\n')) if (text !== '') lines.push(JSON.parse(text) as ChaosLine);
}

// Recovery: deliver what is left with a notifier that works, once leases and back-offs have passed.
const drained: ChaosLine[] = [];
const recovery = createAssignmentService({
  store,
  ruleSet: CHAOS_RULE_SET,
  notifier: { send: (notification) => void drained.push({ t: 'sent', recordId: notification.recordId }) },
  dispatch: { batchSize: 100, leaseMs: 3_000, backoffBaseMs: 200, backoffMaxMs: 2_000 },
});
const outboxSize = async () => Number((await direct.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".outbox`)).rows[0]!.n);
for (let round = 0; round < 40 && (await outboxSize()) > 0; round++) {
  await recovery.dispatchNotifications();
  if ((await outboxSize()) > 0) await sleep(250);
}
const outboxLeft = await outboxSize();

// Idempotent re-calls: every keyed autoAssign again, compared with what the worker was told.
const keyed = lines.filter((line): line is Extract<ChaosLine, { t: 'ok' }> => line.t === 'ok' && line.op === 'autoAssign' && line.key !== undefined);
const differing: unknown[] = [];
for (let start = 0; start < keyed.length; start += 16) {
  await Promise.all(
    keyed.slice(start, start + 16).map(async (line) => {
      const again = await recovery.autoAssign({ id: line.subject! }, { idempotencyKey: line.key! });
      if ((again.record?.id ?? null) !== line.recordId || again.agentId !== line.agentId || again.outcome !== line.outcome) {
        differing.push({ key: line.key, first: line, again: { recordId: again.record?.id ?? null, agentId: again.agentId, outcome: again.outcome } });
      }
    }),
  );
}

const invariants: InvariantResult[] = await checkInvariants(direct, schema, [...lines, ...drained]);
const untyped = lines.filter((line) => line.t === 'error' && !line.typed);
const hangs = lines.filter((line) => line.t === 'hang').length + hungProcesses;
invariants.push(
  { name: 'idempotent re-calls identical', violations: differing.length, examples: differing.slice(0, 3) },
  { name: 'zero crashed processes (other than the killed ones)', violations: crashed, examples: exits.filter((exit) => !exit.killed && exit.code !== 0).slice(0, 3) },
  { name: 'zero untyped errors', violations: untyped.length, examples: untyped.slice(0, 3) },
  { name: `zero hangs (every call settles within ${BOUND_MS / 1_000} s)`, violations: hangs, examples: [] },
  { name: 'outbox drained after recovery', violations: outboxLeft, examples: [] },
);

const count = <K extends string>(keys: K[]): Record<K, number> => {
  const counts = {} as Record<K, number>;
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
};
const oks = lines.filter((line) => line.t === 'ok');
const errors = lines.filter((line): line is Extract<ChaosLine, { t: 'error' }> => line.t === 'error');
const notifierFaults = lines.filter((line): line is Extract<ChaosLine, { t: 'notifierFault' }> => line.t === 'notifierFault');
const figures = {
  calls: oks.length + errors.length + lines.filter((line) => line.t === 'hang').length,
  successes: count(oks.map((line) => (line.t === 'ok' ? line.op : 'autoAssign'))),
  typedErrors: count(errors.filter((line) => line.typed).map((line) => line.code)),
  faults: {
    ...faults,
    notifierThrows: notifierFaults.filter((line) => line.kind === 'throw').length,
    notifierStalls: notifierFaults.filter((line) => line.kind === 'stall').length,
    poolErrorEvents: lines.filter((line) => line.t === 'poolError').length,
  },
  commitAnswersLost: lines.filter((line) => line.t === 'commitUnknown').length,
  commitUnknownToCallers: errors.filter((line) => line.code === 'commit_unknown').length,
  idempotentRecalls: keyed.length,
  notificationsDelivered: lines.filter((line) => line.t === 'sent').length + drained.length,
};
console.log(JSON.stringify(figures, null, 2));
for (const result of invariants) {
  console.log(`${result.violations === 0 ? 'OK  ' : 'FAIL'} ${result.name}${result.violations === 0 ? '' : ` (${result.violations}): ${JSON.stringify(result.examples)}`}`);
}
const failed = invariants.some((result) => result.violations > 0);
await direct.end();
if (!failed) {
  const cleanup = new pg.Pool({ connectionString: url, max: 1 });
  await cleanup.query(`DROP SCHEMA "${schema}" CASCADE`);
  await cleanup.end();
  rmSync(logDir, { recursive: true, force: true });
} else {
  console.log(`kept schema ${schema} and logs in ${logDir} for inspection`);
}
console.log(failed ? 'chaos: invariants violated' : 'chaos: all invariants hold');
process.exit(failed ? 1 : 0);
