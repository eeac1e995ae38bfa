/**
 * Part 4 (to come with the PostgreSQL store): committed `autoAssign`s per
 * second with 8 concurrent workers (2 processes × 4 in flight) against a local
 * PostgreSQL server, next to pgbench's TPC-B-like tps with 8 clients on the
 * same server in the same run (goal ≥ 0.5×), and PGlite single-connection
 * assignments per second. The server is the one `DEDICATED_AGENT_PG_URL`
 * names, as in the tests; without it the section is skipped with a message.
 */
import type { BenchOptions } from '../harness/benchOptions.js';
import type { SectionResult } from '../harness/figure.js';

/**
 * The PostgreSQL section: skipped until the PostgreSQL store exists.
 *
 * @param _options - quick or full
 * @returns one skipped figure saying why
 * @example
 * ```ts
 * const { figures } = await postgresSection(options);
 * ```
 */
export async function postgresSection(_options: BenchOptions): Promise<SectionResult> {
  const reason =
    process.env.DEDICATED_AGENT_PG_URL === undefined
      ? 'skipped: no PostgreSQL server configured (set DEDICATED_AGENT_PG_URL); the PostgreSQL workload is not written yet'
      : 'skipped: the PostgreSQL workload is not written yet (issue 6, part 4)';
  return {
    figures: [
      {
        id: 'postgres.ratio.pgbench',
        section: 'postgres',
        label: 'PostgreSQL autoAssign commits/s vs pgbench tps (8 clients)',
        value: null,
        unit: '×',
        goal: '≥ 0.5×',
        ratio: null,
        pass: null,
        note: reason,
      },
    ],
    details: { skipped: reason },
  };
}
