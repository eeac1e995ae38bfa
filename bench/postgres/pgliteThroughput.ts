/**
 * PGlite, single connection: the PostgreSQL store on an in-process PGlite
 * database (WASM, in memory), one `autoAssign` at a time — what a test suite
 * or a single-process app gets without a server.
 */
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { library, postgresAdapter } from '../library.js';
import { benchClock, postgresWorkload } from './postgresWorkload.js';

/** What the PGlite run measured. */
export interface PgliteThroughput {
  assignmentsPerSecond: number;
  calls: number;
  seconds: number;
}

/**
 * Runs sequential `autoAssign` calls for new customers, after a warm-up.
 *
 * @param warmupMs - untimed calls first
 * @param ms - the timed window
 * @returns committed assignments per second
 * @example
 * ```ts
 * const { assignmentsPerSecond } = await pgliteThroughput(1_000, 5_000);
 * ```
 */
export async function pgliteThroughput(warmupMs: number, ms: number): Promise<PgliteThroughput> {
  const { ruleSet, profiles, fieldSets } = postgresWorkload();
  const database = new PGlite();
  try {
    const store = await postgresAdapter.createPostgresStore({ client: database }).migrate();
    await store.upsertAgents(profiles);
    const svc = library.createAssignmentService({ store, ruleSet, clock: benchClock(Date.now()) });
    let n = 0;
    const callsUntil = async (end: number): Promise<number> => {
      let calls = 0;
      while (performance.now() < end) {
        const result = await svc.autoAssign({ id: `pglite-${n}`, kind: 'customer', fields: fieldSets[n++ % fieldSets.length]! });
        if (result.outcome !== 'assigned') throw new Error(`PGlite run: customer ${n - 1} was not assigned (${String(result.reason)})`);
        calls++;
      }
      return calls;
    };
    await callsUntil(performance.now() + warmupMs);
    const start = performance.now();
    const calls = await callsUntil(start + ms);
    const seconds = (performance.now() - start) / 1000;
    return { assignmentsPerSecond: calls / seconds, calls, seconds };
  } finally {
    await database.close();
  }
}
