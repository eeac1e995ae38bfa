import { InputError } from '../errors.js';
import { describeValue } from '../ruleset/describeValue.js';
import { INPUT_LIMITS, type InputLimits } from './inputLimits.js';
import { readOptions } from './readOptions.js';

/** The limits a caller may change: how deep and how large a subject's `fields` may be. */
export type FieldLimits = Partial<Pick<InputLimits, 'fieldsDepth' | 'fieldsSize'>>;

// Upper bounds of the settings themselves: readers recurse once per level, and stores index what they keep.
const MAX_DEPTH = 1_000;
const MAX_SIZE = 16 * 1024 * 1024;

/**
 * Reads the `limits` option of the service and the stores: `fieldsDepth`
 * (1–1,000, default 32) and `fieldsSize` (1 to 16 MiB of JSON text, default
 * 65,536). Give the service and its store the same limits.
 *
 * @param value - the option as given, or undefined for the defaults
 * @param path - where it is, for the error (e.g. `'options.limits'`)
 * @returns the limits in force
 * @throws InputError (`invalid_input`) for an unknown key or a value out of range
 * @example
 * ```ts
 * readInputLimits({ fieldsSize: 262_144 }, 'options.limits').fieldsSize; // 262144
 * ```
 */
export function readInputLimits(value: unknown, path: string): InputLimits {
  const given = readOptions(value, path, ['fieldsDepth', 'fieldsSize']);
  return {
    ...INPUT_LIMITS,
    fieldsDepth: bounded(given.fieldsDepth, `${path}.fieldsDepth`, INPUT_LIMITS.fieldsDepth, MAX_DEPTH),
    fieldsSize: bounded(given.fieldsSize, `${path}.fieldsSize`, INPUT_LIMITS.fieldsSize, MAX_SIZE),
  };
}

function bounded(value: unknown, path: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError(path, `an integer from 1 to ${max}`, describeValue(value));
  }
  return value;
}
