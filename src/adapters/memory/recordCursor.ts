import { AssignmentError } from '../../core/errors.js';
import type { TimelineKey } from './recordTimeline.js';

/**
 * Encodes a position in the records' query order as an opaque cursor.
 *
 * @internal
 * @param key - the last record of a page
 * @returns a URL-safe string
 * @example
 * ```ts
 * decodeRecordCursor(encodeRecordCursor({ ms: 1, id: 'r-1' })); // { ms: 1, id: 'r-1' }
 * ```
 */
export function encodeRecordCursor(key: TimelineKey): string {
  return Buffer.from(JSON.stringify([key.ms, key.id]), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by `encodeRecordCursor`.
 *
 * @internal
 * @param cursor - the cursor as the caller sent it back
 * @returns the position it marks
 * @throws AssignmentError `invalid_input` when it is not such a cursor
 * @example
 * ```ts
 * decodeRecordCursor('bogus'); // throws AssignmentError invalid_input
 * ```
 */
export function decodeRecordCursor(cursor: string): TimelineKey {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isFinite(value[0]) || typeof value[1] !== 'string') {
    throw new AssignmentError('invalid_input', 'cursor is not a cursor returned by a previous records page');
  }
  return { ms: value[0] as number, id: value[1] };
}
