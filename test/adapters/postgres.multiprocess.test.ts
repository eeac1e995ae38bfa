import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, freshSchemaName, serverPool, serverUrl, skipReason } from './postgresServer.js';

const WORKER = fileURLToPath(new URL('./postgres.multiprocess.worker.ts', import.meta.url));
const PROCESSES = 4;
const CALLS_PER_PROCESS = 250;

interface PhaseReport {
  ms: number;
  summary?: { subjects: number; batches: number; assigned: Record<string, number> };
  results: { subject: string; outcome: string; agentId: string | null; reason: string | null }[];
  failures: string[];
}

/** A worker process and the lines it writes. */
interface Worker {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

function startWorker(schema: string, index: number): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, serverUrl!, schema, String(index)], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines: Interface = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    const resolve = waiting.shift();
    if (resolve === undefined) queue.push(line);
    else resolve(line);
  });
  const exited = new Promise<string>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`worker ${index} exited with ${String(code)}: ${stderr}`))),
  );
  exited.catch(() => undefined);
  return {
    child,
    next: () => Promise.race([queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)), exited]),
  };
}

/** Starts a phase in every worker at once and collects their reports. */
async function runPhase(workers: Worker[], command: string): Promise<PhaseReport[]> {
  const reports = workers.map((worker) => worker.next());
  for (const worker of workers) worker.child.stdin.write(`${command}\n`);
  return (await Promise.all(reports)).map((line) => JSON.parse(line) as PhaseReport);
}

