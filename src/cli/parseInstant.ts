import { InputError } from '../core/errors.js';
import { readInstant } from '../core/input/readInstant.js';
import { CliError } from './cliError.js';

/**
 * Reads an instant the user gave (an option or a field of an input file) with
 * the library's one instant reader (`readInstant`), so `--at` takes every form
 * `customers.jsonl` takes: an ISO-8601 string with a UTC offset, or epoch
 * milliseconds (a JSON number, or digits on the command line).
 *
 * @param value - the text or number
 * @param where - names the value in the message, e.g. `'--at'` or `'customers.jsonl:17: createdAt'`
 * @returns epoch milliseconds
 * @throws CliError (exit 2) saying what was given and what is expected
 * @example
 * ```ts
 * parseInstant('2026-11-25T10:00+08:00', '--at'); // 1795572000000
 * parseInstant('1795572000000', '--at');          // 1795572000000
 * parseInstant('2026-11-25 10:00', '--at');       // throws: --at must be an instant … (no UTC offset)
 * ```
 */
export function parseInstant(value: unknown, where: string): number {
  const given = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  try {
    return readInstant(typeof given === 'string' ? given.trim() : given, where);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(error.message);
    throw error;
  }
}
