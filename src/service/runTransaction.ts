import { setTimeout as sleep } from 'node:timers/promises';
import { CommitUnknownError, ConcurrencyError, StoreError } from '../core/errors.js';
import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import { attemptTransaction, type PendingCommit, type UnresolvedCommit } from './attemptTransaction.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';

/**
 * Runs `work` in one store transaction and retries the whole transaction when
 * it conflicts with a concurrent one (`ConcurrencyError`): up to
 * `retry.attempts` tries, waiting a random time up to `baseMs · 2^(try − 1)`
 * (at most `maxMs`) between them, so that competing callers spread out. Each
 * try reads the clock again and starts from fresh reads; nothing of a failed
 * try is kept. Other errors end it at once: an error thrown by `work` (a
 * refusal, a failing id generator) unchanged, a store failure as `StoreError`
 * (nothing was committed).
 *
 * When the store cannot tell whether a try committed (`CommitUnknownError`:
 * the connection was lost after `COMMIT` was sent), every later try first
 * reads whether it did (`commitOutcome`) and returns its result when it did,
 * or goes on as a fresh try when it did not; until a try commits, store
 * failures are retried like conflicts, since the lost try may yet turn out
 * to have committed. When the tries run out before it can
 * tell, the caller gets `CommitUnknownError` — never an error saying the call
 * failed. `resume` starts with such a try already pending (a group commit's
 * unanswered `COMMIT`, this call's part of it).
 *
 * @internal
 * @param context - the service's store, clock, ids and retry options
 * @param ruleSet - the compiled rule set of this call
 * @param work - reads through `call.tx`, decides, and commits
 * @param resume - an earlier try of this call whose outcome is unknown
 * @param firstNow - the clock reading of the first attempt, when the caller read it already (calls decided ahead of their transaction); later attempts read the clock
 * @returns what `work` returned in the try that committed
 * @throws ConcurrencyError when every try conflicted; CommitUnknownError when a try's outcome stayed unknown
 * @example
 * ```ts
 * const record = await runTransaction(context, ruleSet, async (call) => {
 *   const subject = await call.tx.lockSubject(ref);
 *   // … decide, then call.tx.commit(changes)
 * });
 * ```
 */
export async function runTransaction<T>(
  context: ServiceContext,
  ruleSet: CompiledRuleSet,
  work: (call: TransactionCall) => Promise<T>,
  resume: UnresolvedCommit<T> | null = null,
  firstNow: Date | null = null,
): Promise<T> {
  const { attempts, baseMs, maxMs } = context.retry;
  const pending: PendingCommit<T> = { unresolved: resume };
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await attemptTransaction(context, ruleSet, work, pending, attempt === 1 ? firstNow : null);
      if (outcome.settled === 'committed') return outcome.value;
      pending.unresolved = outcome;
    } catch (error) {
      const unresolved = pending.unresolved;
      if (unresolved !== null) {
        // The lost try may have committed: a store failure now does not mean the call failed. Found only in part: no try can tell.
        if (error instanceof CommitUnknownError && error.cause === unresolved.error) throw error;
        if (!(error instanceof ConcurrencyError) && !(error instanceof StoreError)) throw error;
      } else if (!(error instanceof ConcurrencyError)) {
        throw error;
      } else if (attempt >= attempts) {
        throw new ConcurrencyError(`Gave up after ${attempts} conflicting attempt(s): ${error.message}`, { cause: error });
      }
    }
    const unresolved = pending.unresolved;
    if (unresolved !== null && attempt >= attempts) {
      throw new CommitUnknownError(
        `The call may have committed: the store lost the answer to COMMIT and ${attempts} attempt(s) could not tell; call again with the same idempotency key`,
        { cause: unresolved.error },
      );
    }
    // Full jitter: concurrent losers of the same conflict do not retry in lockstep.
    await sleep(Math.random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
  }
}
