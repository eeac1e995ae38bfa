/** Strings longer than this are cut in messages, so a pasted document cannot flood a report. */
const MAX_QUOTED = 40;

/**
 * Describes a value for a validation message: its JSON kind and, for scalars,
 * the value itself. Reads no data properties of the value, so junk of any
 * shape (getters, null prototypes) is described safely.
 *
 * @param value - whatever was found in the input
 * @returns a short phrase such as `the string "yes"`, `an array` or `nothing`
 * @example
 * ```ts
 * describeValue('yes'); // 'the string "yes"'
 * describeValue([1]); // 'an array'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `the string ${quote(value)}`;
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'bigint':
      return `the bigint ${String(value)}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (Array.isArray(value)) return 'an array';
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'an object';
  // `[object Date]` → `a Date object`.
  return `a ${Object.prototype.toString.call(value).slice(8, -1)} object`;
}

/**
 * Quotes a string for a message, shortened when long.
 *
 * @param text - the string to quote
 * @returns the JSON-quoted string, cut to about 40 characters
 * @example
 * ```ts
 * quote('shedule'); // '"shedule"'
 * ```
 */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED) return JSON.stringify(text);
  let end = MAX_QUOTED - 1;
  // Never cut between the two halves of a surrogate pair (emoji, rare CJK).
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const shown = `${text.slice(0, end)}…`;
  return JSON.stringify(shown);
}
