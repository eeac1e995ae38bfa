/**
 * Part 5: `svc.stats` — statistics aggregated by the store.
 *
 * - PostgreSQL (the server `DEDICATED_AGENT_PG_URL` names; skipped without
 *   one): 1,000,000 records (quick: 20,000) over three months and 200
 *   agents, generated with SQL (`generate_series`), then `stats` for one
 *   month grouped by agent and day, median of 5 calls after one warm-up (goal
 *   < 1 s). The statistics counters of `records` are read before and after
 *   one call to show the window is read by index (`records_stats`) and never
 *   by a sequential scan.
 * - The memory store: 100,000 records (quick: 5,000) committed through the
 *   service (64 calls at a time) over three months, then `stats` over all of them grouped by agent
 *   and day, median of 5 calls.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { RuleSet } from '../../src/index.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { median } from '../harness/median.js';
import { library, memoryAdapter, postgresAdapter } from '../library.js';
import { generateStatsRecords } from '../postgres/generateStatsRecords.js';

const AGENTS = 200;
const DAYS = 92;
const RULES = 5;
/** 1 August 2026, Beijing time: the three months are August, September and October. */
const START = new Date('2026-08-01T00:00:00+08:00');
const SEPTEMBER = { from: '2026-09-01T00:00:00+08:00', to: '2026-10-01T00:00:00+08:00' };
const SCHEMA = 'bench_stats';
const CALLS = 5;
const FILL_BATCH = 64;

const agentIds = Array.from({ length: AGENTS }, (_, i) => `agent-${i}`);

/** Five round-robin rules over the 200 agents, confirmation on for automatic assignments. */
const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: true, agentConfirmation: false },
  },
  rules: Array.from({ length: RULES }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule ${i}`,
    enabled: true,
    when: `region == 'r${i}'`,
    agents: agentIds.map((id) => ({ id })),
    order: { by: 'roundRobin' as const },
  })),
  fields: { region: 'string' },
};

async function timeCalls(call: () => Promise<unknown>): Promise<number[]> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

async function memoryFigure(records: number): Promise<{ figure: Figure; details: Record<string, unknown> }> {
  const store = memoryAdapter.createMemoryStore();
  await store.upsertAgents(agentIds.map((id) => ({ id })));
  let now = START.getTime();
  const step = (DAYS * 86_400_000) / records;
  const svc = library.createAssignmentService({ store, ruleSet, clock: { now: () => new Date(now) } });
  const filled = performance.now();
  // Calls in flight together share transactions (group commit): filling is not what is measured.
  for (let first = 0; first < records; first += FILL_BATCH) {
    const batch = Array.from({ length: Math.min(FILL_BATCH, records - first) }, (_, k) => first + k);
    await Promise.all(batch.map((i) => svc.autoAssign({ id: `c-${i}`, fields: { region: `r${i % RULES}` } })));
    now += step * batch.length;
  }
  const fillSeconds = (performance.now() - filled) / 1000;
  const window = { from: START, to: new Date(now + 1), groupBy: ['agent', 'day'] as const };
  const times = await timeCalls(() => svc.stats({ ...window, groupBy: [...window.groupBy] }));
  return {
    figure: {
      id: 'stats.memory',
      section: 'stats',
      label: `memory store: svc.stats over ${records.toLocaleString('en')} records, by agent and day`,
      value: median(times),
      unit: 'ms',
      goal: null,
      ratio: null,
      pass: null,
      note: `${AGENTS} agents, ${DAYS} days; records committed through the service in ${fillSeconds.toFixed(1)} s`,
    },
    details: { records, timesMs: times, fillSeconds },
  };
}

interface ScanCounts {
  seq: number;
  statsIndex: number;
}

async function scanCounts(client: pg.Client): Promise<ScanCounts> {
  // The cumulative statistics reach the views after the backend flushes them (at most about a second).
  await sleep(1_500);
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ seq: string; stats_index: string }>(
    `SELECT t.seq_scan AS seq, i.idx_scan AS stats_index FROM pg_stat_user_tables t
     JOIN pg_stat_user_indexes i ON i.relid = t.relid AND i.indexrelname = 'records_stats'
     WHERE t.schemaname = $1 AND t.relname = 'records'`,
    [SCHEMA],
  );
  return { seq: Number(rows[0]?.seq ?? 0), statsIndex: Number(rows[0]?.stats_index ?? 0) };
}

async function postgresFigure(url: string, records: number): Promise<{ figure: Figure; details: Record<string, unknown> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    const store = await postgresAdapter.createPostgresStore({ client, schema: SCHEMA }).migrate();
    await store.upsertAgents(agentIds.map((id) => ({ id })));
    const generated = performance.now();
    await generateStatsRecords(client, `"${SCHEMA}"`, { count: records, agents: AGENTS, days: DAYS, start: START, rules: RULES });
    const generateSeconds = (performance.now() - generated) / 1000;
    const svc = library.createAssignmentService({ store, ruleSet });
    const call = () => svc.stats({ ...SEPTEMBER, groupBy: ['agent', 'day'] });
    const times = await timeCalls(call);
    const before = await scanCounts(client);
    const result = await call();
    const after = await scanCounts(client);
    const scans = { statsIndex: after.statsIndex - before.statsIndex, sequential: after.seq - before.seq };
    const ms = median(times);
    await client.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
    return {
      figure: {
        id: 'stats.postgres',
        section: 'stats',
        label: `PostgreSQL: svc.stats for one month of ${records.toLocaleString('en')} records, by agent and day`,
        value: ms,
        unit: 'ms',
        goal: '< 1000 ms',
        ratio: null,
        pass: ms < 1000,
        note:
          `${result.records.toLocaleString('en')} records in the month, ${AGENTS} agents; per call ` +
          `${scans.statsIndex} scans of index records_stats and ${scans.sequential} sequential scans of records; ` +
          `rows generated with generate_series in ${generateSeconds.toFixed(0)} s`,
      },
      details: { records, inWindow: result.records, timesMs: times, scans, generateSeconds },
    };
  } finally {
    await client.end();
  }
}

/**
 * Runs both measurements.
 *
 * @param options - quick: small sizes
 * @returns the PostgreSQL figure (skipped without a server) and the memory store's
 * @example
 * ```ts
 * const { figures } = await statsSection({ quick: true, sections: new Set(['stats']), out: '/tmp/r.json' });
 * ```
 */
export async function statsSection(options: BenchOptions): Promise<SectionResult> {
  const memory = await memoryFigure(options.quick ? 5_000 : 100_000);
  const url = process.env.DEDICATED_AGENT_PG_URL || undefined;
  const records = options.quick ? 20_000 : 1_000_000;
  if (url === undefined) {
    const skipped: Figure = {
      id: 'stats.postgres',
      section: 'stats',
      label: `PostgreSQL: svc.stats for one month of ${records.toLocaleString('en')} records, by agent and day`,
      value: null,
      unit: 'ms',
      goal: '< 1000 ms',
      ratio: null,
      pass: null,
      note: 'skipped: no PostgreSQL server configured (set DEDICATED_AGENT_PG_URL=postgres://…)',
    };
    return { figures: [skipped, memory.figure], details: { memory: memory.details, postgres: 'skipped' } };
  }
  const postgres = await postgresFigure(url, records);
  return { figures: [postgres.figure, memory.figure], details: { memory: memory.details, postgres: postgres.details } };
}
