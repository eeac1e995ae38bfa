import { formatIssues, type Locale, type ValidationIssue, validateRuleSet } from '../index.js';
import { availabilityWarnings } from './availabilityWarnings.js';
import { CliError, EXIT_INVALID } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { loadAgents } from './loadAgents.js';
import { parseInstant } from './parseInstant.js';
import { parseJsonText } from './parseJsonText.js';
import { readTextFile } from './readTextFile.js';
import { unknownAgentWarnings } from './unknownAgentWarnings.js';

const HELP = `Usage: dedicated-agent validate <rules.json>... [options]

Checks rule-set files and prints every problem: its path in the file
(rules[2].when), what is wrong, and a caret under the position of an
expression error.

Options:
  --agents <agents.json>  also warn about rule participants missing from this agents file,
                          on leave for the next 14 days, or never on shift while their rule is open
  --at <instant>          where those 14 days start (ISO-8601 with a UTC offset; default: now)
  --format <text|json>    output format (default: text)
  -h, --help              show this help

Exit status: 0 when every file is a valid rule set, 1 when one is invalid,
2 when a file cannot be read, is not JSON, or the command is misused.

Example (dedicated-agent init writes these files):
  dedicated-agent validate rules.json --agents agents.json
`;

interface FileReport {
  path: string;
  ok: boolean;
  issues: ValidationIssue[];
  warnings: string[];
  /** A valid file's verdict line; null for an invalid one. */
  summary: string | null;
}

/**
 * `dedicated-agent validate <rules.json>...`: validates rule-set files and
 * reports every issue (text with carets, or JSON).
 *
 * @param args - the arguments after `validate`
 * @param io - where to write
 * @param locale - the language of the text output (`--format json` is the same in every language)
 * @returns the exit code: 0 valid, 1 invalid, 2 unusable input
 * @throws CliError for usage errors
 * @example
 * ```ts
 * process.exitCode = validateCommand(['rules.json'], process);
 * ```
 */
export function validateCommand(args: string[], io: CliIo, locale: Locale = 'en'): number {
  const text = cliMessagesFor(locale);
  const { values, positionals } = parseCommandArgs('validate', args, {
    agents: { type: 'string' },
    at: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('validate', values.format);
  if (positionals.length === 0) throw usageError('validate', { key: 'missing_rule_set_file', params: { command: 'validate' } });
  const agents = values.agents === undefined ? null : loadAgents(values.agents);
  const horizonStart = values.at === undefined ? Date.now() : parseInstant(values.at, '--at');
  // JSON stays as it always was, whatever the language: English sentences beside the codes.
  const warningWords = format === 'json' ? cliMessagesFor('en').warning : text.warning;
  let exitCode = 0;
  const reports: FileReport[] = [];
  for (const path of positionals) {
    let input: unknown;
    try {
      input = parseJsonText(readTextFile(path, 'rule_set'), path);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.stderr.write(`${text.errorPrefix}${error.textIn(text)}\n`);
      exitCode = Math.max(exitCode, error.exitCode);
      continue;
    }
    const result = validateRuleSet(input);
    if (!result.ok) {
      exitCode = Math.max(exitCode, EXIT_INVALID);
      reports.push({ path, ok: false, issues: result.issues, warnings: [], summary: null });
      continue;
    }
    const { ruleSet } = result;
    const warnings =
      agents === null ? [] : [...unknownAgentWarnings(ruleSet, agents, path, warningWords), ...availabilityWarnings(ruleSet, agents, path, horizonStart, warningWords)];
    reports.push({ path, ok: true, issues: [], warnings, summary: text.validRuleSet(path, ruleSet.rules.length, Boolean(ruleSet.defaultRule), ruleSet.timeZone) });
  }
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ ok: exitCode === 0, files: reports.map(({ path, ok, issues, warnings }) => ({ path, ok, issues, warnings })) }, null, 2)}\n`);
    return exitCode;
  }
  for (const report of reports) {
    if (report.summary !== null) io.stdout.write(`${report.summary}\n`);
    else io.stdout.write(`${text.invalidRuleSet(report.path, report.issues.length)}\n${formatIssues(report.issues, { locale })}\n`);
    for (const warning of report.warnings) io.stderr.write(`${text.warningPrefix}${warning}\n`);
  }
  return exitCode;
}
