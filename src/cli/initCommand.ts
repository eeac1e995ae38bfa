import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../index.js';
import { CliError } from './cliError.js';
import type { InitWords } from './i18n/cliMessages.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import type { CliIo } from './cliIo.js';
import { generateCustomers } from './generateCustomers.js';
import { parseCommandArgs, usageError } from './parseCommandArgs.js';
import { starterAgents } from './starterAgents.js';
import { starterRuleSet } from './starterRuleSet.js';

const HELP = `Usage: dedicated-agent init [dir] [options]

Writes a starter project to try the other commands on: a rule set with a
holiday duty rule, a proportional VIP rule (2:2:1), a condition rule for
Beijing customers, office hours and a default rule; the agents it names; one
customer to explain; and 1,000 generated customers over October 2026 (the same
on every run). Then prints the commands to try.

Files (in dir, default: the current directory):
  rules.json  agents.json  customer.json  customers.jsonl

Options:
  --force     overwrite those files when they exist (otherwise nothing is written)
  -h, --help  show this help

Exit status: 0 when the files were written, 2 when one exists already (without
--force), cannot be written, or the command is misused.

Example:
  dedicated-agent init demo
`;

/** How many customers the starter customers.jsonl holds. */
const CUSTOMER_COUNT = 1000;
/** When the starter customer is explained: a Thursday morning after the holiday, in Asia/Shanghai. */
const EXPLAIN_AT = '2026-10-08T10:00+08:00';

const STARTER_CUSTOMER = {
  id: 'c-vip-beijing',
  kind: 'customer',
  createdAt: '2026-10-08T09:58:00+08:00',
  fields: { region: '北京', level: 4, tags: ['vip'], language: 'zh', channel: 'wechat', product: 'pro' },
};

interface StarterFile {
  name: string;
  text: string;
  summary: string;
}

function starterFiles(words: InitWords): StarterFile[] {
  const ruleSet = starterRuleSet();
  const agents = starterAgents();
  const customers = [...generateCustomers({ count: CUSTOMER_COUNT })].map((customer) => JSON.stringify(customer));
  return [
    {
      name: 'rules.json',
      text: `${JSON.stringify(ruleSet, null, 2)}\n`,
      summary: words.rulesSummary(ruleSet.rules.length, ruleSet.timeZone),
    },
    // One agent a line: easy to read and to edit.
    { name: 'agents.json', text: `[\n  ${agents.map((agent) => JSON.stringify(agent)).join(',\n  ')}\n]\n`, summary: words.agentsSummary(agents.length) },
    { name: 'customer.json', text: `${JSON.stringify(STARTER_CUSTOMER, null, 2)}\n`, summary: words.customerSummary },
    { name: 'customers.jsonl', text: `${customers.join('\n')}\n`, summary: words.customersSummary(CUSTOMER_COUNT.toLocaleString('en-US')) },
  ];
}

/** A path as the user would type it into a POSIX shell: quoted only when it needs to be. */
function shellPath(path: string): string {
  return /^[\w./:@%+=,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function writeAll(dir: string, files: readonly StarterFile[]): void {
  // Every file goes to a temporary name first and is renamed once all are written, so a failure leaves nothing half-written.
  const temporary = (name: string) => join(dir, `.${name}.${process.pid}.tmp`);
  const written: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const file of files) {
      writeFileSync(temporary(file.name), file.text, { flag: 'wx' });
      written.push(temporary(file.name));
    }
    for (const file of files) renameSync(temporary(file.name), join(dir, file.name));
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError({ key: 'cannot_write', params: { what: 'starter_files', path: dir, reason } });
  }
}

/**
 * `dedicated-agent init [dir]`: writes a starter rule set, its agents, a
 * customer and 1,000 customers, then prints the commands to try on them.
 * Existing files are never overwritten without `--force`.
 *
 * @param args - the arguments after `init`
 * @param io - where to write
 * @param locale - the language of the summary and of the errors' wording
 * @returns the exit code (0)
 * @throws CliError (exit 2) when a file exists already, the directory cannot be written, or for usage errors
 * @example
 * ```ts
 * process.exitCode = initCommand(['demo'], process);
 * ```
 */
export function initCommand(args: string[], io: CliIo, locale: Locale = 'en'): number {
  const text = cliMessagesFor(locale);
  const { values, positionals } = parseCommandArgs('init', args, {
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length > 1) throw usageError('init', { key: 'init_one_directory', params: { count: positionals.length } });
  const dir = positionals[0] ?? '.';
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError({ key: 'cannot_write', params: { what: 'starter_files', path: dir, reason: 'it is not a directory' } });
  const files = starterFiles(text.init);
  const existing = files.map((file) => file.name).filter((name) => existsSync(join(dir, name)));
  if (existing.length > 0 && values.force !== true) {
    throw usageError('init', { key: 'init_files_exist', params: { files: existing, dir: dir === '.' ? null : dir } });
  }
  writeAll(dir, files);

  const path = (name: string) => shellPath(join(dir, name));
  const width = Math.max(...files.map((file) => path(file.name).length));
  io.stdout.write(`${text.init.wrote(dir === '.' ? null : shellPath(dir))}\n`);
  for (const file of files) io.stdout.write(`  ${path(file.name).padEnd(width)}  ${file.summary}\n`);
  io.stdout.write(
    [
      '',
      text.init.tryThese,
      `  npx dedicated-agent validate ${path('rules.json')} --agents ${path('agents.json')}`,
      `  npx dedicated-agent explain ${path('rules.json')} --customer ${path('customer.json')} --agents ${path('agents.json')} --at ${EXPLAIN_AT}`,
      `  npx dedicated-agent simulate ${path('rules.json')} --customers ${path('customers.jsonl')} --agents ${path('agents.json')} --report ${path('report.html')}`,
      '',
    ].join('\n'),
  );
  return 0;
}
