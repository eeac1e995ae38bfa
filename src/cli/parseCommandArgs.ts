import { type ParseArgsConfig, parseArgs } from 'node:util';
import { closestName } from '../core/text/closestName.js';
import { CliError, EXIT_USAGE } from './cliError.js';
import type { CliProblem } from './i18n/cliMessages.js';

/** A command's options, as `util.parseArgs` takes them. */
type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What `parseCommandArgs` returns for the options `O`: typed values and the positionals. */
type CommandArgs<O extends CommandOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/**
 * Reads a command's arguments with `util.parseArgs` (strict: unknown options
 * are errors; positionals allowed, each command counts its own). Misuse is
 * reported in the CLI's own words, not Node's: `unknown option --agent, did
 * you mean --agents?`, `--agents needs a value`, `--help takes no value`,
 * each followed by a pointer to the command's `--help`.
 *
 * @param command - the command name, for the pointer to its help; `null` for the program's own options
 * @param args - the arguments after the command name
 * @param options - the command's options, as `parseArgs` takes them
 * @returns the option values and the positionals
 * @throws CliError (exit 2) for unknown options, missing values and values given to flags
 * @example
 * ```ts
 * const { values, positionals } = parseCommandArgs('validate', args, { help: { type: 'boolean', short: 'h' } });
 * ```
 */
export function parseCommandArgs<const O extends CommandOptions>(command: string | null, args: string[], options: O): CommandArgs<O> {
  // A lenient pass first: its tokens say what is wrong without depending on the wording of Node's errors.
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (option === undefined) {
      const suggestion = token.rawName.startsWith('--') ? closestName(token.name, Object.keys(options)) : undefined;
      throw usageError(command, { key: 'unknown_option', params: { option: shown(token.rawName), suggestion: suggestion ?? null } });
    }
    if (option.type === 'boolean' && token.inlineValue === true) throw usageError(command, { key: 'takes_no_value', params: { option: token.rawName } });
    if (option.type === 'string' && (token.value === undefined || (token.inlineValue !== true && token.value.startsWith('-')))) {
      const given = token.value ?? null;
      const inline = given === null ? null : shown(`${token.rawName}=${given}`);
      throw usageError(command, { key: 'needs_value', params: { option: token.rawName, given, inline } });
    }
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Not reached for the mistakes above; kept so that no raw Node error ever escapes as a crash.
    const message = error instanceof Error ? error.message : String(error);
    const first = message.split(/\.\s/)[0]!.replace(/\.$/, '');
    throw usageError(command, { key: 'bad_arguments', params: { detail: first.charAt(0).toLowerCase() + first.slice(1) } });
  }
}

/** What the user typed, bare when it is a plain option name, JSON-quoted otherwise (so no line break or odd character can break the message's format). */
function shown(text: string): string {
  // A trailing full stop would read as the end of the sentence: quoted too.
  return /^--?[\w-]+(=[\w./:@+-]*)?$/.test(text) && !text.endsWith('.') ? text : JSON.stringify(text);
}

/**
 * A usage error with a pointer to the help: the one format of every misuse,
 * `error: <what is wrong>` then `Run "dedicated-agent <command> --help" for usage.`
 *
 * @param command - the command name, or `null` for the program itself
 * @param problem - what is wrong, as a key of the CLI catalogue and its params
 * @returns the CLI error (exit 2)
 * @example
 * ```ts
 * throw usageError('explain', { key: 'missing_option', params: { option: '--agents <agents.json>' } });
 * ```
 */
export function usageError(command: string | null, problem: CliProblem): CliError {
  return new CliError(problem, EXIT_USAGE, command);
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
  throw usageError(command, { key: 'bad_format', params: { value } });
}
