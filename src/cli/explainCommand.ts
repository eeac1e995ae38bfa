import { assignCustomer, explain, type Locale, type SubjectInput } from '../index.js';
import { InputError } from '../core/errors.js';
import { readSubject as readSubjectInput } from '../core/input/readSubject.js';
import { agentLabel } from './agentLabel.js';
import { CliError } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { formatLocalTime } from './formatLocalTime.js';
import { loadAgents } from './loadAgents.js';
import { loadRuleSet } from './loadRuleSet.js';
import { parseInstant } from './parseInstant.js';
import { parseJsonText } from './parseJsonText.js';
import { readTextFile } from './readTextFile.js';
import { unknownAgentWarnings } from './unknownAgentWarnings.js';

const HELP = `Usage: dedicated-agent explain <rules.json> --customer <customer.json> --agents <agents.json> [--at <instant>] [options]

Decides one customer exactly as assignCustomer() would and explains the
decision: first the customer's fields that contradict the rule set's declared
"fields" (undeclared, with "did you mean"; of another type; missing), then
rule by rule which rules were skipped and why, which participants were not
candidates and why, and the numbers the order compared.

Options:
  --customer <file>     the customer: { "id", "kind"?, "fields", "agentId"?, "previousAgentId"?,
                        "pending"?, "createdAt"? }
  --agents <file>       the agents: an array of agent snapshots with their current counts
                        ("assigned", "serving") and an optional display "name"
  --at <instant>        when to decide: ISO-8601 with a UTC offset, e.g. 2026-11-25T10:00+08:00,
                        or epoch milliseconds (default: the customer's createdAt)
  --reassign            allow replacing the customer's current agent
  --format <text|json>  output format (default: text); json prints the whole AssignmentResult
  -h, --help            show this help

Exit status: 0 when a decision was explained (assigned or not), 2 for unusable input.

Example (dedicated-agent init writes these files):
  dedicated-agent explain rules.json --customer customer.json --agents agents.json \\
    --at 2026-10-08T10:00+08:00
`;

function readSubject(path: string): { subject: SubjectInput; createdAt: unknown } {
  const value = parseJsonText(readTextFile(path, 'customer_file'), path);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError({ key: 'input', params: { where: path, detail: 'expected a JSON object { "id", "kind"?, "fields", … }' } });
  }
  const { createdAt, ...given } = value as Record<string, unknown>;
  try {
    return { subject: readSubjectInput(given, 'customer'), createdAt };
  } catch (error) {
    if (error instanceof InputError) throw new CliError({ key: 'input', params: { where: path, detail: error.message } });
    throw error;
  }
}

/**
 * `dedicated-agent explain`: decides one customer at one instant and prints
 * the decision and the whole trace in plain language (or the result as JSON).
 *
 * @param args - the arguments after `explain`
 * @param io - where to write
 * @param locale - the language of the text output (`--format json` is the same in every language)
 * @returns the exit code (0)
 * @throws CliError for usage errors and unusable input
 * @example
 * ```ts
 * explainCommand(['rules.json', '--customer', 'c.json', '--agents', 'agents.json', '--at', '2026-11-25T10:00+08:00'], process);
 * ```
 */
export function explainCommand(args: string[], io: CliIo, locale: Locale = 'en'): number {
  const text = cliMessagesFor(locale);
  const { values, positionals } = parseCommandArgs('explain', args, {
    customer: { type: 'string' },
    agents: { type: 'string' },
    at: { type: 'string' },
    reassign: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('explain', values.format);
  if (positionals.length !== 1) throw usageError('explain', { key: positionals.length === 0 ? 'missing_rule_set_file' : 'one_rule_set_file', params: { command: 'explain' } });
  if (values.customer === undefined) throw usageError('explain', { key: 'missing_option', params: { option: '--customer <customer.json>' } });
  if (values.agents === undefined) throw usageError('explain', { key: 'missing_option', params: { option: '--agents <agents.json>' } });
  const { ruleSet, compiled } = loadRuleSet(positionals[0]!);
  const agents = loadAgents(values.agents);
  const { subject, createdAt } = readSubject(values.customer);
  let now: number;
  if (values.at !== undefined) now = parseInstant(values.at, '--at');
  else if (createdAt !== undefined) now = parseInstant(createdAt, `${values.customer}: createdAt`);
  else throw usageError('explain', { key: 'missing_at', params: { file: values.customer } });
  for (const warning of unknownAgentWarnings(ruleSet, agents, positionals[0]!, text.warning)) io.stderr.write(`${text.warningPrefix}${warning}\n`);

  const result = assignCustomer({ ruleSet: compiled, subject, agents, now, reassign: values.reassign === true });
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const at = new Date(now);
  io.stdout.write(`${text.decisionAt(formatLocalTime(at, ruleSet.timeZone), ruleSet.timeZone, at.toISOString())}\n`);
  io.stdout.write(`${explain(result, { agentName: agentLabel(agents), locale, timeZone: ruleSet.timeZone })}\n`);
  return 0;
}
