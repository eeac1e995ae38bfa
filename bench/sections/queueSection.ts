/**
 * The waiting queue (issue "No customer left behind"): on the PostgreSQL
 * server, N customers wait (written straight into the schema: a queue left by
 * a night without agents) and 50 agents come online at once; the time one
 * `assignWaiting()` takes to drain them, next to the same number of
 * `autoAssign` calls with group commit (64 in flight through one service) on
 * the same server with the same 50 agents, in the same run. The figure is
 * subjects per second of each and their ratio (goal: draining at least as
 * fast per subject, ≥ 1×). Both runs are checked exact: every customer one
 * effective record, round robin N/50 each, the queue empty.
 */
import pg from 'pg';
import type { RuleSet } from '../../src/index.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { library, postgresAdapter } from '../library.js';

const AGENTS = 50;
const IN_FLIGHT = 64;

const LABELS = {
  ratio: 'Queue: drain vs autoAssign with group commit, subjects/s',
  drain: `Queue: assignWaiting, ${AGENTS} agents come online`,
  calls: `Queue: autoAssign with group commit, ${IN_FLIGHT} in flight`,
};

const RULE_SET: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false, queue: { priority: 'level >= 4 ? 10 : 0' } },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  fields: { level: 'number' },
  rules: [
    {
      id: 'team',
      name: 'Everyone',
      enabled: true,
      agents: Array.from({ length: AGENTS }, (_, index) => ({ id: `agent-${index}` })),
      order: { by: 'roundRobin' },
      eligibility: { presence: ['online'] },
    },
  ],
};

function agents(presence: 'online' | 'offline') {
  return Array.from({ length: AGENTS }, (_, index) => ({ id: `agent-${index}`, presence }));
}

/** Every customer one effective record, and round robin exact: each agent N/50. */
async function checkExact(pool: pg.Pool, schema: string, subjects: number): Promise<void> {
  const { rows } = await pool.query<{ n: number; distinct_subjects: number; spread: number; waiting: number }>(
    `SELECT (SELECT count(*)::int FROM "${schema}".records WHERE status = 'effective') AS n,
       (SELECT count(DISTINCT subject_id)::int FROM "${schema}".records) AS distinct_subjects,
       (SELECT max(c) - min(c) FROM (SELECT count(*)::int AS c FROM "${schema}".records GROUP BY agent_id) k) AS spread,
       (SELECT count(*)::int FROM "${schema}".waiting) AS waiting`,
  );
  const row = rows[0]!;
  if (row.n !== subjects || row.distinct_subjects !== subjects || row.spread > 1 || row.waiting !== 0) {
    throw new Error(`Queue section: not exact in ${schema}: ${JSON.stringify(row)} for ${subjects} customers`);
  }
}

/**
 * Measures draining the waiting queue against `autoAssign` calls.
 *
 * @param options - quick or full
 * @returns the ratio (goal ≥ 1×) and both rates
 * @example
 * ```ts
 * const { figures } = await queueSection(options);
 * ```
 */
export async function queueSection(options: BenchOptions): Promise<SectionResult> {
  const subjects = options.quick ? 3_000 : 100_000;
  const url = process.env.DEDICATED_AGENT_PG_URL || undefined;
  if (url === undefined) {
    const note = 'skipped: no PostgreSQL server configured (set DEDICATED_AGENT_PG_URL=postgres://…)';
    const figure = (id: string, label: string, unit: string, goal: string | null): Figure => ({ id, section: 'queue', label, value: null, unit, goal, ratio: null, pass: null, note });
    return { figures: [figure('queue.ratio', LABELS.ratio, '×', '≥ 1×'), figure('queue.drain', LABELS.drain, 'ops/s', null), figure('queue.autoAssign', LABELS.calls, 'ops/s', null)], details: { skipped: note } };
  }
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const drainSchema = `da_queue_${suffix}`;
  const callSchema = `da_calls_${suffix}`;
  try {
    // The queue a night without agents leaves: N customers, one in five a VIP, a second apart.
    const drainStore = await postgresAdapter.createPostgresStore({ client: pool, schema: drainSchema }).migrate();
    await drainStore.upsertAgents(agents('offline'));
    await pool.query(
      `INSERT INTO "${drainSchema}".subjects (kind, id, fields)
       SELECT 'customer', 'c-' || i, jsonb_build_object('level', CASE WHEN i % 5 = 0 THEN 5 ELSE 1 END) FROM generate_series(1, $1) AS i`,
      [subjects],
    );
    await pool.query(
      `INSERT INTO "${drainSchema}".waiting (subject_kind, subject_id, since, reason, rule_id, priority)
       SELECT 'customer', 'c-' || i, now() - interval '12 hours' + i * interval '1 second', 'no_eligible_agent', 'team',
         CASE WHEN i % 5 = 0 THEN 10 ELSE 0 END FROM generate_series(1, $1) AS i`,
      [subjects],
    );
    await pool.query(`ANALYZE "${drainSchema}".waiting`);
    const drainer = library.createAssignmentService({ store: drainStore, ruleSet: RULE_SET, autoDrain: false });
    await drainStore.upsertAgents(agents('online'));
    const drainStart = performance.now();
    const drained = await drainer.assignWaiting();
    const drainMs = performance.now() - drainStart;
    if (drained.assigned !== subjects) throw new Error(`Queue section: drained ${drained.assigned} of ${subjects}`);
    await checkExact(pool, drainSchema, subjects);

    const callStore = await postgresAdapter.createPostgresStore({ client: pool, schema: callSchema }).migrate();
    await callStore.upsertAgents(agents('online'));
    const caller = library.createAssignmentService({ store: callStore, ruleSet: RULE_SET, autoDrain: false });
    let next = 0;
    const callStart = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < subjects) {
          const i = ++next;
          const result = await caller.autoAssign({ id: `c-${i}`, fields: { level: i % 5 === 0 ? 5 : 1 } });
          if (result.agentId === null) throw new Error(`Queue section: c-${i} unassigned (${result.reason})`);
        }
      }),
    );
    const callMs = performance.now() - callStart;
    await checkExact(pool, callSchema, subjects);

    const drainRate = (subjects / drainMs) * 1000;
    const callRate = (subjects / callMs) * 1000;
    const ratio = drainRate / callRate;
    return {
      figures: [
        { id: 'queue.ratio', section: 'queue', label: LABELS.ratio, value: ratio, unit: '×', goal: '≥ 1×', ratio, pass: ratio >= 1, note: `${subjects} customers each; both checked exact (one effective record each, round robin within 1, queue empty)` },
        { id: 'queue.drain', section: 'queue', label: LABELS.drain, value: drainRate, unit: 'ops/s', goal: null, ratio: null, pass: null, note: `${subjects} queued customers drained in ${(drainMs / 1000).toFixed(1)} s` },
        { id: 'queue.autoAssign', section: 'queue', label: LABELS.calls, value: callRate, unit: 'ops/s', goal: null, ratio: null, pass: null, note: `${subjects} calls in ${(callMs / 1000).toFixed(1)} s` },
      ],
      details: { subjects, drainMs, callMs },
    };
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${drainSchema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${callSchema}" CASCADE`);
    await pool.end();
  }
}
