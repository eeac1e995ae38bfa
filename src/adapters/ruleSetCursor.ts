import { AssignmentError } from '../core/errors.js';

/**
 * Encodes a position in the rule-set history (an entry's sequence number,
 * counting from 1 in the order saved) as an opaque cursor; both stores use
 * it, so their cursors mean the same.
 *
 * @internal
 * @param position - the sequence number of the last entry of a page
 * @returns a URL-safe string
 * @example
 * ```ts
 * decodeRuleSetCursor(encodeRuleSetCursor(7)); // 7
 * ```
 */
export function encodeRuleSetCursor(position: number): string {
  return `rs${position}`;
}

/**
 * Reads a cursor made by `encodeRuleSetCursor`.
 *
 * @internal
 * @param cursor - the cursor as the caller sent it back
 * @returns the sequence number it marks
 * @throws AssignmentError `invalid_input` when it is not such a cursor
 * @example
 * ```ts
 * decodeRuleSetCursor('bogus'); // throws AssignmentError invalid_input
 * ```
 */
export function decodeRuleSetCursor(cursor: string): number {
  const match = /^rs([1-9][0-9]{0,14})$/.exec(cursor);
  if (match === null) throw new AssignmentError('invalid_input', 'query.cursor: not a cursor of the rule-set history (pass nextCursor from a previous page)');
  return Number(match[1]);
}
