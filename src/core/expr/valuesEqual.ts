import { toDataValue } from './toDataValue.js';

const hasOwn = Object.hasOwn;
/** Arrays nested deeper than this never compare equal (bounds recursion on cyclic data). */
const MAX_ARRAY_DEPTH = 32;

/**
 * Strict equality of expression values: `===` without coercion, and arrays
 * equal when they have the same length and pairwise equal elements. Objects
 * other than arrays are equal only to themselves.
 *
 * @param left - a value as expressions see it
 * @param right - a value as expressions see it
 * @returns whether the values are equal
 * @example
 * ```ts
 * valuesEqual(3, '3'); // false
 * valuesEqual(['a', 'b'], ['a', 'b']); // true
 * ```
 */
export function valuesEqual(left: unknown, right: unknown): boolean {
  return left === right || arraysEqual(left, right, 0);
}

function arraysEqual(left: unknown, right: unknown, depth: number): boolean {
  if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length || depth >= MAX_ARRAY_DEPTH) {
    return false;
  }
  for (let i = 0; i < left.length; i++) {
    const a = hasOwn(left, i) ? toDataValue(left[i]) : null;
    const b = hasOwn(right, i) ? toDataValue(right[i]) : null;
    if (a !== b && !arraysEqual(a, b, depth + 1)) return false;
  }
  return true;
}
