import { closestName } from '../core/text/closestName.js';
import { AssignmentError } from '../index.js';
import { CliError, EXIT_USAGE } from './cliError.js';
import type { CliIo } from './cliIo.js';
import { explainCommand } from './explainCommand.js';
import { importCommand } from './importCommand.js';
import { initCommand } from './initCommand.js';
import { packageVersion } from './packageVersion.js';
import { parseCommandArgs, usageError } from './parseCommandArgs.js';
import { simulateCommand } from './simulateCommand.js';
import { validateCommand } from './validateCommand.js';

const HELP = `Usage: dedicated-agent <command> [options]

Check, explain and try out dedicated-agent rule sets before saving them.

Commands:
  init [dir]              write a starter rule set, agents and 1,000 customers, and the commands to try
  validate <rules.json>   check a rule set; every problem with its path, carets under expression errors
  explain <rules.json>    decide one customer at one instant and explain the decision rule by rule
  simulate <rules.json>   replay a stream of customers and show the resulting distribution,
                          optionally against a second rule set and as an HTML report
  import <customers.jsonl>
                          assign a file of customers through a PostgreSQL or PGlite store

Options:
  -V, --version           print the version
  -h, --help              show this help

Run "dedicated-agent <command> --help" for a command's options, and
"dedicated-agent init demo" for files to try them on.

Exit status: 0 success, 1 invalid rule set (validate) or skipped customer lines
(simulate), 2 unusable input or misuse.
`;

const COMMANDS: Record<string, (args: string[], io: CliIo) => number | Promise<number>> = {
  init: initCommand,
  validate: validateCommand,
  explain: explainCommand,
  simulate: simulateCommand,
  import: importCommand,
};

const PROGRAM_OPTIONS = {
  version: { type: 'boolean', short: 'V' },
  help: { type: 'boolean', short: 'h' },
} as const;

function dispatch(argv: string[], io: CliIo): number | Promise<number> {
  const [command, ...args] = argv;
  if (command === '--version' || command === '-V') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? args[0] : undefined;
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return COMMANDS[topic]!(['--help'], io);
    if (command === undefined) {
      io.stderr.write(HELP);
      return EXIT_USAGE;
    }
    io.stdout.write(HELP);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    // Only the program's own options come before a command: word a mistake there as the commands do.
    if (command.startsWith('-')) parseCommandArgs(null, [command], PROGRAM_OPTIONS);
    const suggestion = closestName(command, Object.keys(COMMANDS));
    throw usageError(null, `unknown command ${JSON.stringify(command)}${suggestion === undefined ? '' : `, did you mean "${suggestion}"?`}`);
  }
  return COMMANDS[command]!(args, io);
}

/**
 * Runs the `dedicated-agent` command line: dispatches to a command, prints
 * usage and input errors as `error: …` lines (no stack trace) and returns the
 * exit code.
 *
 * @param argv - the arguments after the program name
 * @param io - where to write
 * @returns the exit code; a promise of it for a command that waits for a database (`import`)
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), process);
 * ```
 */
export function runCli(argv: string[], io: CliIo): number | Promise<number> {
  const failed = (error: unknown): number => {
    if (error instanceof CliError) {
      io.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    // The library refusing input it was handed (an AssignmentError) is the user's input too: same wording, no stack trace.
    if (error instanceof AssignmentError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  };
  try {
    const status = dispatch(argv, io);
    return typeof status === 'number' ? status : status.catch(failed);
  } catch (error) {
    return failed(error);
  }
}
