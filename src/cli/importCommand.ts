import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createPostgresStore } from '../adapters/postgres/createPostgresStore.js';
import type { PGliteLike, PgPoolLike } from '../adapters/postgres/postgresClient.js';
import type { Locale } from '../core/i18n/messages.js';
import type { AssignmentStore } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { AutoAssignManySummary } from '../service/types.js';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { createProgressBar } from './createProgressBar.js';
import { loadDriver } from './loadDriver.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import type { CliMessages } from './i18n/cliMessages.js';
import { loadRuleSet } from './loadRuleSet.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { subjectLines } from './subjectLines.js';

const HELP = `Usage: dedicated-agent import <customers.jsonl> (--database <url> [--schema <name>] | --pglite <dir>) [--rules <rules.json>] [options]

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
  --rules <rules.json>    the rule set to decide by (default: the store's current rule set,
                          saved with svc.saveRuleSet)
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
    const pg = await loadDriver<{ default: { Pool: new (options: { connectionString: string; max: number }) => PgPoolLike & { end(): Promise<void> } } }>(
      'pg',
      '--database',
    );
    const pool = new pg.default.Pool({ connectionString: values.database, max: 2 });
    const store = await createPostgresStore({ client: pool, ...(values.schema === undefined ? {} : { schema: values.schema }) }).migrate();
    return { store, close: () => pool.end() };
  }
  const { PGlite } = await loadDriver<{ PGlite: { create(dir: string): Promise<PGliteLike & { close(): Promise<void> }> } }>('@electric-sql/pglite', '--pglite');
  const db = await PGlite.create(values.pglite!);
  const store = await createPostgresStore({ client: db, ...(values.schema === undefined ? {} : { schema: values.schema }) }).migrate();
  return { store, close: () => db.close() };
}


const count = (n: number) => n.toLocaleString('en-US');

/** The summary as text in the locale's words: totals, then per agent, then the reasons. */
function summaryText(summary: AutoAssignManySummary, seconds: number, text: CliMessages): string {
  const w = text.import;
  const reasons = text.simulation.reason as Record<string, string>;
  const lines = [w.imported(count(summary.subjects), count(summary.batches), seconds.toFixed(1))];
  const table = (title: string, counts: Record<string, number>) => {
    const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    if (entries.length === 0) return;
    const width = Math.max(...entries.map(([name]) => name.length));
    lines.push(`${title}:`, ...entries.map(([name, n]) => `  ${name.padEnd(width)}  ${count(n).padStart(9)}`));
  };
  const byReason = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([reason, n]) => [reasons[reason] ?? reason, n]));
  table(w.assigned, summary.assigned);
  table(w.pendingConfirmation, summary.pendingConfirmation);
  table(w.unassigned, byReason(summary.unassigned as Record<string, number>));
  table(w.queued, byReason(summary.queued as Record<string, number>));
  if (summary.repeated > 0) lines.push(w.repeated(count(summary.repeated)));
  return `${lines.join('\n')}\n`;
}

/**
 * `dedicated-agent import`: assigns the customers of a JSONL file through a
 * PostgreSQL or PGlite store with `autoAssignMany`, with a progress bar on a
 * terminal, and prints the summary (text or JSON).
 *
 * @param args - the arguments after `import`
 * @param io - where to write (a progress bar goes to `io.stderr` when it is a terminal)
 * @param locale - the language of the text output, progress and errors (`--format json` is the same in every language)
 * @returns the exit code (0)
 * @throws CliError for usage errors, a bad line and unusable input (exit 2)
 * @example
 * ```ts
 * process.exitCode = await importCommand(['customers.jsonl', '--pglite', './db', '--rules', 'rules.json'], process, 'zh-CN');
 * ```
 */
export async function importCommand(args: string[], io: CliIo, locale: Locale = 'en'): Promise<number> {
  const text = cliMessagesFor(locale);
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
  if (positionals.length === 0) throw usageError('import', { key: 'missing_customers_file', params: {} });
  if (positionals.length > 1) throw usageError('import', { key: 'one_customers_file', params: { count: positionals.length } });
  if ((values.database === undefined) === (values.pglite === undefined)) throw usageError('import', { key: 'one_database', params: {} });
  const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
  if (!/^\d+$/.test(values['batch-size'] ?? '1') || !Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw usageError('import', { key: 'bad_whole_number', params: { option: '--batch-size', value: values['batch-size']! } });
  }
  const path = positionals[0]!;
  const prefix = values['key-prefix'] ?? `import:${basename(path)}`;
  const compiled = values.rules === undefined ? undefined : loadRuleSet(values.rules).compiled;

  const { store, close } = await openStore(values);
  const lines = subjectLines(path);
  const bar = createProgressBar(io.stderr, text.import.label);
  const started = Date.now();
  let committed = 0;
  try {
    const { size } = await stat(path).catch(() => ({ size: 0 }));
    // Without --rules, the service follows the store's current rule set, as the CRM's own services do.
    if (compiled === undefined && (await store.currentRuleSet?.()) == null) throw new CliError({ key: 'no_stored_rule_set', params: {} });
    const svc = compiled === undefined ? createAssignmentService({ store, autoDrain: false }) : createAssignmentService({ store, ruleSet: compiled, autoDrain: false });
    const summary = await svc.autoAssignMany(lines, {
      batchSize,
      idempotencyKey: (subject) => `${prefix}:${subject.kind ?? 'customer'}:${subject.id}`,
      notify: values.digest === true ? 'digest' : 'each',
      onProgress: (progress) => {
        committed = progress.subjects;
        bar.update(size === 0 ? 0 : lines.bytesRead / size, text.import.progress(count(progress.subjects)));
      },
    }).catch((error: unknown) => {
      // Whatever stopped it (a bad line, a lost connection), the batches before are committed: say so, then the cause.
      bar.done();
      io.stderr.write(`${text.import.stopped(count(committed))}\n`);
      throw error;
    });
    bar.done();
    const seconds = (Date.now() - started) / 1000;
    io.stdout.write(format === 'json' ? `${JSON.stringify({ ...summary, seconds }, null, 2)}\n` : summaryText(summary, seconds, text));
    return 0;
  } finally {
    bar.done();
    await close();
  }
}
