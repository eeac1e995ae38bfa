import type { SqlStatement } from './sqlSession.js';
import { sqlLiteral } from './sqlLiteral.js';

/**
 * A statement with its parameters written in as literals, for the simple
 * query protocol, which runs several statements in one round trip but takes
 * no parameters: strings become dollar-quoted literals (`sqlLiteral`), finite
 * numbers and booleans their text, null `NULL`. The store's statements cast
 * every parameter where its type matters (`$1::jsonb`), so a literal means
 * what the parameter meant. Other values (arrays, dates) are not written in.
 *
 * @internal
 * @param statement - one of the store's statements (its text holds no `$` but its parameters)
 * @param values - its parameters
 * @returns the statement's text with the values in it, or null when a value cannot be written as a literal
 * @example
 * ```ts
 * inlineStatement({ label: 'subject', text: 'SELECT * FROM s WHERE id = $1' }, ['c-1']);
 * // 'SELECT * FROM s WHERE id = $da0$c-1$da0$'
 * ```
 */
export function inlineStatement(statement: SqlStatement, values: readonly unknown[]): string | null {
  const literals: string[] = [];
  for (const value of values) {
    if (value === null || value === undefined) literals.push('NULL');
    else if (typeof value === 'string') literals.push(sqlLiteral(value));
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') literals.push(String(value));
    else return null;
  }
  return statement.text.replace(/\$(\d+)/g, (parameter, position: string) => literals[Number(position) - 1] ?? parameter);
}
