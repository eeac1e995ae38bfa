import { AssignmentError, ConcurrencyError, StoreError } from '../../core/errors.js';

/** SQLSTATE the store's own functions raise for a lost race (a version that moved on). */
export const CONFLICT_SQLSTATE = 'DAC01';
/** SQLSTATE the store's own functions raise for a change the store refuses outright. */
export const REFUSAL_SQLSTATE = 'DAS01';

/** Retryable: unique_violation, serialization_failure, deadlock_detected, and the store's own conflict. */
const CONFLICT_CODES = new Set(['23505', '40001', '40P01', CONFLICT_SQLSTATE]);

/** What a broken unique index means in the store's terms. */
const CONSTRAINT_MEANINGS: Record<string, string> = {
  records_pkey: 'a record with this id already exists',
  records_one_effective: 'a subject would have two effective records; another call changed it meanwhile',
  records_one_pending: 'a subject would have two pending records; another call changed it meanwhile',
  outbox_pkey: 'a notification with this id is already in the outbox',
  idempotency_pkey: 'this idempotency key was already used',
};

/**
 * Turns whatever a database call threw into the library's errors: retryable
 * conflicts (SQLSTATE 23505 unique violation, 40001 serialization failure,
 * 40P01 deadlock, and the store's own version check) become
 * `ConcurrencyError`, so the service retries the transaction; everything else
 * becomes `StoreError`. The original is always the `cause`, never dropped. An
 * `AssignmentError` passes unchanged.
 *
 * @internal
 * @param error - what the client threw
 * @param operation - what the store was doing, for the message (e.g. `'commit'`)
 * @returns the error to throw
 * @example
 * ```ts
 * try { await client.query(sql); }
 * catch (e) { throw databaseError(e, 'lockSubject'); }
 * ```
 */
export function databaseError(error: unknown, operation: string): AssignmentError {
  if (error instanceof AssignmentError) return error;
  const code = readProperty(error, 'code');
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && CONFLICT_CODES.has(code)) {
    const constraint = readProperty(error, 'constraint');
    const meaning = (constraint !== undefined && CONSTRAINT_MEANINGS[constraint]) || message;
    return new ConcurrencyError(`PostgreSQL store ${operation}: ${meaning}`, { cause: error });
  }
  if (code === REFUSAL_SQLSTATE) return new StoreError(`PostgreSQL store ${operation}: ${message}`, { cause: error });
  const detail = code === undefined ? message : `${message} (SQLSTATE ${code})`;
  return new StoreError(`PostgreSQL store ${operation} failed: ${detail}`, { cause: error });
}

function readProperty(error: unknown, name: 'code' | 'constraint'): string | undefined {
  if (typeof error !== 'object' || error === null || !Object.hasOwn(error, name)) return undefined;
  const value = (error as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
