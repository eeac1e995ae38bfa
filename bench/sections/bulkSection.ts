/**
 * Bulk import (issue "Bulk at database speed"): N customers (1,000,000; the
 * quick run 3,000) through `autoAssignMany` into the PostgreSQL server that
 * `DEDICATED_AGENT_PG_URL` names, in batches of 1,000 — wall time, subjects
 * per second and the process's peak RSS — next to `autoAssign` with group
 * commit (64 in flight through one service) on the same server in the same
 * run, on a sample of the same stream (a million of them would take most of
 * an hour); the ratio of the two rates (goal ≥ 10×). Both are checked exact
 * against a replay of the same stream through `createAssigner`: every
 * customer one effective record, each agent's count the replay's. PGlite's
 * figure (in memory, one connection) beside it, measured after the server
 * runs so its WebAssembly heap is not in the import's RSS. Without a server the
 * PostgreSQL figures are skipped with a message.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { AgentSnapshot, AssignmentStore, RuleSet } from '../../src/index.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { library, postgresAdapter } from '../library.js';

const AGENTS = 50;
const IN_FLIGHT = 64;
const BATCH = 1_000;
/** A Monday, 10:00 in Beijing: every decision of a run in one day. */
const NOW = new Date('2026-11-02T02:00:00Z');

const RULE_SET: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  fields: { region: 'string', level: 'number' },
  rules: [
    {
      id: 'north',
      name: 'North',
      enabled: true,
      when: "region == 'north'",
      agents: Array.from({ length: 20 }, (_, index) => ({ id: `agent-${index}` })),
      order: { by: 'roundRobin' },
    },
  ],
  defaultRule: {
    name: 'Everyone',
    enabled: true,
    agents: Array.from({ length: AGENTS }, (_, index) => ({ id: `agent-${index}` })),
    order: { by: 'fewestAssigned', period: 'day' },
  },
};

const AGENT_PROFILES = Array.from({ length: AGENTS }, (_, index) => ({ id: `agent-${index}`, presence: 'online' as const }));

function* customers(count: number): Generator<{ id: string; fields: { region: string; level: number } }> {
  for (let index = 0; index < count; index++) yield { id: `c-${index}`, fields: { region: index % 3 === 0 ? 'north' : 'south', level: index % 5 } };
}

/** Each agent's count when the same stream is replayed through `createAssigner` at the same instant. */
function replayCounts(count: number): Map<string, number> {
  const agents: AgentSnapshot[] = AGENT_PROFILES.map((agent) => ({ ...agent }));
  const assigner = library.createAssigner(RULE_SET, { agents });
  const counts = new Map<string, number>();
  for (const customer of customers(count)) {
    const { agentId } = assigner.assign(customer, NOW);
    if (agentId !== null) counts.set(agentId, (counts.get(agentId) ?? 0) + 1);
  }
  return counts;
}

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** Every customer one effective record, each agent's count the replay's. */
async function checkExact(query: Query, schema: string, count: number, label: string): Promise<void> {
  const { rows } = await query(
    `SELECT agent_id, count(*)::int AS n, count(DISTINCT subject_id)::int AS subjects FROM "${schema}".records WHERE status = 'effective' GROUP BY agent_id`,
  );
  const found = new Map(rows.map((row) => [row.agent_id as string, row.n as number]));
  const total = rows.reduce((sum, row) => sum + (row.subjects as number), 0);
  const expected = replayCounts(count);
  const same = found.size === expected.size && [...expected].every(([agent, n]) => found.get(agent) === n);
  if (total !== count || !same) throw new Error(`Bulk section (${label}): not exact: ${total} subjects of ${count}, counts ${JSON.stringify([...found])} vs replay ${JSON.stringify([...expected])}`);
}

async function seeded(store: AssignmentStore): Promise<AssignmentStore> {
  await store.upsertAgents(AGENT_PROFILES);
  return store;
}

function service(store: AssignmentStore) {
  return library.createAssignmentService({ store, ruleSet: RULE_SET, clock: { now: () => NOW }, autoDrain: false });
}

/** Runs `work`, sampling the process's RSS; returns the milliseconds and the peak in MB. */
async function measured(work: () => Promise<unknown>): Promise<{ ms: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const start = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms: performance.now() - start, peakMb: peak / 1e6 };
}

async function pgliteFigure(count: number): Promise<Figure> {
  const db = new PGlite();
  try {
    const store = await seeded(await postgresAdapter.createPostgresStore({ client: db, schema: 'bulk' }).migrate());
    const { ms } = await measured(() => service(store).autoAssignMany(customers(count), { batchSize: BATCH }));
    await checkExact((text) => db.query(text) as Promise<{ rows: Record<string, unknown>[] }>, 'bulk', count, 'PGlite');
    const rate = (count / ms) * 1000;
    return { id: 'bulk.pglite', section: 'bulk', label: 'Bulk: PGlite autoAssignMany (in memory)', value: rate, unit: 'ops/s', goal: null, ratio: null, pass: null, note: `${count.toLocaleString('en-US')} customers in ${(ms / 1000).toFixed(1)} s, checked exact` };
  } finally {
    await db.close();
  }
}

