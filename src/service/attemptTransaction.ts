import { AssignmentError, CommitUnknownError, StoreError } from '../core/errors.js';
import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { ChangeSet } from '../ports.js';
import { commitOutcome } from './commitOutcome.js';
import { guardTransaction } from './guardTransaction.js';
import { newTransactionCall } from './newTransactionCall.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';

/** An attempt whose `COMMIT` went unanswered: what it sent, and what it would return. @internal */
export interface UnresolvedCommit<T> {
  changes: ChangeSet;
  value: T;
  /** The store's `CommitUnknownError`. */
  error: CommitUnknownError;
}

/** How an attempt ended, when it did not throw. @internal */
export type AttemptOutcome<T> = { settled: 'committed'; value: T } | ({ settled: 'unknown' } & UnresolvedCommit<T>);

/** An earlier attempt whose outcome is unknown, checked first by every later try until one commits. @internal */
export interface PendingCommit<T> {
  unresolved: UnresolvedCommit<T> | null;
}

/**
 * One try of one transaction. With `pending.unresolved`, it first reads
 * whether that earlier attempt committed (`commitOutcome`): committed — its
 * value is the result and nothing more is done; absent — `work` runs in the
 * same transaction, as a fresh attempt. `pending.unresolved` stays set: an
 * attempt that created its subject, or wrote only an idempotency key, may
 * still be committing when it reads as absent (there is no lock to wait on),
 * so when this try fails too, the next one checks again rather than report a
 * failure that might not be one. (A fresh try that commits waits for it: its
 * own writes meet the earlier attempt's rows.)
 * When the store throws `CommitUnknownError` at the end, the outcome is
 * `unknown`, with the change set the attempt sent (none: an empty one, which
 * reads as absent, so the attempt runs again) and the value it would return.
 * An error of `work` passes unchanged, anything else from the
 * store as `StoreError`.
 *
 * @internal
 * @param context - the service's store, clock and ids
 * @param ruleSet - the compiled rule set of this call
 * @param work - reads through `call.tx`, decides, and commits
 * @param pending - an earlier unresolved attempt of the same call, if any
 * @param now - the clock reading to use (null: read the clock now)
 * @returns committed with the value, or unknown
 * @throws CommitUnknownError when the earlier attempt's writes are only partly there
 * @example
 * ```ts
 * const outcome = await attemptTransaction(context, ruleSet, work, { unresolved: null });
 * if (outcome.settled === 'committed') return outcome.value;
 * ```
 */
export async function attemptTransaction<T>(
  context: ServiceContext,
  ruleSet: CompiledRuleSet,
  work: (call: TransactionCall) => Promise<T>,
  pending: PendingCommit<T>,
  now: Date | null = null,
): Promise<AttemptOutcome<T>> {
  let workFailure: { error: unknown } | null = null;
  let verified: { value: T } | null = null;
  let done: { value: T } | null = null;
  let committing: ChangeSet | null = null;
  try {
    const value = await context.store.transaction(async (raw) => {
      const tx = guardTransaction(raw);
      const earlier = pending.unresolved;
      if (earlier !== null) {
        const outcome = await commitOutcome(tx, earlier.changes);
        if (outcome === 'committed') {
          verified = { value: earlier.value };
          return earlier.value;
        }
        if (outcome === 'mixed') {
          throw new CommitUnknownError('Only part of an earlier attempt is in the store; its outcome cannot be told', { cause: earlier.error });
        }
      }
      try {
        const call: TransactionCall = newTransactionCall(
          context,
          ruleSet,
          {
            ...tx,
            commit: (changes) => {
              committing = changes;
              return tx.commit(changes);
            },
          },
          now,
        );
        const value = await work(call);
        done = { value };
        return value;
      } catch (error) {
        workFailure = { error };
        throw error;
      }
    });
    const written = verified === null ? (committing as ChangeSet | null) : pending.unresolved!.changes;
    if (written !== null) context.observeCommit(written);
    return { settled: 'committed', value };
  } catch (error) {
    const found = verified as { value: T } | null;
    // The earlier attempt is known to have committed; how this read-only transaction ended does not matter.
    if (found !== null) {
      context.observeCommit(pending.unresolved!.changes);
      return { settled: 'committed', value: found.value };
    }
    const finished = done as { value: T } | null;
    if (error instanceof CommitUnknownError && finished !== null && (workFailure === null || (workFailure as { error: unknown }).error !== error)) {
      // Without a change set, whatever it wrote (an agent disabled, fields replaced) is the same when written again.
      const sent = (committing as ChangeSet | null) ?? NO_CHANGES;
      return { settled: 'unknown', changes: sent, value: finished.value, error };
    }
    if (error instanceof AssignmentError || (workFailure !== null && (workFailure as { error: unknown }).error === error)) throw error;
    throw new StoreError(`Store transaction failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The change set of an attempt that did not call `commit`. */
const NO_CHANGES: ChangeSet = { records: [], subjects: [], ruleState: [], counters: [], outbox: [], idempotency: [] };

