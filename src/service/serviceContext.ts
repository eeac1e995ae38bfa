import type { InputLimits } from '../core/input/inputLimits.js';
import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { AssignmentStore, ChangeSet, Clock, Notifier, StoreTransaction } from '../ports.js';
import type { DispatchOptions, NotificationFailure, RetryOptions } from './types.js';

/** What every operation of the service works with: the options, checked and defaulted. @internal */
export interface ServiceContext {
  store: AssignmentStore;
  notifier: Notifier | null;
  /** Told of each failed delivery; null when not given. */
  onNotificationError: ((failure: NotificationFailure) => void | Promise<void>) | null;
  clock: Clock;
  ids: () => string;
  retry: RetryOptions;
  dispatch: DispatchOptions;
  /** The most `autoAssign` calls one transaction holds (1: each call in its own). */
  groupCommitMaxCalls: number;
  /** Bounds on caller data (`fields` depth and size). */
  limits: InputLimits;
  /** The rule set for this call, compiled (cached by identity). */
  loadRuleSet: () => Promise<CompiledRuleSet>;
  /** Told of every change set a transaction of the service committed (the waiting queue's drainer watches them). */
  observeCommit: (changes: ChangeSet) => void;
}

/** One attempt of one transaction: the store transaction, the rule set, the instant and an id source. @internal */
export interface TransactionCall {
  tx: StoreTransaction;
  ruleSet: CompiledRuleSet;
  /** The clock read once for the attempt: every record, effect and counter of it uses this instant. */
  now: Date;
  /** A new id from the caller's generator. */
  nextId(): string;
  /** Whether results given again with a record read their trace from the record's kept decision (`tx.keptTrace`), so results are stored without it. */
  tracesByRecord: boolean;
}
