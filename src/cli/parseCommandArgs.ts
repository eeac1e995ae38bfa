import { CliError } from './cliError.js';

/**
 * Runs a command's `util.parseArgs` call (strict: unknown options are
 * errors) and turns parse failures into a short usage error that points to
 * the command's `--help`.
 *
 * @param command - the command name, for the hint
 * @param parse - the `parseArgs` call
 * @returns what `parse` returned
 * @throws CliError (exit 2) for unknown options and missing option values
 * @example
 * ```ts
 * const { values, positionals } = parseCommandArgs('validate', () =>
 *   parseArgs({ args, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }));
 * ```
 */
export function parseCommandArgs<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // parseArgs explains how to pass a positional that starts with '-'; the first sentence is what matters.
    const first = message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw usageError(command, first);
  }
}

/**
 * A usage error with a pointer to the command's help.
 *
 * @param command - the command name
 * @param message - what is wrong
 * @returns the CLI error (exit 2)
 * @example
 * ```ts
 * throw usageError('explain', 'missing --agents <agents.json>');
 * ```
 */
export function usageError(command: string, message: string): CliError {
  return new CliError(`${message}\nRun "dedicated-agent ${command} --help" for usage.`);
}

/**
 * Reads `--format`, which every command accepts.
 *
 * @param command - the command name
 * @param value - the option's value
 * @returns `'text'` (the default) or `'json'`
 * @throws CliError (exit 2) for any other value
 * @example
 * ```ts
 * outputFormat('simulate', values.format); // 'text'
 * ```
 */
export function outputFormat(command: string, value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw usageError(command, `--format must be "text" or "json", got "${value}"`);
}
