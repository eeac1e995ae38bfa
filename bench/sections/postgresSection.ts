/**
 * Part 4: committed `autoAssign`s per second with 8 concurrent workers (2
 * processes × 4 calls in flight, each process with its own `pg.Pool` of 4)
 * against the PostgreSQL server that `DEDICATED_AGENT_PG_URL` names, next to
 * pgbench's TPC-B-like tps with 8 clients on the same server, in interleaved
 * rounds (pgbench, then ours, then pgbench …); the ratio is the median of the
 * per-round ratios (goal ≥ 0.5×). Then an exactness check of everything the
 * workers committed, and PGlite single-connection assignments per second.
 * Without a server the section is skipped with a message. Method: bench/README.md.
 */
import pg from 'pg';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { median } from '../harness/median.js';
import { postgresAdapter } from '../library.js';
import { type BenchWorkerProcess, startBenchWorker } from '../postgres/benchWorkerProcess.js';
import { initialisePgbench, pgbenchVersion, runPgbench } from '../postgres/pgbench.js';
import { pgliteThroughput } from '../postgres/pgliteThroughput.js';
import { POSTGRES_CLOCK_START_MS, postgresWorkload } from '../postgres/postgresWorkload.js';
import { verifyAssignments } from '../postgres/verifyAssignments.js';
import type { WorkerReport } from '../postgres/postgresBenchWorker.js';

const PROCESSES = 2;
const IN_FLIGHT = 4;
const PGBENCH_CLIENTS = PROCESSES * IN_FLIGHT;

/** Rounds and durations: the quick run stays well under 40 s. */
function planFor(options: BenchOptions) {
  return options.quick
    ? { rounds: 2, seconds: 3, warmupSeconds: 1, pgliteWarmupMs: 500, pgliteMs: 2_000 }
    : { rounds: 5, seconds: 10, warmupSeconds: 3, pgliteWarmupMs: 1_000, pgliteMs: 5_000 };
}

const LABELS = {
  ratio: `PostgreSQL: autoAssign commits/s vs pgbench tps (${PGBENCH_CLIENTS} clients)`,
  ours: `PostgreSQL: committed autoAssigns/s, ${PROCESSES} processes × ${IN_FLIGHT} in flight`,
  pgbench: `PostgreSQL: pgbench TPC-B-like tps, ${PGBENCH_CLIENTS} clients, scale 1`,
  pglite: 'PGlite: autoAssigns/s, one connection, one call at a time',
};

function skipped(reason: string, pglite: Figure | null): SectionResult {
  const figure = (id: string, label: string, unit: string, goal: string | null): Figure => ({
    id,
    section: 'postgres',
    label,
    value: null,
    unit,
    goal,
    ratio: null,
    pass: null,
    note: reason,
  });
  return {
    figures: [
      figure('postgres.ratio.pgbench', LABELS.ratio, '×', '≥ 0.5×'),
      figure('postgres.autoAssign', LABELS.ours, 'ops/s', null),
      figure('postgres.pgbench', LABELS.pgbench, 'ops/s', null),
      ...(pglite === null ? [] : [pglite]),
    ],
    details: { skipped: reason },
  };
}

function pgliteFigure(assignmentsPerSecond: number, calls: number): Figure {
  return {
    id: 'postgres.pglite',
    section: 'postgres',
    label: LABELS.pglite,
    value: assignmentsPerSecond,
    unit: 'ops/s',
    goal: null,
    ratio: null,
    pass: null,
    note: `${calls} calls; in-process WASM database, in memory`,
  };
}

/** Successful calls of a set of reports, in the window and after it. */
function successes(reports: readonly WorkerReport[]): number {
  return reports.reduce((sum, report) => sum + report.committed + report.late, 0);
}

/**
 * Measures the PostgreSQL store against pgbench on the same server.
 *
 * @param options - quick or full
 * @returns the ratio (goal ≥ 0.5×), both rates, and PGlite's rate
 * @example
 * ```ts
 * const { figures } = await postgresSection(options);
 * ```
 */
