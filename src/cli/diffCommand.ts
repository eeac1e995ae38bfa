import { diffRuleSets, type Locale } from '../index.js';
import { diffMessages } from '../core/governance/diffMessages.js';
import { EXIT_INVALID } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { loadRuleSet } from './loadRuleSet.js';
import { outputFormat, parseCommandArgs, usageError } from './parseCommandArgs.js';
import { ruleChangeJson } from './ruleChangeJson.js';

const HELP = `Usage: dedicated-agent diff <old.json> <new.json> [options]

Lists what changed from one rule set to another, rule by rule: rules added,
removed or moved, renamed, enabled or disabled, their condition, schedule,
participants, weights, order and eligibility, the settings (waiting queue
included), the zone, the declared fields and the default rule. Rules are
matched by id; a default written out (sticky: false) is no change.

Options:
  --lang <zh-CN|en>       language of the text output (default: from LC_ALL or LANG, else en)
  --format <text|json>    output format (default: text); JSON is language-neutral:
                          { before, after, changes: [{ code, ruleId?, path, params }] }
  -h, --help              show this help

Exit status (as diff(1)): 0 when the rule sets mean the same, 1 when they
differ, 2 when a file cannot be read, is not JSON or not a valid rule set, or
the command is misused.

Example (dedicated-agent init writes rules.json; copy and edit it):
  dedicated-agent diff rules.json proposal.json --lang zh-CN
`;

/**
 * `dedicated-agent diff <old.json> <new.json>`: prints the changes between two
 * rule-set files, worded in English or Chinese, or as language-neutral JSON.
 *
 * @param args - the arguments after `diff`
 * @param io - where to write
 * @returns the exit code: 0 no change, 1 changes
 * @throws CliError for usage errors and unusable files (exit 2)
 * @example
 * ```ts
 * process.exitCode = diffCommand(['rules.json', 'proposal.json', '--lang', 'zh-CN'], process);
 * ```
 */
export function diffCommand(args: string[], io: CliIo, locale: Locale = 'en'): number {
  const { values, positionals } = parseCommandArgs('diff', args, {
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const format = outputFormat('diff', values.format);
  if (positionals.length !== 2) throw usageError('diff', { key: 'two_rule_set_files', params: { count: positionals.length } });
  const [before, after] = positionals.map(loadRuleSet) as [ReturnType<typeof loadRuleSet>, ReturnType<typeof loadRuleSet>];
  const changes = diffRuleSets(before.compiled, after.compiled, { locale });
  const exitCode = changes.length === 0 ? 0 : EXIT_INVALID;
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ before: before.path, after: after.path, changes: changes.map(ruleChangeJson) }, null, 2)}\n`);
    return exitCode;
  }
  const messages = diffMessages[locale];
  const lines = [`${before.path} → ${after.path}${messages.separator}${messages.count(changes.length)}`, ...changes.map((change) => `  ${change.message}`)];
  io.stdout.write(`${lines.join('\n')}\n`);
  return exitCode;
}
