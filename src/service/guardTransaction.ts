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
  for (const [name, need] of Object.entries(TRANSACTION_METHODS) as [keyof StoreTransaction, 'required' | 'optional'][]) {
    const method = tx[name] as ((...args: unknown[]) => unknown) | undefined;
    // An optional method the store lacks stays absent, so the service can tell.
    if (method === undefined && need === 'optional') continue;
    guarded[name] = async (...args: unknown[]) => callStore(`tx.${name}`, () => method!.apply(tx, args));
  }
  return guarded as unknown as StoreTransaction;
}

/** Every method of the port, so a method added to `StoreTransaction` and not listed here fails to compile. */
const TRANSACTION_METHODS: Record<keyof StoreTransaction, 'required' | 'optional'> = {
  lockSubject: 'required',
  lockSubjects: 'optional',
  lockAssignment: 'required',
  agentSnapshots: 'required',
  agents: 'required',
  updateAgent: 'required',
  record: 'required',
  subjectRecords: 'required',
  agentRecords: 'required',
  dueRecords: 'required',
  idempotentResult: 'required',
  idempotentResults: 'optional',
  keptTrace: 'optional',
  waitingEntries: 'required',
  commit: 'required',
};
