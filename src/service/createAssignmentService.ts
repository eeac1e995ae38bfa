import { resolveRuleSet } from '../core/ruleset/compileRuleSet.js';
import { applyForAgent } from './applyForAgent.js';
import { assignManually } from './assignManually.js';
import { autoAssign } from './autoAssign.js';
import { autoAssignMany } from './bulk/autoAssignMany.js';
import { callStore } from './callStore.js';
import { dispatchNotifications } from './dispatchNotifications.js';
import { expireOverdueRecords } from './expireOverdueRecords.js';
import { GroupCommitQueue } from './groupCommitQueue.js';
import { InputError } from '../core/errors.js';
import { readInputLimits } from '../core/input/readInputLimits.js';
import { readOptions } from '../core/input/readOptions.js';
import { readRecordQuery } from '../core/input/readRecordQuery.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import { readSubjectRef } from '../core/input/readSubjectRef.js';
import { rebalanceRule } from './governance/rebalanceRule.js';
import { transferPortfolio } from './governance/transferPortfolio.js';
import { releaseAgent } from './releaseAgent.js';
import { assignWaiting } from './queue/assignWaiting.js';
import { QueueDrainer } from './queue/queueDrainer.js';
import { unqueueSubject } from './queue/unqueueSubject.js';
import { upsertAgentsAndDrain } from './queue/upsertAgentsAndDrain.js';
import { waitingPageOf } from './queue/waitingPageOf.js';
import { collectStats } from './reports/collectStats.js';
import { explainRecord } from './versions/explainRecord.js';
import { saveRuleSet } from './versions/saveRuleSet.js';
import { storedRuleSetLoader } from './versions/storedRuleSetLoader.js';
import { versionStore } from './versions/versionStore.js';
import { readRuleSetVersionQuery } from '../core/input/readRuleSetVersionQuery.js';
import { sendWorkflowEvent } from './sendWorkflowEvent.js';
import type { ServiceContext } from './serviceContext.js';
import type { AssignmentService, AssignmentServiceOptions, DispatchOptions, GroupCommitOptions, RetryOptions } from './types.js';
import { timeOrderedIds } from './timeOrderedIds.js';

const DEFAULT_RETRY: RetryOptions = { attempts: 8, baseMs: 10, maxMs: 1_000 };
const DEFAULT_DISPATCH: DispatchOptions = { batchSize: 50, leaseMs: 60_000, backoffBaseMs: 10_000, backoffMaxMs: 3_600_000, sendTimeoutMs: 30_000 };
const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxCalls: 32 };
const DEFAULT_PAGE_SIZE = 50;
const SYSTEM_CLOCK = { now: () => new Date() };
const SERVICE_OPTION_KEYS: readonly (keyof AssignmentServiceOptions)[] = [
  'store',
  'ruleSet',
  'loadRuleSet',
  'notifier',
  'clock',
  'ids',
  'retry',
  'dispatch',
  'groupCommit',
  'limits',
  'onNotificationError',
  'autoDrain',
  'onDrainError',
];

/**
 * Creates the assignment service (SPEC §7): the only code that performs
 * effects. Each call runs in one store transaction — reads the subject (locked),
 * the rule state and the agents' period counts when the rules decide, its
 * pending and effective records; calls the pure core; commits the records, the
 * subject's agent, counts, rule state, outbox notifications and idempotency key
 * together — and is retried as a whole when it conflicts with a concurrent call
 * (bounded, jittered), giving up with `ConcurrencyError`. Store failures surface
 * as `StoreError`; malformed arguments as `AssignmentError` `invalid_input`
 * naming the field; unknown subjects, agents and records as `NotFoundError`.
 *
 * Concurrent `autoAssign` calls of one service share transactions (group
 * commit, on by default; `groupCommit`): while one runs, the calls that
 * arrive wait and then go together, decided one after another under one
 * assignment lock and committed at once, each with the result it would have
 * had alone; a shared transaction that fails is retried call by call.
 *
 * `autoAssignMany` does the same for a stream of subjects (a bulk import), in
 * transactions of up to `batchSize` subjects, each one multi-row commit.
 *
 * Subjects nobody could take wait in the store's queue (see `assignWaiting`);
 * with `autoDrain` (default on) the service drains it by itself after calls
 * that can make an agent available and on a timer for the queue's next
 * `retryAt` and alert; `close()` stops the timer.
 *
 * With `loadRuleSet`, the rule set is loaded at the start of every call, so an
 * admin's change applies to the next call; compiling is cached by object
 * identity, so return the same object while the rule set is unchanged. With
 * neither `ruleSet` nor `loadRuleSet`, the service follows the store's
 * current rule-set version (`saveRuleSet`): each call reads the current
 * revision (one small read) and compiles a version once per revision.
 *
 * Every record the service creates keeps, in the same commit, the revision
 * of the rule set it was made under and, for automatic records, the
 * decision's trace, so `explainRecord` tells it as it was made.
 *
 * @param options - store, rule set (or loader), and optionally notifier, `onNotificationError`, clock, id generator, retry, dispatch, group-commit, `autoDrain` and `onDrainError` options
 * @returns the service
 * @throws AssignmentError `invalid_input` for malformed options; RuleSetError for an invalid fixed `ruleSet`
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.upsertAgents([{ id: 'li-lei', presence: 'online', capacity: 200 }]);
 * const svc = createAssignmentService({ store, ruleSet, notifier: { send: (n) => inbox.push(n) } });
 * const result = await svc.autoAssign({ id: 'c-1', kind: 'customer', fields: { region: '北京' } });
 * result.agentId; // 'li-lei'
 * await svc.dispatchNotifications(); // { delivered: 1, failed: 0, failures: [] }
 * ```
 */
