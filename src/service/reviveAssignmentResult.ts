import type { AssignmentRecord, AssignmentResult } from '../core/types.js';

/**
 * An `AssignmentResult` as JSON data, for the idempotency store: instants
 * become ISO strings and the lazily computed trace is computed now, so any
 * store can keep it as JSON and `reviveAssignmentResult` can bring it back.
 *
 * @internal
 * @param result - the result of the first call
 * @returns plain JSON data
 * @example
 * ```ts
 * builder.remember(key, storableAssignmentResult(result));
 * ```
 */
export function storableAssignmentResult(result: AssignmentResult): unknown {
  return JSON.parse(JSON.stringify(result));
}

/**
 * Brings back a result stored by `storableAssignmentResult`: its instants
 * (`at`, `retryAt`, the record's times and history, transitions, effects, the
 * trace's `opensAt`) become `Date`s again. Accepts `Date`s too, for stores that
 * revive them themselves.
 *
 * @internal
 * @param stored - what the store returned for the idempotency key (the caller's own copy)
 * @returns the result as the first call returned it
 * @example
 * ```ts
 * const first = reviveAssignmentResult(await tx.idempotentResult(key));
 * first.at instanceof Date; // true
 * ```
 */
export function reviveAssignmentResult(stored: unknown): AssignmentResult {
  const result = stored as AssignmentResult;
  result.at = toDate(result.at);
  result.retryAt = result.retryAt === null ? null : toDate(result.retryAt);
  if (result.record !== null) reviveRecord(result.record);
  for (const transition of result.transitions) transition.at = toDate(transition.at);
  for (const effect of result.effects) if ('at' in effect) effect.at = toDate(effect.at);
  for (const entry of result.trace) if (entry.opensAt !== undefined && entry.opensAt !== null) entry.opensAt = toDate(entry.opensAt);
  // Results stored before fieldFindings existed have none.
  result.fieldFindings ??= [];
  return result;
}

function reviveRecord(record: AssignmentRecord): void {
  record.createdAt = toDate(record.createdAt);
  record.updatedAt = toDate(record.updatedAt);
  record.expiresAt = record.expiresAt === null ? null : toDate(record.expiresAt);
  for (const entry of record.history) entry.at = toDate(entry.at);
}

function toDate(value: Date | string): Date {
  return new Date(value);
}
