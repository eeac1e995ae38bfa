import { InputError } from '../core/errors.js';
import { readId } from '../core/input/readId.js';
import { readInstant } from '../core/input/readInstant.js';
import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import type { StoreTransaction } from '../ports.js';
import type { ServiceContext, TransactionCall } from './serviceContext.js';

/**
 * A transaction attempt's call: its store transaction, rule set, one clock
 * reading (checked: a valid `Date`), the id generator (each id checked
 * as well-formed text), and whether results are stored with their traces.
 *
 * @internal
 * @param context - the service's clock and ids
 * @param ruleSet - the rule set of the call
 * @param tx - the store transaction
 * @param now - a clock reading made already (null: read the clock now)
 * @param tracesByRecord - whether stored results leave their trace to the record's kept decision (default: when `tx.keptTrace` exists)
 * @returns the call
 * @throws InputError when the clock gives no valid `Date` (or, from `nextId`, the generator a malformed id)
 * @example
 * ```ts
 * const call = newTransactionCall(context, ruleSet, tx, null);
 * ```
 */
export function newTransactionCall(
  context: Pick<ServiceContext, 'clock' | 'ids'>,
  ruleSet: CompiledRuleSet,
  tx: StoreTransaction,
  now: Date | null,
  tracesByRecord?: boolean,
): TransactionCall {
  return { tx, ruleSet, now: now ?? readClock(context), nextId: () => readId(context.ids(), 'ids()'), tracesByRecord: tracesByRecord ?? tx.keptTrace !== undefined };
}

/**
 * The clock read once, checked.
 *
 * @internal
 * @param context - the service's clock
 * @returns a copy of the reading
 * @throws InputError when the clock gives no valid `Date`
 * @example
 * ```ts
 * const now = readClock(context);
 * ```
 */
export function readClock(context: Pick<ServiceContext, 'clock'>): Date {
  const now = context.clock.now();
  if (!(now instanceof Date)) throw new InputError('clock.now()', 'a valid Date', describeValue(now));
  return new Date(readInstant(now, 'clock.now()'));
}
