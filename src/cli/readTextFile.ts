import { readFileSync } from 'node:fs';
import { CliError } from './cliError.js';
import type { FileProblem, FileWord } from './i18n/cliMessages.js';

/**
 * Turns a file-system error into a sentence naming the file and what went wrong.
 *
 * @param path - the path as the user typed it
 * @param what - what the file is, e.g. `'rule_set'`
 * @param error - what `node:fs` threw
 * @returns the CLI error to report
 * @example
 * ```ts
 * fileError('rules.json', 'rule_set', enoent); // cannot read rule set "rules.json": no such file
 * ```
 */
export function fileError(path: string, what: FileWord, error: unknown): CliError {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const problem: FileProblem =
    code === 'ENOENT'
      ? 'no_such_file'
      : code === 'EISDIR'
        ? 'is_directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission_denied'
          : error instanceof Error
            ? error.message
            : String(error);
  return new CliError({ key: 'cannot_read', params: { what, path, problem } });
}

/**
 * Reads a whole UTF-8 text file, without a byte-order mark.
 *
 * @param path - the path as the user typed it
 * @param what - what the file is, for the error message
 * @returns the text
 * @throws CliError (exit 2) when the file cannot be read
 * @example
 * ```ts
 * const text = readTextFile('rules.json', 'rule_set');
 * ```
 */
export function readTextFile(path: string, what: FileWord): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileError(path, what, error);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