export function createAssignmentService(options: AssignmentServiceOptions): AssignmentService {
  const context = serviceContext(options);
  const followsStore = options.ruleSet === undefined && options.loadRuleSet === undefined;
  const drainer = new QueueDrainer(context, options.autoDrain !== false, options.onDrainError ?? null);
  context.observeCommit = (changes) => drainer.observe(changes);
  const loadRuleSet = context.loadRuleSet;
  context.loadRuleSet = async () => {
    const ruleSet = await loadRuleSet();
    drainer.ruleSetSeen(ruleSet);
    return ruleSet;
  };
  // A call that may have made an agent available drains the queue before it returns.
  const settled = async <T>(work: Promise<T>): Promise<T> => {
    const value = await work;
    await drainer.settle();
    return value;
  };
  const autoAssignments = new GroupCommitQueue(context, context.groupCommitMaxCalls);
  return {
    autoAssign: (subject, autoOptions) => settled(autoAssign(context, autoAssignments, subject, autoOptions)),
    autoAssignMany: (subjects, manyOptions) => settled(autoAssignMany(context, subjects, manyOptions)),
    assignManually: (input) => settled(assignManually(context, input)),
    apply: (input) => settled(applyForAgent(context, input)),
    approve: (recordId, actor, note) => settled(sendWorkflowEvent(context, 'approve', recordId, actor, note)),
    reject: (recordId, actor, note) => settled(sendWorkflowEvent(context, 'reject', recordId, actor, note)),
    confirm: (recordId, actor, note) => settled(sendWorkflowEvent(context, 'confirm', recordId, actor, note)),
    decline: (recordId, actor, note) => settled(sendWorkflowEvent(context, 'decline', recordId, actor, note)),
    cancel: (recordId, actor, note) => settled(sendWorkflowEvent(context, 'cancel', recordId, actor, note)),
    expirePending: () => settled(expireOverdueRecords(context)),
    releaseAgent: (agentId, releaseOptions) => settled(releaseAgent(context, agentId, releaseOptions)),
    transfer: (input) => settled(transferPortfolio(context, input)),
    rebalance: (input) => settled(rebalanceRule(context, input)),
    upsertAgents: (agents) => upsertAgentsAndDrain(context, drainer, agents),
    async assignWaiting(drainOptions) {
      const { limit } = readOptions(drainOptions ?? {}, 'options', ['limit']);
      if (limit !== undefined && (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1)) {
        throw new InputError('options.limit', 'an integer ≥ 1', describeValue(limit));
      }
      const ruleSet = await context.loadRuleSet();
      return assignWaiting(context, ruleSet, limit ?? Number.POSITIVE_INFINITY);
    },
    waiting: (filter) => waitingPageOf(context, filter),
    async queueStats() {
      const now = context.clock.now();
      return callStore('queueStats', () => context.store.queueStats(now));
    },
    unqueue: (subject, unqueueOptions) => unqueueSubject(context, subject, unqueueOptions),
    close: () => drainer.close(),
    async saveRuleSet(ruleSet, saveOptions) {
      const version = await saveRuleSet(context, ruleSet, saveOptions);
      // A service that follows the store decides by the new version from now: give the queue a chance with it.
      if (followsStore) drainer.request();
      await drainer.settle();
      return version;
    },
    async ruleSet() {
      const store = versionStore(context.store, 'options.store');
      return callStore('currentRuleSet', () => store.currentRuleSet());
    },
    async ruleSetVersions(query) {
      const read = readRuleSetVersionQuery(query ?? {}, 'query', DEFAULT_PAGE_SIZE);
      const store = versionStore(context.store, 'options.store');
      return callStore('ruleSetVersions', () => store.ruleSetVersions(read));
    },
    explainRecord: (recordId, explainOptions) => explainRecord(context, recordId, explainOptions),
    async getSubject(locator) {
      const ref = readSubjectRef(locator, 'subject');
      const stored = await callStore('subject', () => context.store.subject(ref));
      return stored === null ? null : { id: stored.id, kind: stored.kind, fields: stored.fields, agentId: stored.agentId };
    },
    async records(filter) {
      const query = readRecordQuery(filter, 'filter', DEFAULT_PAGE_SIZE);
      return callStore('queryRecords', () => context.store.queryRecords(query));
    },
    dispatchNotifications: () => dispatchNotifications(context),
    stats: (statsOptions) => collectStats(context, statsOptions),
  };
}

