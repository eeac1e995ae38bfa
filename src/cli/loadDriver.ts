import { CliError } from './cliError.js';

/**
 * Loads a database driver the command line needs only for some options
 * (`pg` for `--database`, `@electric-sql/pglite` for `--pglite`: optional
 * peers of the package).
 *
 * @param name - the package
 * @param option - the option that needs it, for the message
 * @returns the module
 * @throws CliError (`needs_package`, exit 2) when it is not installed
 * @example
 * ```ts
 * const { default: pg } = await loadDriver<typeof import('pg')>('pg', '--database');
 * ```
 */
export async function loadDriver<T>(name: string, option: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new CliError({ key: 'needs_package', params: { option, name } });
  }
}