export async function postgresSection(options: BenchOptions): Promise<SectionResult> {
  const plan = planFor(options);
  const pglite = await pgliteThroughput(plan.pgliteWarmupMs, plan.pgliteMs);
  const pgliteResult = pgliteFigure(pglite.assignmentsPerSecond, pglite.calls);
  const url = process.env.DEDICATED_AGENT_PG_URL || undefined;
  if (url === undefined) return skipped('skipped: no PostgreSQL server configured (set DEDICATED_AGENT_PG_URL=postgres://…)', pgliteResult);
  const pgbench = await pgbenchVersion();
  if (pgbench === null) return skipped('skipped: pgbench is not installed (it comes with the PostgreSQL client tools)', pgliteResult);

  const workload = postgresWorkload();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const storeSchema = `da_bench_${suffix}`;
  const pgbenchTarget = { url, schema: `da_pgbench_${suffix}` };
  const workers: BenchWorkerProcess[] = [];
  try {
    const store = await postgresAdapter.createPostgresStore({ client: pool, schema: storeSchema }).migrate();
    await store.upsertAgents(workload.profiles);
    await pool.query(`CREATE SCHEMA "${pgbenchTarget.schema}"`);
    await initialisePgbench(pgbenchTarget);

    const clockAnchorMs = Date.now();
    for (let index = 0; index < PROCESSES; index++) {
      workers.push(startBenchWorker({ url, schema: storeSchema, index, inFlight: IN_FLIGHT, clockAnchorMs }));
    }
    await Promise.all(workers.map((worker) => worker.ready));

    const allReports: WorkerReport[] = [];
    const window = async (seconds: number, tag: string): Promise<WorkerReport[]> => {
      const reports = await Promise.all(workers.map((worker) => worker.run(seconds * 1000, tag)));
      allReports.push(...reports);
      return reports;
    };
    // Warm-up: JIT, prepared statements, pool connections, pgbench's tables in cache.
    await runPgbench(pgbenchTarget, PGBENCH_CLIENTS, plan.warmupSeconds);
    await window(plan.warmupSeconds, 'warmup');

    const perRound: { pgbenchTps: number; assignmentsPerSecond: number; p50Ms: number; p99Ms: number }[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      const pgbenchTps = await runPgbench(pgbenchTarget, PGBENCH_CLIENTS, plan.seconds);
      const reports = await window(plan.seconds, `r${round}`);
      perRound.push({
        pgbenchTps,
        assignmentsPerSecond: reports.reduce((sum, report) => sum + report.committed, 0) / plan.seconds,
        p50Ms: median(reports.map((report) => report.p50Ms)),
        p99Ms: Math.max(...reports.map((report) => report.p99Ms)),
      });
    }

    const failures = allReports.flatMap((report) => report.failures);
    const unassigned = allReports.flatMap((report) => Object.entries(report.unassigned));
    const check = await verifyAssignments(pool, store, workload, successes(allReports), new Date(POSTGRES_CLOCK_START_MS));
    if (failures.length > 0 || unassigned.length > 0 || !check.exact) {
      throw new Error(
        `PostgreSQL section: the committed assignments are not exact: ${JSON.stringify({ failures: failures.slice(0, 5), unassigned, check })}`,
      );
    }

    const ratio = median(perRound.map((round) => round.assignmentsPerSecond / round.pgbenchTps));
    const ours = median(perRound.map((round) => round.assignmentsPerSecond));
    const reference = median(perRound.map((round) => round.pgbenchTps));
    const p50 = median(perRound.map((round) => round.p50Ms));
    const p99 = Math.max(...perRound.map((round) => round.p99Ms));
    return {
      figures: [
        {
          id: 'postgres.ratio.pgbench',
          section: 'postgres',
          label: LABELS.ratio,
          value: ratio,
          unit: '×',
          goal: '≥ 0.5×',
          ratio,
          pass: ratio >= 0.5,
          note:
            `median of ${plan.rounds} interleaved rounds of ${plan.seconds} s; ${check.calls} assignments checked exact against a replay ` +
            `(spread of assigned.day among rule 15's eligible agents: ${check.spreadAmongEligible})`,
        },
        {
          id: 'postgres.autoAssign',
          section: 'postgres',
          label: LABELS.ours,
          value: ours,
          unit: 'ops/s',
          goal: null,
          ratio: null,
          pass: null,
          note: `per call p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
        },
        { id: 'postgres.pgbench', section: 'postgres', label: LABELS.pgbench, value: reference, unit: 'ops/s', goal: null, ratio: null, pass: null, note: pgbench },
        pgliteResult,
      ],
      details: { plan, perRound, check, pglite, pgbench },
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await pool.query(`DROP SCHEMA IF EXISTS "${storeSchema}" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${pgbenchTarget.schema}" CASCADE`);
    await pool.end();
  }
}