function serviceContext(options: AssignmentServiceOptions): ServiceContext {
  if (options === undefined) throw new InputError('options', 'an object', describeValue(options));
  readOptions(options, 'options', SERVICE_OPTION_KEYS);
  const { store, notifier, clock, ids, onNotificationError } = options;
  if (typeof store !== 'object' || store === null || typeof store.transaction !== 'function') {
    throw new InputError('options.store', 'an AssignmentStore (e.g. createMemoryStore())', describeValue(store));
  }
  if (notifier !== undefined && typeof notifier?.send !== 'function') throw new InputError('options.notifier', 'an object with send()', describeValue(notifier));
  if (clock !== undefined && typeof clock?.now !== 'function') throw new InputError('options.clock', 'an object with now()', describeValue(clock));
  if (ids !== undefined && typeof ids !== 'function') throw new InputError('options.ids', 'a function returning ids', describeValue(ids));
  if (onNotificationError !== undefined && typeof onNotificationError !== 'function') {
    throw new InputError('options.onNotificationError', 'a function', describeValue(onNotificationError));
  }
  if (options.autoDrain !== undefined && typeof options.autoDrain !== 'boolean') {
    throw new InputError('options.autoDrain', 'a boolean', describeValue(options.autoDrain));
  }
  if (options.onDrainError !== undefined && typeof options.onDrainError !== 'function') {
    throw new InputError('options.onDrainError', 'a function', describeValue(options.onDrainError));
  }
  return {
    store,
    notifier: notifier ?? null,
    onNotificationError: onNotificationError ?? null,
    clock: clock ?? SYSTEM_CLOCK,
    ids: ids ?? timeOrderedIds(),
    retry: numbers('options.retry', DEFAULT_RETRY, options.retry, { attempts: 1, baseMs: 0, maxMs: 0 }),
    dispatch: numbers('options.dispatch', DEFAULT_DISPATCH, options.dispatch, { batchSize: 1, leaseMs: 1, backoffBaseMs: 1, backoffMaxMs: 1, sendTimeoutMs: 1 }),
    groupCommitMaxCalls: groupCommitMaxCalls(options.groupCommit),
    limits: readInputLimits(options.limits, 'options.limits'),
    loadRuleSet: ruleSetLoader(options),
    observeCommit: () => undefined,
  };
}

function ruleSetLoader(options: AssignmentServiceOptions): ServiceContext['loadRuleSet'] {
  const { ruleSet, loadRuleSet } = options;
  if (ruleSet !== undefined && loadRuleSet !== undefined) {
    throw new InputError('options', 'an object with at most one of ruleSet and loadRuleSet', 'both');
  }
  if (ruleSet === undefined && loadRuleSet === undefined) {
    return storedRuleSetLoader(versionStore(options.store, 'options.store'));
  }
  if (loadRuleSet !== undefined) {
    if (typeof loadRuleSet !== 'function') throw new InputError('options.loadRuleSet', 'a function returning a promise of a rule set', describeValue(loadRuleSet));
    return async () => resolveRuleSet(await loadRuleSet());
  }
  // Compiled now, so an invalid rule set fails at start-up rather than on the first customer.
  const compiled = resolveRuleSet(ruleSet!);
  return async () => compiled;
}

function groupCommitMaxCalls(given: AssignmentServiceOptions['groupCommit']): number {
  if (given === false) return 1;
  if (given === true) return DEFAULT_GROUP_COMMIT.maxCalls;
  return numbers('options.groupCommit', DEFAULT_GROUP_COMMIT, given, { maxCalls: 1 }).maxCalls;
}

/** Fills numeric options from defaults, refusing non-integers and values under the minimum. */
function numbers<T extends object>(field: string, defaults: T, given: Partial<T> | undefined, minimum: Record<keyof T, number>): T {
  if (given === undefined) return { ...defaults };
  readOptions(given, field, Object.keys(defaults));
  const result = { ...defaults, ...given };
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    const value = result[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum[key]) {
      throw new InputError(`${field}.${key}`, `an integer ≥ ${minimum[key]}`, describeValue(value));
    }
  }
  return result;
}
