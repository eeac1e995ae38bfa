import { AssignmentError } from '../../core/errors.js';

/** A position in the records' query order: the last record of a page. */
export interface RecordPosition {
  createdAt: Date;
  id: string;
}

/**
 * Encodes a position in the records' order (newest first by `createdAt`,
 * then `id`) as an opaque, URL-safe cursor.
 *
 * @internal
 * @param position - the last record of a page
 * @returns the cursor
 * @example
 * ```ts
 * decodeRecordCursor(encodeRecordCursor({ createdAt: new Date(0), id: 'r-1' })); // the same position
 * ```
 */
export function encodeRecordCursor(position: RecordPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.getTime(), position.id]), 'utf8').toString('base64url');
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
export function decodeRecordCursor(cursor: string): RecordPosition {
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    // Not JSON: refused below like any other foreign cursor.
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== 'string') {
    throw new AssignmentError('invalid_input', 'cursor is not a cursor returned by a previous records page');
  }
  const createdAt = new Date(value[0] as number);
  if (Number.isNaN(createdAt.getTime())) {
    throw new AssignmentError('invalid_input', 'cursor is not a cursor returned by a previous records page');
  }
  return { createdAt, id: value[1] as string };
}
