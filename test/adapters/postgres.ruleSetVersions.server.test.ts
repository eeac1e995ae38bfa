import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RuleSetVersion } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, freshSchemaName, serverPool, serverUrl, skipReason } from './postgresServer.js';

const WORKER = fileURLToPath(new URL('./postgres.ruleSetVersions.worker.ts', import.meta.url));
const SAVES = 25;

/** A worker process and the lines it writes. */
interface Worker {
  child: ChildProcessWithoutNullStreams;
  ask(command: string): Promise<string>;
}

function startWorker(schema: string, index: number): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, serverUrl!, schema, String(index)], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const waiting: ((line: string) => void)[] = [];
  const queue: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const resolve = waiting.shift();
    if (resolve === undefined) queue.push(line);
    else resolve(line);
  });
  const exited = new Promise<string>((_, reject) => child.on('exit', (code) => reject(new Error(`worker ${index} exited with ${String(code)}: ${stderr}`))));
  exited.catch(() => undefined);
  const next = () => Promise.race([queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)), exited]);
  return {
    child,
    ask(command) {
      const answer = next();
      if (command !== '') child.stdin.write(`${command}\n`);
      return answer;
    },
  };
}

describe.skipIf(!serverUrl)(`rule-set versions saved by two processes at once (${serverUrl ? 'DEDICATED_AGENT_PG_URL' : skipReason})`, () => {
  const pool = serverPool(2);
  const schema = freshSchemaName('versions');
  let workers: Worker[] = [];

  beforeAll(async () => {
    const store = await createPostgresStore({ client: pool, schema }).migrate();
    await store.upsertAgents([{ id: 'a0' }, { id: 'a1' }]);
    workers = [0, 1].map((index) => startWorker(schema, index));
    for (const worker of workers) expect(await worker.ask('')).toBe('ready');
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) worker.child.stdin.end();
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.child.once('close', resolve))));
    await dropSchema(pool, schema);
    await pool.end();
  });

  it(`keeps all ${2 * SAVES} saves, ordered, each process's in its own order, the last one current; both processes then decide by it`, async () => {
    const reports = (await Promise.all(workers.map((worker) => worker.ask(`save ${SAVES}`)))).map(
      (line) => JSON.parse(line) as { revisions: string[] },
    );
    const store = createPostgresStore({ client: pool, schema });
    const history: RuleSetVersion[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.ruleSetVersions({ limit: 7, ...(cursor === undefined ? {} : { cursor }) });
      history.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(history).toHaveLength(2 * SAVES);
    const oldestFirst = [...history].reverse();
    for (const worker of ['0', '1']) {
      const own = oldestFirst.filter((version) => version.actor.id === `admin-${worker}`);
      expect(own.map((version) => version.note)).toEqual(Array.from({ length: SAVES }, (_, n) => `${worker}:${n}`));
      expect(own.map((version) => version.revision)).toEqual(reports[Number(worker)]!.revisions);
    }
    const current = await store.currentRuleSet();
    expect(current).toEqual(history[0]);
    expect(await store.ruleSetRevision()).toBe(current!.revision);

    const decided = (await Promise.all(workers.map((worker, index) => worker.ask(`assign c-${index}`)))).map(
      (line) => JSON.parse(line) as { agentId: string; revision: string },
    );
    const winner = current!.actor.id === 'admin-0' ? 'a0' : 'a1';
    expect(decided).toEqual([
      { agentId: winner, revision: current!.revision },
      { agentId: winner, revision: current!.revision },
    ]);
  }, 120_000);

  it('refuses to change or delete the history', async () => {
    await expect(pool.query(`UPDATE "${schema}".rule_set_versions SET note = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM "${schema}".rule_set_versions`)).rejects.toThrow(/append-only/);
  });
});