describe.skipIf(!serverUrl)(`postgres store shared by ${PROCESSES} processes (${serverUrl ? 'DEDICATED_AGENT_PG_URL' : skipReason})`, () => {
  const pool = serverPool(2);
  const schema = freshSchemaName('multiprocess');
  let workers: Worker[] = [];

  beforeAll(async () => {
    const store = await createPostgresStore({ client: pool, schema }).migrate();
    await store.upsertAgents([{ id: 'a', presence: 'online' }, { id: 'b', presence: 'online' }, { id: 'c', presence: 'online' }]);
    workers = Array.from({ length: PROCESSES }, (_, index) => startWorker(schema, index));
    for (const worker of workers) expect(await worker.next()).toBe('ready');
  });

  afterAll(async () => {
    for (const worker of workers) worker.child.stdin.end();
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.child.once('close', resolve))));
    await dropSchema(pool, schema);
    await pool.end();
  });

  it(`splits ${PROCESSES} × ${CALLS_PER_PROCESS} concurrent autoAssign calls 334/333/333 by round robin, one effective record per customer`, async () => {
    const reports = await runPhase(workers, `distinct ${CALLS_PER_PROCESS}`);
    const results = reports.flatMap((report) => report.results);
    expect(reports.flatMap((report) => report.failures)).toEqual([]);
    expect(results).toHaveLength(PROCESSES * CALLS_PER_PROCESS);
    expect(results.every((result) => result.outcome === 'assigned')).toBe(true);

    const byAgent = new Map<string, number>();
    for (const result of results) byAgent.set(result.agentId!, (byAgent.get(result.agentId!) ?? 0) + 1);
    expect([...byAgent.values()].sort()).toEqual([333, 333, 334]);

    const { rows } = await pool.query<{ subject_id: string; agent_id: string; status: string }>(
      `SELECT r.subject_id, r.agent_id, r.status FROM "${schema}".records r`,
    );
    expect(rows).toHaveLength(PROCESSES * CALLS_PER_PROCESS);
    expect(new Set(rows.map((row) => row.subject_id)).size).toBe(PROCESSES * CALLS_PER_PROCESS);
    expect(rows.every((row) => row.status === 'effective')).toBe(true);
    const agentOf = new Map(results.map((result) => [result.subject, result.agentId]));
    expect(rows.every((row) => agentOf.get(row.subject_id) === row.agent_id)).toBe(true);
    const { rows: subjects } = await pool.query<{ id: string; agent_id: string }>(`SELECT id, agent_id FROM "${schema}".subjects`);
    expect(subjects.every((subject) => agentOf.get(subject.id) === subject.agent_id)).toBe(true);

    const slowest = Math.max(...reports.map((report) => report.ms));
    console.info(`${results.length} assignments by ${PROCESSES} processes in ${slowest.toFixed(0)} ms: ${((results.length / slowest) * 1000).toFixed(0)}/s`);
  });

  it('keeps round robin and counts exact when one process imports with autoAssignMany while the others call autoAssign', async () => {
    const before = await pool.query<{ agent_id: string; n: number }>(
      `SELECT agent_id, count(*)::int AS n FROM "${schema}".records GROUP BY agent_id ORDER BY agent_id`,
    );
    const reports = await Promise.all(
      workers.map((worker, index) => {
        const report = worker.next();
        worker.child.stdin.write(index === 0 ? 'bulk 900\n' : 'calls 100\n');
        return report.then((line) => JSON.parse(line) as PhaseReport);
      }),
    );
    expect(reports.flatMap((report) => report.failures)).toEqual([]);
    const summary = reports[0]!.summary!;
    expect(summary.subjects).toBe(900);
    expect(summary.batches).toBe(9);
    expect(Object.values(summary.assigned).reduce((sum, n) => sum + n, 0)).toBe(900);
    const calls = reports.slice(1).flatMap((report) => report.results);
    expect(calls).toHaveLength(300);
    expect(calls.every((result) => result.outcome === 'assigned')).toBe(true);

    const { rows } = await pool.query<{ subject_id: string; status: string }>(
      `SELECT subject_id, status FROM "${schema}".records WHERE subject_id LIKE 'b%' OR subject_id LIKE 'i%'`,
    );
    expect(rows).toHaveLength(1200);
    expect(new Set(rows.map((row) => row.subject_id)).size).toBe(1200);
    expect(rows.every((row) => row.status === 'effective')).toBe(true);
    const after = await pool.query<{ agent_id: string; n: number }>(
      `SELECT agent_id, count(*)::int AS n FROM "${schema}".records GROUP BY agent_id ORDER BY agent_id`,
    );
    // Round robin under one lock across the processes: 1,200 more split exactly, from wherever the pointer stood.
    const added = after.rows.map((row) => row.n - (before.rows.find((old) => old.agent_id === row.agent_id)?.n ?? 0));
    expect(added).toEqual([400, 400, 400]);
  });

  it('gives one customer one record when 20 calls for it race across the processes', async () => {
    const reports = await runPhase(workers, `shared ${20 / PROCESSES}`);
    const results = reports.flatMap((report) => report.results);
    expect(reports.flatMap((report) => report.failures)).toEqual([]);
    expect(results).toHaveLength(20);
    const assigned = results.filter((result) => result.outcome === 'assigned');
    expect(assigned).toHaveLength(1);
    expect(results.filter((result) => result.outcome !== 'assigned').every((result) => result.reason === 'already_assigned')).toBe(true);
    const { rows } = await pool.query<{ agent_id: string }>(`SELECT agent_id FROM "${schema}".records WHERE subject_id = 'shared'`);
    expect(rows).toEqual([{ agent_id: assigned[0]!.agentId }]);
  });

  it('drains the waiting queue from every process at once, among new calls: each customer assigned once, queue empty, counts exact', async () => {
    const store = createPostgresStore({ client: pool, schema });
    const before = await pool.query<{ agent_id: string; n: number }>(
      `SELECT agent_id, count(*)::int AS n FROM "${schema}".records GROUP BY agent_id ORDER BY agent_id`,
    );
    await store.upsertAgents([{ id: 'a', presence: 'offline' }, { id: 'b', presence: 'offline' }, { id: 'c', presence: 'offline' }]);
    const queued = (await runPhase(workers, 'queued 60')).flatMap((report) => report.results);
    expect(queued.every((result) => result.reason === 'no_eligible_agent')).toBe(true);
    expect((await store.queueStats(new Date())).size).toBe(PROCESSES * 60);

    await store.upsertAgents([{ id: 'a', presence: 'online' }, { id: 'b', presence: 'online' }, { id: 'c', presence: 'online' }]);
    const reports = await runPhase(workers, 'drain 30');
    expect(reports.flatMap((report) => report.failures)).toEqual([]);
    const results = reports.flatMap((report) => report.results);
    const drainedTwice = results.filter((result) => result.subject.startsWith('q') && result.agentId !== null);
    expect(drainedTwice).toHaveLength(PROCESSES * 60);
    expect(new Set(drainedTwice.map((result) => result.subject)).size).toBe(PROCESSES * 60);
    expect((await store.queueStats(new Date())).size).toBe(0);

    const { rows } = await pool.query<{ subject_id: string }>(`SELECT subject_id FROM "${schema}".records WHERE subject_id LIKE 'q%' OR subject_id LIKE 'd%'`);
    expect(rows).toHaveLength(PROCESSES * 90);
    expect(new Set(rows.map((row) => row.subject_id)).size).toBe(PROCESSES * 90);
    const after = await pool.query<{ agent_id: string; n: number }>(
      `SELECT agent_id, count(*)::int AS n FROM "${schema}".records GROUP BY agent_id ORDER BY agent_id`,
    );
    const added = after.rows.map((row) => row.n - (before.rows.find((old) => old.agent_id === row.agent_id)?.n ?? 0));
    expect(added).toEqual([120, 120, 120]);
  });
});
