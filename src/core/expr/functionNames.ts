/**
 * The functions an expression may call, by name: `lower(name)`. Anything
 * else in call position is the issue `unknown_function`, so an expression can
 * never reach a function that lives in the data or in the host.
 *
 * @example
 * ```ts
 * FUNCTION_NAMES.has('daysSince'); // true
 * FUNCTION_NAMES.has('eval'); // false
 * ```
 */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'contains',
  'startsWith',
  'endsWith',
  'lower',
  'upper',
  'len',
  'exists',
  'daysSince',
]);

/**
 * The methods an expression may call on a string or array value:
 * `name.startsWith('A')`. They are implemented by the library, never looked
 * up on the value.
 *
 * @example
 * ```ts
 * METHOD_NAMES.has('includes'); // true
 * METHOD_NAMES.has('toString'); // false
 * ```
 */
export const METHOD_NAMES: ReadonlySet<string> = new Set(['includes', 'startsWith', 'endsWith']);
