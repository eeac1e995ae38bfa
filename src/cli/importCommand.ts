import { basename } from 'node:path';
import type { AssignmentStore } from '../ports.js';
import type { PGliteLike, PgPoolLike } from '../adapters/postgres/postgresClient.js';
import { createPostgresStore } from '../adapters/postgres/createPostgresStore.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { AutoAssignManySummary } from '../service/types.js';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { createProgressBar } from './createProgressBar.js';
import { loadRuleSet } from './loadRuleSet.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { subjectLines } from './subjectLines.js';

const HELP = `Usage: dedicated-agent import <customers.jsonl> (--database <url> [--schema <name>] | --pglite <dir>) --rules <rules.json> [options]

Assigns every customer of a JSONL file through the store, exactly as the same
autoAssign calls one after another would (records, counts, round robin, the
waiting queue, notifications in the outbox), in transactions of --batch-size
customers. Each customer has an idempotency key (<key-prefix>:<kind>:<id>):
an import that stopped half-way (a crash, Ctrl-C, a lost connection) is
continued by running the same command again; customers already imported are
counted as "repeated" and nothing is written twice.

Options:
  --database <url>        a PostgreSQL connection string (needs the pg package)
  --schema <name>         the store's schema (default: dedicated_agent)
  --pglite <dir>          a PGlite data directory instead (needs @electric-sql/pglite)
  --rules <rules.json>    the rule set to decide by (required: the store does not keep rule sets)
  --batch-size <n>        customers per transaction (default: 1000)
  --key-prefix <text>     idempotency key prefix (default: import:<file name>)
  --digest                one notification per agent per batch ("312 new customers")
                          instead of one per customer
  --format <text|json>    output format (default: text)
  -h, --help              show this help

Lines: {"id","kind"?,"fields"?}, one per line (other keys are ignored). The
agents must be in the store already (the CRM's upsertAgents). The schema is
created or migrated first.

Exit status: 0 after importing every line; 2 for unusable input (a bad line,
an invalid rule set, an unreachable database) or misuse — the batches before
a bad line are committed, run again after fixing it to continue.
`;

/** Opens the store the options name, and how to close it. */
async function openStore(values: { database?: string; schema?: string; pglite?: string }): Promise<{ store: AssignmentStore; close: () => Promise<void> }> {
  if (values.database !== undefined) {
    const pg = await importOptional<{ default: { Pool: new (options: { connectionString: string; max: number }) => PgPoolLike & { end(): Promise<void> } } }>(
      'pg',
      '--database',
    );
    const pool = new pg.default.Pool({ connectionString: values.database, max: 2 });
    const store = await createPostgresStore({ client: pool, ...(values.schema === undefined ? {} : { schema: values.schema }) }).migrate();
    return { store, close: () => pool.end() };
  }
  const { PGlite } = await importOptional<{ PGlite: { create(dir: string): Promise<PGliteLike & { close(): Promise<void> }> } }>('@electric-sql/pglite', '--pglite');
  const db = await PGlite.create(values.pglite!);
  const store = await createPostgresStore({ client: db, ...(values.schema === undefined ? {} : { schema: values.schema }) }).migrate();
  return { store, close: () => db.close() };
}

async function importOptional<T>(name: string, option: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new CliError(`${option} needs the "${name}" package: npm install ${name}`);
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/** The summary as text: totals, then per agent, then the reasons. */
function summaryText(summary: AutoAssignManySummary, seconds: number): string {
  const lines = [`imported ${count(summary.subjects)} customers in ${count(summary.batches)} batches (${seconds.toFixed(1)} s)`];
  const table = (title: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    if (entries.length === 0) return;
    const width = Math.max(...entries.map(([name]) => name.length));
    lines.push(`${title}:`, ...entries.map(([name, n]) => `  ${name.padEnd(width)}  ${count(n).padStart(9)}`));
  };
  table('assigned', summary.assigned);
  table('waiting for confirmation', summary.pendingConfirmation);
  table('unassigned', summary.unassigned as Record<string, number>);
  table('queued', summary.queued as Record<string, number>);
  if (summary.repeated > 0) lines.push(`repeated (imported before, nothing written): ${count(summary.repeated)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `dedicated-agent import`: assigns the customers of a JSONL file through a
 * PostgreSQL or PGlite store with `autoAssignMany`, with a progress bar on a
 * terminal, and prints the summary (text or JSON).
 *
 * @param args - the arguments after `import`
 * @param io - where to write (a progress bar goes to `io.stderr` when it is a terminal)
 * @returns the exit code (0)
 * @throws CliError for usage errors, a bad line and unusable input (exit 2)
 * @example
 * ```ts
 * process.exitCode = await importCommand(['customers.jsonl', '--pglite', './db', '--rules', 'rules.json'], process);
 * ```
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', args, {
    database: { type: 'string' },
    schema: { type: 'string' },
    pglite: { type: 'string' },
    rules: { type: 'string' },
    'batch-size': { type: 'string' },
    'key-prefix': { type: 'string' },
    digest: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('import', values.format);
  if (positionals.length !== 1) throw usageError('import', positionals.length === 0 ? 'missing the customers file' : 'import takes one customers file');
  if ((values.database === undefined) === (values.pglite === undefined)) throw usageError('import', 'give exactly one of --database <url> and --pglite <dir>');
  if (values.rules === undefined) throw usageError('import', 'missing --rules <rules.json>');
  const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw usageError('import', `--batch-size must be a whole number ≥ 1, got "${values['batch-size']}"`);
  const path = positionals[0]!;
  const prefix = values['key-prefix'] ?? `import:${basename(path)}`;
  const { compiled } = loadRuleSet(values.rules);

  const { store, close } = await openStore(values);
  const lines = subjectLines(path);
  const bar = createProgressBar(io.stderr, 'importing');
  const started = Date.now();
  let committed = 0;
  try {
    const { size } = await import('node:fs/promises').then((fs) => fs.stat(path)).catch(() => ({ size: 0 }));
    const svc = createAssignmentService({ store, ruleSet: compiled, autoDrain: false });
    const summary = await svc.autoAssignMany(lines, {
      batchSize,
      idempotencyKey: (subject) => `${prefix}:${subject.kind ?? 'customer'}:${subject.id}`,
      notify: values.digest === true ? 'digest' : 'each',
      onProgress: (progress) => {
        committed = progress.subjects;
        bar.update(size === 0 ? 0 : lines.bytesRead / size, `${count(progress.subjects)} customers`);
      },
    }).catch((error: unknown) => {
      if (!(error instanceof CliError)) throw error;
      throw new CliError(`${error.message}\n${count(committed)} customers before it are imported; fix the line and run the same command again to continue`);
    });
    bar.done();
    const seconds = (Date.now() - started) / 1000;
    io.stdout.write(format === 'json' ? `${JSON.stringify({ ...summary, seconds }, null, 2)}\n` : summaryText(summary, seconds));
    return 0;
  } finally {
    bar.done();
    await close();
  }
}
