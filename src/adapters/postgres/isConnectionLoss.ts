import { AssignmentError } from '../../core/errors.js';

/** SQLSTATEs of a connection the server ended: class 08 (connection exception) and operator intervention. */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/**
 * Whether a failed statement failed because the connection was lost rather
 * than because the server refused it. A refusal carries the server's
 * SQLSTATE (the server answered: the statement, and the transaction, did not
 * happen); a lost connection carries none (the socket closed or reset, e.g.
 * `ECONNRESET` or "Connection terminated unexpectedly"), or a FATAL one that
 * ends the session (class 08, 57P01–57P03), which may arrive before or after
 * the statement took effect.
 *
 * @internal
 * @param error - what the client threw, or the library's error with it as `cause`
 * @returns true when the connection was lost
 * @example
 * ```ts
 * isConnectionLoss(Object.assign(new Error('terminating connection'), { code: '57P01' })); // true
 * isConnectionLoss(Object.assign(new Error('duplicate key'), { code: '23505' })); // false
 * ```
 */
export function isConnectionLoss(error: unknown): boolean {
  // The library's errors wrap the driver's: look through them to the original.
  let current: unknown = error;
  while (current instanceof AssignmentError && current.cause !== undefined) current = current.cause;
  const code = typeof current === 'object' && current !== null && Object.hasOwn(current, 'code') ? (current as { code: unknown }).code : undefined;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || CONNECTION_SQLSTATES.has(code);
}