/**
 * Measures `autoAssignMany` into PostgreSQL against `autoAssign` with group commit.
 *
 * @param options - quick or full
 * @returns wall time, RSS, rates, the ratio (goal ≥ 10×) and PGlite's rate
 * @example
 * ```ts
 * const { figures } = await bulkSection(options);
 * ```
 */
export async function bulkSection(options: BenchOptions): Promise<SectionResult> {
  const count = options.quick ? 3_000 : 1_000_000;
  const sample = options.quick ? 1_000 : 30_000;
  const pgliteCount = options.quick ? 2_000 : 100_000;
  const url = process.env.DEDICATED_AGENT_PG_URL || undefined;
  const labels = {
    wall: `Bulk: ${count.toLocaleString('en-US')} customers into PostgreSQL, autoAssignMany`,
    rss: 'Bulk: peak RSS of the importing process',
    rate: `Bulk: autoAssignMany, batches of ${BATCH}`,
    calls: `Bulk: autoAssign with group commit, ${IN_FLIGHT} in flight`,
    ratio: 'Bulk: autoAssignMany vs autoAssign with group commit, subjects/s',
  };
  if (url === undefined) {
    const note = 'skipped: no PostgreSQL server configured (set DEDICATED_AGENT_PG_URL=postgres://…)';
    const skipped = (id: string, label: string, unit: string, goal: string | null): Figure => ({ id, section: 'bulk', label, value: null, unit, goal, ratio: null, pass: null, note });
    return {
      figures: [
        skipped('bulk.wall', labels.wall, 's', '< 60 s'),
        skipped('bulk.rss', labels.rss, 'MB', '< 500 MB'),
        skipped('bulk.ratio', labels.ratio, '×', '≥ 10×'),
        await pgliteFigure(pgliteCount),
      ],
      details: { skipped: note },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const bulkSchema = `da_bulk_${suffix}`;
  const callSchema = `da_bulk_calls_${suffix}`;
  const query: Query = (text) => pool.query(text);
  try {
    const bulkStore = await seeded(await postgresAdapter.createPostgresStore({ client: pool, schema: bulkSchema }).migrate());
    const bulk = await measured(() => service(bulkStore).autoAssignMany(customers(count), { batchSize: BATCH }));
    await checkExact(query, bulkSchema, count, 'autoAssignMany');

    const callStore = await seeded(await postgresAdapter.createPostgresStore({ client: pool, schema: callSchema }).migrate());
    const caller = service(callStore);
    const stream = customers(sample);
    const calls = await measured(() =>
      Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          // One stream shared in order by the 64 callers, as one service's calls arrive.
          for (let next = stream.next(); next.done !== true; next = stream.next()) await caller.autoAssign(next.value);
        }),
      ),
    );
    const bulkRate = (count / bulk.ms) * 1000;
    const callRate = (sample / calls.ms) * 1000;
    const ratio = bulkRate / callRate;
    const seconds = bulk.ms / 1000;
    // After the server runs: PGlite's WebAssembly heap must not count in the import's RSS.
    const pglite = await pgliteFigure(pgliteCount);
    const exact = 'checked exact against a replay with createAssigner (one effective record each, every agent’s count)';
    return {
      figures: [
        { id: 'bulk.wall', section: 'bulk', label: labels.wall, value: seconds, unit: 's', goal: '< 60 s', ratio: null, pass: seconds < 60, note: exact },
        { id: 'bulk.rss', section: 'bulk', label: labels.rss, value: bulk.peakMb, unit: 'MB', goal: '< 500 MB', ratio: null, pass: bulk.peakMb < 500, note: 'the whole bench process, sampled every 200 ms' },
        { id: 'bulk.rate', section: 'bulk', label: labels.rate, value: bulkRate, unit: 'ops/s', goal: null, ratio: null, pass: null, note: `${count.toLocaleString('en-US')} customers` },
        { id: 'bulk.autoAssign', section: 'bulk', label: labels.calls, value: callRate, unit: 'ops/s', goal: null, ratio: null, pass: null, note: `${sample.toLocaleString('en-US')} customers of the same stream (order within the 64 in flight is arrival order); counts not replayed` },
        { id: 'bulk.ratio', section: 'bulk', label: labels.ratio, value: ratio, unit: '×', goal: '≥ 10×', ratio, pass: ratio >= 10, note: 'same server, same run' },
        pglite,
      ],
      details: { count, sample, bulkMs: bulk.ms, callMs: calls.ms, peakMb: bulk.peakMb },
    };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${bulkSchema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${callSchema}" CASCADE`);
    await pool.end();
  }
}
