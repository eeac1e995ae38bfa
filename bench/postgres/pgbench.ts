/**
 * pgbench, the reference of the PostgreSQL section: its TPC-B-like script at
 * scale 1 on tables of its own in a schema of their own (chosen through
 * `PGOPTIONS=-c search_path=…`, as pgbench names no schema), so a role that
 * may create schemas but is not a superuser can run it. At scale 1 every
 * transaction updates the one `pgbench_branches` row and holds its lock until
 * it commits: like the assignment lock, a point every transaction passes
 * through one at a time.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How to reach pgbench's tables. */
export interface PgbenchTarget {
  /** A libpq connection URI (pgbench takes it as its database name). */
  url: string;
  /** The schema holding the pgbench tables; it must exist. */
  schema: string;
}

function environment(target: PgbenchTarget): NodeJS.ProcessEnv {
  const options = [process.env.PGOPTIONS, `-c search_path=${target.schema}`].filter(Boolean).join(' ');
  return { ...process.env, PGOPTIONS: options };
}

/**
 * pgbench's version line, or null when it is not installed.
 *
 * @returns e.g. `pgbench (PostgreSQL) 15.18`
 * @example
 * ```ts
 * if ((await pgbenchVersion()) === null) console.log('no pgbench');
 * ```
 */
export async function pgbenchVersion(): Promise<string | null> {
  try {
    return (await run('pgbench', ['--version'])).stdout.trim();
  } catch {
    return null;
  }
}

/**
 * `pgbench -i -s 1`: creates and fills pgbench's tables in the target schema.
 *
 * @param target - the server and schema
 * @returns nothing
 * @example
 * ```ts
 * await initialisePgbench({ url, schema: 'da_pgbench' });
 * ```
 */
export async function initialisePgbench(target: PgbenchTarget): Promise<void> {
  await run('pgbench', ['-i', '-s', '1', '-q', target.url], { env: environment(target) });
}

/**
 * Runs the TPC-B-like script with `clients` clients on 2 threads for
 * `seconds` seconds.
 *
 * @param target - the server and schema (initialised)
 * @param clients - concurrent clients
 * @param seconds - duration
 * @returns transactions per second, as pgbench reports them (without connection time)
 * @throws Error when pgbench fails or prints no tps
 * @example
 * ```ts
 * const tps = await runPgbench({ url, schema: 'da_pgbench' }, 8, 10);
 * ```
 */
export async function runPgbench(target: PgbenchTarget, clients: number, seconds: number): Promise<number> {
  const { stdout } = await run('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), target.url], {
    env: environment(target),
  });
  const match = /^tps = ([\d.]+)/m.exec(stdout);
  if (match === null) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(match[1]);
}
