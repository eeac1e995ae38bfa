import { cliEn } from './i18n/cliEn.js';
import type { CliMessages, CliProblem } from './i18n/cliMessages.js';

/** Exit code for a rule set that `validate` found invalid, and for a simulation that skipped bad lines of the customers file. */
export const EXIT_INVALID = 1;
/** Exit code for a usage error or unusable input (missing file, bad JSON, invalid date, invalid rule set given to explain or simulate). */
export const EXIT_USAGE = 2;

/**
 * A failure the CLI reports as a plain message and an exit code, without a
 * stack trace: the user's input is wrong, not the program. Given as a
 * problem (a key and its params), it is said in the user's language; its
 * `message` is the English text.
 *
 * @example
 * ```ts
 * throw new CliError({ key: 'cannot_read', params: { what: 'rule_set', path: 'rules.json', problem: 'no such file' } });
 * ```
 */
export class CliError extends Error {
  readonly exitCode: number;
  /** What went wrong as data; null when only the (English) message is known. */
  readonly problem: CliProblem | null;
  /** For a usage error, the command whose `--help` the message points at (null: the program's); undefined otherwise. */
  readonly usageOf: string | null | undefined;
  constructor(problem: string | CliProblem, exitCode: number = EXIT_USAGE, usageOf?: string | null) {
    super(typeof problem === 'string' ? problem : sentence(cliEn, problem, usageOf));
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.problem = typeof problem === 'string' ? null : problem;
    this.usageOf = usageOf;
  }

  /**
   * The error in a locale's words.
   *
   * @param messages - the CLI catalogue of the locale
   * @returns the text, with the pointer to `--help` for a usage error
   * @example
   * ```ts
   * error.textIn(cliMessagesFor('zh-CN'));
   * ```
   */
  textIn(messages: CliMessages): string {
    return this.problem === null ? this.message : sentence(messages, this.problem, this.usageOf);
  }
}

function sentence(messages: CliMessages, problem: CliProblem, usageOf: string | null | undefined): string {
  // The key and its params match by construction of CliProblem; TypeScript cannot correlate them in a lookup.
  const text = (messages.problem[problem.key] as (params: CliProblem['params']) => string)(problem.params);
  return usageOf === undefined ? text : `${text}\n${messages.seeHelp(usageOf)}`;
}
