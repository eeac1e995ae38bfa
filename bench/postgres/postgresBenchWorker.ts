/**
 * One application server of the PostgreSQL section, run as a child process:
 * its own `pg.Pool`, its own store and service on the shared schema, and
 * `inFlight` lanes, each calling `autoAssign` for a new customer as soon as
 * its previous call has returned. It prints `ready`, then answers each line
 * `run <ms> <tag>` on stdin with one JSON line (a `WorkerReport`); it ends
 * when stdin closes.
 *
 * Usage: node --import tsx bench/postgres/postgresBenchWorker.ts <url> <schema> <process> <inFlight> <clockAnchorMs>
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { library, postgresAdapter } from '../library.js';
import { benchClock, postgresWorkload } from './postgresWorkload.js';

/** What one process measured in one window. */
export interface WorkerReport {
  /** Calls that returned within the window (all of them committed). */
  committed: number;
  /** Calls started in the window that returned after it (committed too, not counted in the rate). */
  late: number;
  /** Calls that failed, as messages. */
  failures: string[];
  /** Per call, milliseconds from call to return: median and 99th percentile. */
  p50Ms: number;
  p99Ms: number;
  /** Outcomes other than `assigned`, by reason (there should be none). */
  unassigned: Record<string, number>;
}

const [url, schema, processIndex, inFlightText, anchorText] = process.argv.slice(2) as [string, string, string, string, string];
const inFlight = Number(inFlightText);
const { ruleSet, fieldSets } = postgresWorkload();
const pool = new pg.Pool({ connectionString: url, max: inFlight });
const store = postgresAdapter.createPostgresStore({ client: pool, schema });
const svc = library.createAssignmentService({ store, ruleSet, clock: benchClock(Number(anchorText)) });

let next = 0;

async function lane(tag: string, laneIndex: number, end: number, report: WorkerReport, latencies: number[]): Promise<void> {
  let n = 0;
  while (performance.now() < end) {
    const id = `p${processIndex}-${tag}-${laneIndex}-${n++}`;
    const fields = fieldSets[next++ % fieldSets.length]!;
    const started = performance.now();
    try {
      const result = await svc.autoAssign({ id, kind: 'customer', fields });
      const finished = performance.now();
      if (result.outcome !== 'assigned') report.unassigned[result.reason ?? result.outcome] = (report.unassigned[result.reason ?? result.outcome] ?? 0) + 1;
      if (finished <= end) {
        report.committed++;
        latencies.push(finished - started);
      } else report.late++;
    } catch (error) {
      report.failures.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }
}

async function run(ms: number, tag: string): Promise<WorkerReport> {
  const report: WorkerReport = { committed: 0, late: 0, failures: [], p50Ms: 0, p99Ms: 0, unassigned: {} };
  const latencies: number[] = [];
  const end = performance.now() + ms;
  await Promise.all(Array.from({ length: inFlight }, (_, laneIndex) => lane(tag, laneIndex, end, report, latencies)));
  latencies.sort((a, b) => a - b);
  report.p50Ms = latencies[Math.floor(latencies.length / 2)] ?? 0;
  report.p99Ms = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? 0;
  return report;
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, ms, tag] = line.split(' ') as [string, string, string];
  if (command !== 'run') throw new Error(`unknown command ${line}`);
  void run(Number(ms), tag).then((report) => process.stdout.write(`${JSON.stringify(report)}\n`));
});
lines.on('close', () => void pool.end());
process.stdout.write('ready\n');
