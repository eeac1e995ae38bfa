import { closestName } from '../core/text/closestName.js';
import { AssignmentError, type Locale } from '../index.js';
import { CliError, EXIT_USAGE } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { cliLocale } from './cliLocale.js';
import { diffCommand } from './diffCommand.js';
import { explainCommand } from './explainCommand.js';
import { cliMessagesFor } from './i18n/cliMessagesFor.js';
import { importCommand } from './importCommand.js';
import { initCommand } from './initCommand.js';
import { packageVersion } from './packageVersion.js';
import { parseCommandArgs, usageError } from './parseCommandArgs.js';
import { reportCommand } from './reportCommand.js';
import { simulateCommand } from './simulateCommand.js';
import { validateCommand } from './validateCommand.js';

const COMMANDS: Record<string, (args: string[], io: CliIo, locale: Locale) => number | Promise<number>> = {
  init: initCommand,
  validate: validateCommand,
  explain: explainCommand,
  simulate: simulateCommand,
  report: reportCommand,
  diff: diffCommand,
  import: importCommand,
};

const PROGRAM_OPTIONS = {
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

function dispatch(argv: string[], io: CliIo, locale: Locale): number | Promise<number> {
  const text = cliMessagesFor(locale);
  const [command, ...args] = argv;
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? args[0] : undefined;
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return COMMANDS[topic]!(['--help'], io, locale);
    if (command === undefined) {
      io.stderr.write(text.help);
      return EXIT_USAGE;
    }
    io.stdout.write(text.help);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    // Only the program's own options come before a command: word a mistake there as the commands do.
    if (command.startsWith('-')) parseCommandArgs(null, [command], PROGRAM_OPTIONS);
    const suggestion = closestName(command, Object.keys(COMMANDS));
    throw usageError(null, { key: 'unknown_command', params: { command, suggestion: suggestion ?? null } });
  }
  return COMMANDS[command]!(args, io, locale);
}

/**
 * Runs the `dedicated-agent` command line: dispatches to a command, prints
 * usage and input errors as `error: …` lines (no stack trace) and returns the
 * exit code. Texts are in the language of `--lang zh-CN|en`, else of the
 * environment's `LC_ALL` / `LC_MESSAGES` / `LANG` (see `cliLocale`).
 *
 * @param argv - the arguments after the program name
 * @param io - where to write, and the environment (`process.env`) the default language comes from
 * @returns the exit code
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), process); // a promise only for commands that read a database
 * ```
 */
export function runCli(argv: string[], io: CliIo): number | Promise<number> {
  const env = io.env ?? {};
  let text = cliMessagesFor(cliLocale([], env).locale);
  try {
    const { locale, argv: args } = cliLocale(argv, env);
    text = cliMessagesFor(locale);
    const status = dispatch(args, io, locale);
    const said = text;
    return typeof status === 'number' ? status : status.catch((error: unknown) => failure(error, io, said));
  } catch (error) {
    return failure(error, io, text);
  }
}

/** A command's failure as the user sees it: `error: …` in the chosen language and the exit code, or the error rethrown when it is a bug. */
function failure(error: unknown, io: CliIo, text: ReturnType<typeof cliMessagesFor>): number {
  if (error instanceof CliError) {
    io.stderr.write(`${text.errorPrefix}${error.textIn(text)}\n`);
    return error.exitCode;
  }
  // The library refusing input it was handed (an AssignmentError) is the user's input too: same wording, no stack trace.
  if (error instanceof AssignmentError) {
    io.stderr.write(`${text.errorPrefix}${new CliError({ key: 'input', params: { where: null, detail: error.message } }).textIn(text)}\n`);
    return EXIT_USAGE;
  }
  throw error;
}
