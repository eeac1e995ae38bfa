import { AssignmentError } from '../core/errors.js';
import type { SubjectKind } from '../core/ruleset/types.js';
import type { WaitingEntry } from '../core/types.js';

/** A position in the waiting queue's order: the last entry of a page. */
export type WaitingPosition = Pick<WaitingEntry, 'priority' | 'since' | 'subject'>;

/**
 * Encodes a position in the waiting queue's order (`compareWaiting`) as an
 * opaque cursor; both stores use it, so their cursors mean the same.
 *
 * @internal
 * @param entry - the last entry of a page
 * @returns a URL-safe string
 * @example
 * ```ts
 * decodeWaitingCursor(encodeWaitingCursor(entry)).subject; // entry.subject
 * ```
 */
export function encodeWaitingCursor(entry: WaitingPosition): string {
  const values = [entry.priority, entry.since.getTime(), entry.subject.id, entry.subject.kind];
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by `encodeWaitingCursor`.
 *
 * @internal
 * @param cursor - the cursor as the caller sent it back
 * @returns the position it marks
 * @throws AssignmentError `invalid_input` when it is not such a cursor
 * @example
 * ```ts
 * decodeWaitingCursor('bogus'); // throws AssignmentError invalid_input
 * ```
 */
export function decodeWaitingCursor(cursor: string): WaitingPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  const valid =
    Array.isArray(value) &&
    value.length === 4 &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    typeof value[2] === 'string' &&
    (value[3] === 'customer' || value[3] === 'contact');
  if (!valid) throw new AssignmentError('invalid_input', 'cursor is not a cursor returned by a previous waiting page');
  const [priority, sinceMs, id, kind] = value as [number, number, string, SubjectKind];
  return { priority, since: new Date(sinceMs), subject: { id, kind } };
}
