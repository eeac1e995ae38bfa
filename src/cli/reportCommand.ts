import { writeFileSync } from 'node:fs';
import { isValidTimeZone } from '../core/time/isValidTimeZone.js';
import { createAssignmentService, type Locale, type RuleSet } from '../index.js';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { formatStatsText } from './formatStatsText.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { loadRuleSet } from './loadRuleSet.js';
import { openReportDatabase } from './openReportDatabase.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { parseInstant } from './parseInstant.js';
import { renderStatsReport } from './renderStatsReport.js';

const HELP = `Usage: dedicated-agent report (--database <url> [--schema <name>] | --pglite <dir>) --from <instant> --to <instant> [options]

Statistics of the assignment records committed in a PostgreSQL store (or a
PGlite directory), created from --from (inclusive) to --to (exclusive):
per agent automatic, manual and application assignments, serving, declined,
expired, cancelled, rejected, acceptance rate and the time from request to
effective (median and p90); per rule each participant's share against the
share its weights ask for; records per day and per hour. Aggregated by the
database; nothing is written to it.

Options:
  --database <url>        a PostgreSQL server, e.g. postgres://user:pass@host/db
  --schema <name>         the store's schema (default: dedicated_agent)
  --pglite <dir>          a PGlite database directory instead of a server
  --from <instant>        ISO-8601 with a UTC offset, or epoch milliseconds
  --to <instant>          the same; records created before it
  --rules <rules.json>    the rule set, for rule names, weights and the time zone
  --time-zone <zone>      the zone of days and hours (default: the rule set's, else UTC)
  --report <file.html>    also write a self-contained HTML report with charts
  --format <text|json>    output format (default: text)
  -h, --help              show this help

Exit status: 0 after a report (also an empty one, which says so), 2 for
unusable input, an unreachable database or misuse.
`;

/** Settings of the stand-in rule set when none is given: nothing enabled, no rules. */
const NO_RULES: RuleSet['settings'] = {
  manual: { enabled: false, agentConfirmation: false },
  auto: { enabled: false, agentConfirmation: false },
  application: { enabled: false, adminApproval: false, agentConfirmation: false },
};

/**
 * `dedicated-agent report`: statistics of the records a store committed in a
 * window, as text or JSON, optionally as an HTML report in the simulator's
 * style. An empty database (no schema, or no records in the window) is said
 * plainly.
 *
 * @param args - the arguments after `report`
 * @param io - where to write
 * @param locale - the language of the text output, the notes and the report (`--format json` is the same in every language)
 * @returns the exit code (0)
 * @throws CliError for usage errors, unusable input and unreachable databases (exit 2)
 * @example
 * ```ts
 * await reportCommand(['--pglite', './data', '--from', '2026-11-01T00:00+08:00', '--to', '2026-12-01T00:00+08:00'], process, 'zh-CN');
 * ```
 */
export async function reportCommand(args: string[], io: CliIo, locale: Locale = 'en'): Promise<number> {
  const w = cliMessagesFor(locale).stats;
  const { values, positionals } = parseCommandArgs('report', args, {
    database: { type: 'string' },
    schema: { type: 'string' },
    pglite: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    rules: { type: 'string' },
    'time-zone': { type: 'string' },
    report: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('report', values.format);
  // JSON is the same in every language: its notes are in English.
  const note = format === 'json' ? cliMessagesFor('en').stats : w;
  if (positionals.length > 0) throw usageError('report', { key: 'takes_no_file', params: { command: 'report', value: positionals[0]! } });
  if ((values.database === undefined) === (values.pglite === undefined)) throw usageError('report', { key: 'one_database', params: {} });
  if (values.pglite !== undefined && values.schema !== undefined && values.schema === '') throw usageError('report', { key: 'needs_name', params: { option: '--schema' } });
  if (values.from === undefined) throw usageError('report', { key: 'missing_option', params: { option: '--from <instant>' } });
  if (values.to === undefined) throw usageError('report', { key: 'missing_option', params: { option: '--to <instant>' } });
  const from = parseInstant(values.from, '--from');
  const to = parseInstant(values.to, '--to');
  if (to < from) throw usageError('report', { key: 'to_before_from', params: {} });
  const loaded = values.rules === undefined ? null : loadRuleSet(values.rules).ruleSet;
  const timeZone = values['time-zone'] ?? loaded?.timeZone ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw usageError('report', { key: 'bad_time_zone', params: { option: '--time-zone', value: timeZone } });
  const ruleSet: RuleSet = loaded ?? { version: 1, timeZone, settings: NO_RULES, rules: [] };

  const schema = values.schema ?? 'dedicated_agent';
  const db = await openReportDatabase({ database: values.database, pglite: values.pglite, schema });
  try {
    if (!db.schemaExists) {
      const message = note.noSchema(db.source, schema);
      io.stdout.write(format === 'json' ? `${JSON.stringify({ records: 0, message }, null, 2)}\n` : `${message}\n`);
      return 0;
    }
    if (!db.hasStatistics) throw new CliError({ key: 'old_schema', params: { source: db.source, schema, version: db.version } });
    const svc = createAssignmentService({ store: db.store, ruleSet });
    const stats = await svc.stats({ from, to, timeZone });
    if (stats.records === 0) {
      const message = note.noRecords(stats.from.toISOString(), stats.to.toISOString(), db.source);
      io.stdout.write(format === 'json' ? `${JSON.stringify({ ...stats, message }, null, 2)}\n` : `${message}\n`);
      return 0;
    }
    if (values.report !== undefined) {
      try {
        writeFileSync(values.report, renderStatsReport(stats, { source: db.source, generatedAt: new Date(), locale }));
      } catch (error) {
        throw new CliError({ key: 'cannot_write', params: { what: 'report', path: values.report, reason: error instanceof Error ? error.message : String(error) } });
      }
      io.stderr.write(`${w.reportWritten(values.report)}\n`);
    }
    io.stdout.write(format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : formatStatsText(stats, locale));
    return 0;
  } finally {
    await db.close();
  }
}
