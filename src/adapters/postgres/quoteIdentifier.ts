import { AssignmentError } from '../../core/errors.js';

/** PostgreSQL truncates longer identifiers (NAMEDATALEN − 1 bytes), which would silently merge schemas. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * Quotes a name for use as an SQL identifier: wrapped in double quotes, inner
 * double quotes doubled, so any name (mixed case, spaces, quotes) is one
 * identifier and never SQL. Names PostgreSQL would truncate or cannot store
 * are refused.
 *
 * @internal
 * @param name - a schema name as the caller gave it
 * @returns the quoted identifier
 * @throws AssignmentError `invalid_input` for an empty name, one with a NUL or one longer than 63 bytes
 * @example
 * ```ts
 * quoteIdentifier('dedicated_agent'); // '"dedicated_agent"'
 * quoteIdentifier('my "crm"'); // '"my ""crm"""'
 * ```
 */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string' || name === '' || name.includes('\u0000') || new TextEncoder().encode(name).length > MAX_IDENTIFIER_BYTES) {
    throw new AssignmentError('invalid_input', `schema must be a non-empty name of at most ${MAX_IDENTIFIER_BYTES} bytes without NUL`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}
