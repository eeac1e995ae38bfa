import type { StoreTransaction } from '../ports.js';
import { callStore } from './callStore.js';

/**
 * Wraps a store transaction so that every failure of its methods surfaces as a
 * typed error: an `AssignmentError` (e.g. `ConcurrencyError`) passes unchanged,
 * anything else becomes a `StoreError` carrying the original as `cause`. Never
 * swallows: a store that throws raw driver errors still cannot hide them.
 *
 * @internal
 * @param tx - the store's transaction
 * @returns the same methods, always async, failures typed
 * @example
 * ```ts
 * await store.transaction((tx) => work(guardTransaction(tx)));
 * ```
 */
export function guardTransaction(tx: StoreTransaction): StoreTransaction {
  const guarded = {} as Record<string, unknown>;
  for (const name of TRANSACTION_METHODS) {
    const method = tx[name] as ((...args: unknown[]) => unknown) | undefined;
    // An optional method the store lacks stays absent, so the service can tell.
    if (method === undefined && OPTIONAL_METHODS.has(name)) continue;
    guarded[name] = async (...args: unknown[]) => callStore(`tx.${name}`, () => method!.apply(tx, args));
  }
  return guarded as unknown as StoreTransaction;
}

const TRANSACTION_METHODS = [
  'lockSubject',
  'lockSubjects',
  'lockAssignment',
  'agentSnapshots',
  'agents',
  'updateAgent',
  'record',
  'subjectRecords',
  'agentRecords',
  'dueRecords',
  'idempotentResult',
  'commit',
] as const satisfies readonly (keyof StoreTransaction)[];

const OPTIONAL_METHODS: ReadonlySet<string> = new Set(['lockSubjects'] satisfies (keyof StoreTransaction)[]);
