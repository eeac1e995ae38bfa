/**
 * Writes a string as an SQL literal that needs no escaping: dollar-quoted,
 * with a tag that does not occur in the string, so nothing in it can end the
 * literal (whatever `standard_conforming_strings` says). Used only to send a
 * call together with `COMMIT` in one round trip, which the simple query
 * protocol allows but without parameters.
 *
 * @internal
 * @param value - the string, or null
 * @returns the literal, or `NULL`
 * @example
 * ```ts
 * sqlLiteral("it's"); // "$da0$it's$da0$"
 * sqlLiteral('$da0$'); // '$da1$$da0$$da1$'
 * sqlLiteral(null); // 'NULL'
 * ```
 */
export function sqlLiteral(value: string | null): string {
  if (value === null) return 'NULL';
  let serial = 0;
  while (value.includes(`$da${serial}$`)) serial++;
  const tag = `$da${serial}$`;
  return `${tag}${value}${tag}`;
}
