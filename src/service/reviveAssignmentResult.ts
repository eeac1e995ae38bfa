import type { AssignmentRecord, AssignmentResult, TraceEntry, TraceExclusion } from '../core/types.js';

/**
 * An `AssignmentResult` as JSON data, for the idempotency store: instants
 * become ISO strings and the lazily computed trace is computed now, so any
 * store can keep it as JSON and `reviveAssignmentResult` can bring it back.
 *
 * When the store keeps each record's decision with its trace
 * (`recordDecision`), a result with a record is stored without its trace,
 * marked `traceKept`: the trace is read from the kept decision when the
 * result is given again (`keptTraceRecord`), not written twice.
 *
 * @internal
 * @param result - the result of the first call
 * @param traceKept - whether the store keeps the record's decision with the trace
 * @returns plain JSON data
 * @example
 * ```ts
 * builder.remember(key, storableAssignmentResult(result, false));
 * ```
 */
export function storableAssignmentResult(result: AssignmentResult, traceKept: boolean): unknown {
  if (!traceKept || result.record === null) return JSON.parse(JSON.stringify(result));
  let top: unknown;
  const plain = JSON.parse(
    JSON.stringify(result, function (this: unknown, key: string, value: unknown) {
      if (key === '') top = value;
      return this === top && key === 'trace' ? [] : value;
    }),
  ) as Record<string, unknown>;
  plain.traceKept = true;
  return plain;
}

/**
 * The record whose kept decision holds the trace of a stored result, or
 * null when the result holds its own trace.
 *
 * @internal
 * @param stored - what the store returned for the idempotency key
 * @returns the record id, or null
 * @example
 * ```ts
 * const recordId = keptTraceRecord(stored); // read before reviveAssignmentResult
 * ```
 */
export function keptTraceRecord(stored: unknown): string | null {
  const { traceKept, record } = stored as { traceKept?: unknown; record?: { id?: unknown } | null };
  return traceKept === true && typeof record?.id === 'string' ? record.id : null;
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
  result.trace = reviveTrace(result.trace);
  // Results stored before fieldFindings existed have none.
  result.fieldFindings ??= [];
  delete (result as { traceKept?: boolean }).traceKept;
  return result;
}

/**
 * Brings back trace entries read as JSON: every instant in them (`opensAt`,
 * an exclusion's `until`, a candidate's `lastAssignedAt`) becomes a `Date`
 * again. Used for results given again and for traces kept with records.
 *
 * @internal
 * @param entries - trace entries as stored
 * @returns revived copies of the entries
 * @example
 * ```ts
 * result.trace = reviveTrace(JSON.parse(kept.trace).entries);
 * ```
 */
export function reviveTrace(entries: readonly TraceEntry[]): TraceEntry[] {
  return entries.map(reviveEntry);
}

function reviveEntry(entry: TraceEntry): TraceEntry {
  const revived: TraceEntry = { ...entry };
  if (typeof entry.opensAt === 'string') revived.opensAt = new Date(entry.opensAt);
  if (entry.excluded !== undefined) revived.excluded = entry.excluded.map(reviveExclusion);
  if (entry.stickyFallback !== undefined) revived.stickyFallback = reviveExclusion(entry.stickyFallback);
  if (entry.candidates !== undefined) {
    revived.candidates = entry.candidates.map((candidate) =>
      typeof candidate.lastAssignedAt === 'string' ? { ...candidate, lastAssignedAt: new Date(candidate.lastAssignedAt) } : candidate,
    );
  }
  return revived;
}

function reviveExclusion(exclusion: TraceExclusion): TraceExclusion {
  return typeof exclusion.until === 'string' ? { ...exclusion, until: new Date(exclusion.until) } : exclusion;
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
