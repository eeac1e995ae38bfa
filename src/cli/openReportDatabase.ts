import { existsSync } from 'node:fs';
import { createPostgresStore, type PostgresStore } from '../adapters/postgres/createPostgresStore.js';
import { quoteIdentifier } from '../adapters/postgres/quoteIdentifier.js';
import { CliError } from './cliError.js';
import { loadDriver } from './loadDriver.js';

/** Where `report` reads: a server (`--database`) or a PGlite directory (`--pglite`). */
export interface ReportTarget {
  database?: string;
  pglite?: string;
  schema: string;
}

/** An opened database and what it holds. */
export interface ReportDatabase {
  store: PostgresStore;
  /** The database as the user named it, without a password. */
  source: string;
  /** Whether the schema exists (has records), and whether it has the statistics function (migration 5). */
  schemaExists: boolean;
  hasStatistics: boolean;
  /** The schema's version (0 when it does not exist). */
  version: number;
  close(): Promise<void>;
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Opens the database `report` reads, without changing it (no migration): a
 * `pg` pool for `--database`, PGlite for `--pglite` (an existing directory).
 * `pg` and `@electric-sql/pglite` are optional peers, loaded only here.
 *
 * @param target - the options given
 * @returns the store and what the schema holds
 * @throws CliError when the driver is not installed, the directory does not exist or the server cannot be reached
 * @example
 * ```ts
 * const db = await openReportDatabase({ pglite: './data', schema: 'dedicated_agent' });
 * ```
 */
export async function openReportDatabase(target: ReportTarget): Promise<ReportDatabase> {
  let client: Queryable;
  let close: () => Promise<void>;
  let source: string;
  if (target.pglite !== undefined) {
    if (!existsSync(target.pglite)) throw new CliError(`no PGlite database at "${target.pglite}"`);
    const { PGlite } = await loadDriver<typeof import('@electric-sql/pglite')>('@electric-sql/pglite', '--pglite');
    const db = new PGlite(target.pglite);
    client = db;
    close = () => db.close();
    source = target.pglite;
  } else {
    const { default: pg } = await loadDriver<typeof import('pg')>('pg', '--database');
    const pool = new pg.Pool({ connectionString: target.database, max: 2 });
    client = pool;
    close = () => pool.end();
    source = withoutPassword(target.database!);
  }
  try {
    const schema = quoteIdentifier(target.schema);
    const [found] = (await client.query(
      `SELECT to_regclass($1) IS NOT NULL AS records, to_regprocedure($2) IS NOT NULL AS stats, to_regclass($3) IS NOT NULL AS versions`,
      [`${schema}.records`, `${schema}.assignment_stats(timestamptz, timestamptz, text, text[])`, `${schema}.schema_version`],
    )).rows as { records: boolean; stats: boolean; versions: boolean }[];
    let version = 0;
    if (found!.versions) {
      const [row] = (await client.query(`SELECT coalesce(max(version), 0)::integer AS version FROM ${schema}.schema_version`)).rows as { version: number }[];
      version = row!.version;
    }
    const store = createPostgresStore({ client: client as Parameters<typeof createPostgresStore>[0]['client'], schema: target.schema });
    return { store, source, schemaExists: found!.records, hasStatistics: found!.stats, version, close };
  } catch (error) {
    await close().catch(() => undefined);
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${source}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
