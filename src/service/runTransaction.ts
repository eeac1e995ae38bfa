import { setTimeout as sleep } from 'node:timers/promises';
import { AssignmentError, ConcurrencyError, InputError, StoreError } from '../core/errors.js';
import { readId } from '../core/input/readId.js';
import { readInstant } from '../core/input/readInstant.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { Clock } from '../ports.js';
import { guardTransaction } from './guardTransaction.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';

/**
 * Runs `work` in one store transaction and retries the whole transaction when
 * it conflicts with a concurrent one (`ConcurrencyError`): up to
 * `retry.attempts` tries, waiting a random time up to `baseMs · 2^(try − 1)`
 * (at most `maxMs`) between them, so that competing callers spread out. Each
 * try reads the clock again and starts from fresh reads; nothing of a failed
 * try is kept. Other errors end it at once: an error thrown by `work` (a
 * refusal, a failing id generator) unchanged, a store failure as `StoreError`.
 *
 * @internal
 * @param context - the service's store, clock, ids and retry options
 * @param ruleSet - the compiled rule set of this call
 * @param work - reads through `call.tx`, decides, and commits
 * @returns what `work` returned in the try that committed
 * @throws ConcurrencyError when every try conflicted
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
): Promise<T> {
  const { attempts, baseMs, maxMs } = context.retry;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTransaction(context, ruleSet, work);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= attempts) {
        throw new ConcurrencyError(`Gave up after ${attempts} conflicting attempt(s): ${error.message}`, { cause: error });
      }
      // Full jitter: concurrent losers of the same conflict do not retry in lockstep.
      await sleep(Math.random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1)));
    }
  }
}

async function attemptTransaction<T>(
  context: ServiceContext,
  ruleSet: CompiledRuleSet,
  work: (call: TransactionCall) => Promise<T>,
): Promise<T> {
  let workFailure: { error: unknown } | null = null;
  try {
    return await context.store.transaction(async (tx) => {
      try {
        const call: TransactionCall = { tx: guardTransaction(tx), ruleSet, now: readClock(context.clock), nextId: () => nextId(context.ids) };
        return await work(call);
      } catch (error) {
        workFailure = { error };
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof AssignmentError || (workFailure !== null && (workFailure as { error: unknown }).error === error)) throw error;
    throw new StoreError(`Store transaction failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function readClock(clock: Clock): Date {
  const now = clock.now();
  if (!(now instanceof Date)) throw new InputError('clock.now()', 'a valid Date', describeValue(now));
  return new Date(readInstant(now, 'clock.now()'));
}

function nextId(ids: () => string): string {
  return readId(ids(), 'ids()');
}
