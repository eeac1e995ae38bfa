import { InputError } from '../../core/errors.js';
import { describeValue } from '../../core/ruleset/describeValue.js';

/**
 * Reads a bulk operation's bound (`limit`, `maxMoves`): an integer ≥ 1, or
 * absent for no bound.
 *
 * @internal
 * @param value - the value given
 * @param path - where it sits, e.g. `'input.limit'`
 * @returns the bound (Infinity when absent)
 * @throws InputError naming the path
 * @example
 * ```ts
 * readGovernanceCount(undefined, 'input.limit'); // Infinity
 * readGovernanceCount(20, 'input.limit'); // 20
 * ```
 */
export function readGovernanceCount(value: unknown, path: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new InputError(path, 'an integer ≥ 1', describeValue(value));
  return value;
}
