/**
 * Names that reach an object's prototype machinery in JavaScript. They are
 * banned as identifiers, property names, field names, rule ids and agent ids
 * by exact match — not by a pattern — so nothing that merely contains them
 * (`constructorId`) is rejected and nothing that spells them is let through.
 *
 * @example
 * ```ts
 * FORBIDDEN_NAMES.has('__proto__'); // true
 * FORBIDDEN_NAMES.has('constructorId'); // false
 * ```
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
