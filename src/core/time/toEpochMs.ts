import { AssignmentError } from '../errors.js';
import type { Instant } from '../types.js';

/**
 * Reads an instant given as a `Date`, an ISO-8601 string or epoch milliseconds.
 *
 * @param instant - the instant
 * @param what - what the instant is, for the error message (e.g. `'now'`)
 * @returns epoch milliseconds
 * @throws AssignmentError `invalid_input` when the instant is not a valid time
 * @example
 * ```ts
 * toEpochMs('2026-10-01T09:00:00+08:00', 'now'); // 1790816400000
 * ```
 */
export function toEpochMs(instant: Instant, what = 'instant'): number {
  let ms: number;
  if (typeof instant === 'number') ms = instant;
  else if (typeof instant === 'string') ms = Date.parse(instant);
  else if (instant instanceof Date) ms = instant.getTime();
  else ms = Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new AssignmentError('invalid_input', `${what} is not a valid instant: ${describe(instant)}`);
  }
  return ms;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return 'Invalid Date';
  return value === null ? 'null' : typeof value;
}
