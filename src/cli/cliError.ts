/** Exit code for a rule set that `validate` found invalid, and for a simulation that skipped bad lines of the customers file. */
export const EXIT_INVALID = 1;
/** Exit code for a usage error or unusable input (missing file, bad JSON, invalid date, invalid rule set given to explain or simulate). */
export const EXIT_USAGE = 2;

/**
 * A failure the CLI reports as a plain message and an exit code, without a
 * stack trace: the user's input is wrong, not the program.
 *
 * @example
 * ```ts
 * throw new CliError('cannot read "rules.json": no such file', EXIT_USAGE);
 * ```
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
