import { InputError } from '../../core/errors.js';
import { readId } from '../../core/input/readId.js';
import { readOptions } from '../../core/input/readOptions.js';
import { readSubjectUpdate } from '../../core/input/readSubjectUpdate.js';
import { describeValue } from '../../core/ruleset/describeValue.js';
import type { AssignmentResult } from '../../core/types.js';
import type { CompiledRuleSet } from '../../core/ruleset/compiledTypes.js';
import type { ChangeSet, StoreTransaction } from '../../ports.js';
import { type AutoAssignRequest, assignTogether, type DecidedAhead, decideAhead } from '../assignTogether.js';
import type { HeldAssignmentLock } from '../heldAssignmentLock.js';
import { newTransactionCall, readClock } from '../newTransactionCall.js';
import { runTransaction } from '../runTransaction.js';
import type { ServiceContext, TransactionCall } from '../serviceContext.js';
import type { AutoAssignManyOptions, AutoAssignManySummary, SubjectUpdate } from '../types.js';
import { digestAssignments } from './digestAssignments.js';

const DEFAULT_BATCH_SIZE = 1000;
const OPTION_KEYS = ['idempotencyKey', 'batchSize', 'onProgress', 'notify'] as const;

/** A batch's committed outcome: each request's result, and what the commit wrote about keys and the queue. */
interface BatchOutcome {
  results: AssignmentResult[];
  /** Keys written by the commit (the others given were used before). */
  written: Set<string>;
  /** The queue reason of each subject the commit left waiting. */
  queued: string[];
}

/**
 * `service.autoAssignMany`: reads the subjects as they come and, per batch of
 * up to `batchSize` (a batch also ends before a subject or key it already
 * holds, so a repeated one sees the first one's commit), runs the work of
 * that many `autoAssign` calls in one transaction (`assignTogether`: subjects
 * locked in one order, decided one after another in stream order under one
 * assignment lock, committed by one multi-row commit), retried as a whole
 * when it conflicts. So the agents, records, counts, rule state, queue
 * entries and (with `notify: 'each'`) notifications are those of the same
 * `autoAssign` calls in the same order, and the lock is held one batch at a
 * time. A malformed subject, key or store failure ends the run: the batches
 * before it are committed, nothing of its batch or after is.
 *
 * Batches go one after another, but while one commits, the next is decided
 * ahead (`decideAhead`) on what the committing one will have left — its
 * subjects new, its keys unused, counts and rule state as the previous
 * decisions left them, one clock reading. Its transaction then reads as
 * always and commits those decisions only when it read exactly what they
 * assumed (another process's commit in between, an existing subject, a key
 * used before: it decides again on what it read). So the application's CPU
 * decides one batch while the database writes the other, and no transaction
 * begins before the one before it has ended.
 *
 * @internal
 * @param context - the service's context
 * @param subjects - an iterable or async iterable of subjects
 * @param options - `idempotencyKey`, `batchSize`, `onProgress`, `notify`
 * @returns the summary: per agent, per reason, repeated
 * @throws AssignmentError `invalid_input` naming `subjects[i]` or the option; RuleSetError; StoreError; ConcurrencyError
 * @example
 * ```ts
 * const summary = await autoAssignMany(context, readCustomers('leads.jsonl'), { idempotencyKey: (s) => `import-7:${s.id}`, batchSize: 1000 });
 * summary.assigned; // { 'li-lei': 512, 'han-mei': 488 }
 * ```
 */
export async function autoAssignMany<S extends SubjectUpdate>(
  context: ServiceContext,
  subjects: Iterable<S> | AsyncIterable<S>,
  options?: AutoAssignManyOptions<S>,
): Promise<AutoAssignManySummary> {
  const { keyOf, batchSize, onProgress, digest } = readManyOptions(options);
  if (!isIterable(subjects)) throw new InputError('subjects', 'an iterable or async iterable of subjects', describeValue(subjects));
  const summary: AutoAssignManySummary = { subjects: 0, batches: 0, assigned: {}, pendingConfirmation: {}, unassigned: {}, queued: {}, repeated: 0 };
  let batch: AutoAssignRequest[] = [];
  let subjectKeys = new Set<string>();
  let keys = new Set<string>();
  // The batch whose commit is in flight, and the lock as its decisions left it.
  let inFlight: { batch: AutoAssignRequest[]; committing: Promise<BatchOutcome> } | null = null;
  let lastLock: HeldAssignmentLock | null = null;
  // How the previous batch's store kept traces: the next batch is decided ahead storing its results the same way.
  let lastTracesByRecord = false;
  // Ids go through a queue: those drawn by decisions made ahead and then discarded are the next ones drawn, so records get the ids the same calls one by one would give them.
  const spare: string[] = [];
  const ids = (): string => spare.shift() ?? context.ids();
  const run: ServiceContext = { ...context, ids };
  const settle = async (): Promise<void> => {
    if (inFlight === null) return;
    const { batch: sent, committing } = inFlight;
    inFlight = null;
    addToSummary(summary, sent, await committing);
    if (onProgress !== undefined) await onProgress(structuredClone(summary));
  };
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    subjectKeys = new Set();
    keys = new Set();
    const ruleSet = await context.loadRuleSet();
    // While the previous batch commits, decide this one on what it will have left; its transaction commits these decisions only if it reads exactly that.
    const now = lastLock === null ? null : readClock(context);
    const expected = now === null ? null : lastLock!.expectedNext(ruleSet, now);
    let ahead: DecidedAhead | null = null;
    if (expected !== null) {
      const drawn: string[] = [];
      const call = aheadCall({ ...run, ids: () => drawn[drawn.push(ids()) - 1]! }, ruleSet, now!, lastTracesByRecord);
      const giveBack = () => void spare.unshift(...drawn);
      try {
        ahead = await decideAhead(call, current, expected, (changes) => finisher(digest)(changes, call), giveBack);
      } catch {
        // Deciding ahead is only a head start: whatever stopped it (a malformed id from the generator, say), the transaction decides as always and reports it.
        giveBack();
        ahead = null;
      }
    }
    await settle();
    let decided: (held: HeldAssignmentLock | null, tracesByRecord: boolean) => void = () => undefined;
    const lockLeft = new Promise<{ held: HeldAssignmentLock | null; tracesByRecord: boolean }>((resolve) => {
      decided = (held, tracesByRecord) => resolve({ held, tracesByRecord });
    });
    const committing = commitBatch(run, ruleSet, current, digest, decided, ahead);
    // Awaited by settle (or, after a failure elsewhere, by the catch below): never left unhandled.
    committing.catch(() => undefined);
    inFlight = { batch: current, committing };
    const left = await Promise.race([lockLeft, committing.then(() => null)]);
    lastLock = left?.held ?? null;
    lastTracesByRecord = left?.tracesByRecord ?? false;
  };
  try {
    let index = 0;
    for await (const item of subjects) {
      const path = `subjects[${index}]`;
      const { fields, ...subject } = readSubjectUpdate(item, path, context.limits);
      const idempotencyKey = keyOf === undefined ? undefined : readId(keyOf(item), `options.idempotencyKey(${path})`);
      const subjectKey = `${subject.kind}:${subject.id}`;
      if (subjectKeys.has(subjectKey) || (idempotencyKey !== undefined && keys.has(idempotencyKey))) await flush();
      batch.push({ subject, fields, idempotencyKey, reassign: false });
      subjectKeys.add(subjectKey);
      if (idempotencyKey !== undefined) keys.add(idempotencyKey);
      index++;
      // A full batch goes before the next subject is read: what a failing read stops is never a whole batch.
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await settle();
  } catch (error) {
    // The batch in flight ends as it ends before the run reports its failure; committed, it is counted (and reported to onProgress).
    await settle().catch(() => undefined);
    throw error;
  }
  return summary;
}

/** How a batch's merged change set becomes the one committed: with digests, or as it is. */
function finisher(digest: boolean): (changes: ChangeSet, call: TransactionCall) => ChangeSet {
  return digest ? digestAssignments : (changes) => changes;
}

/** The call a batch decided ahead runs in: its rule set and clock reading, results stored as the previous batch's were; no store (a decision that needs one is not made ahead). */
function aheadCall(context: ServiceContext, ruleSet: CompiledRuleSet, now: Date, tracesByRecord: boolean): TransactionCall {
  const noStore = new Proxy({} as StoreTransaction, {
    get: () => {
      throw new Error('a decision made ahead of its transaction read the store');
    },
  });
  return newTransactionCall(context, ruleSet, noStore, now, tracesByRecord);
}

/**
 * One batch in one transaction (retried as a whole on conflicts). With
 * `ahead`, its first attempt uses the clock reading the decisions made
 * ahead used, and commits them if it reads what they assumed.
 */
async function commitBatch(
  context: ServiceContext,
  ruleSet: CompiledRuleSet,
  batch: readonly AutoAssignRequest[],
  digest: boolean,
  onDecided: (held: HeldAssignmentLock | null, tracesByRecord: boolean) => void,
  ahead: DecidedAhead | null,
): Promise<BatchOutcome> {
  const finish = finisher(digest);
  return runTransaction(
    context,
    ruleSet,
    async (call) => {
      // Per attempt: a retried attempt commits its own change set.
      let committed: ChangeSet | null = null;
      const tx: StoreTransaction = {
        ...call.tx,
        commit: (changes) => {
          committed = changes;
          return call.tx.commit(changes);
        },
      };
      // The summary never reads a trace: results given again are not read back with theirs.
      const results = await assignTogether({ ...call, tx }, batch, { finish: (changes) => finish(changes, call), onDecided: (held) => onDecided(held, call.tracesByRecord), ahead, traces: false });
      const written = new Set<string>();
      const queued: string[] = [];
      const changes = committed as ChangeSet | null;
      for (const { key } of changes?.idempotency ?? []) written.add(key);
      for (const { update } of changes?.waiting ?? []) if (update.type === 'wait') queued.push(update.reason);
      return { results, written, queued };
    },
    null,
    ahead?.now ?? null,
  );
}

function addToSummary(summary: AutoAssignManySummary, batch: readonly AutoAssignRequest[], outcome: BatchOutcome): void {
  summary.subjects += batch.length;
  summary.batches += 1;
  const bump = <K extends string>(counts: Partial<Record<K, number>>, key: K): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const [index, { idempotencyKey }] of batch.entries()) {
    if (idempotencyKey !== undefined && !outcome.written.has(idempotencyKey)) {
      summary.repeated += 1;
      continue;
    }
    const { outcome: decided, agentId, reason } = outcome.results[index]!;
    if (decided === 'assigned') bump(summary.assigned, agentId!);
    else if (decided === 'pending_confirmation') bump(summary.pendingConfirmation, agentId!);
    else bump(summary.unassigned, reason!);
  }
  for (const reason of outcome.queued) bump(summary.queued as Record<string, number>, reason);
}

function readManyOptions<S>(options: AutoAssignManyOptions<S & SubjectUpdate> | undefined): {
  keyOf: ((subject: S) => string) | undefined;
  batchSize: number;
  onProgress: AutoAssignManyOptions['onProgress'];
  digest: boolean;
} {
  const { idempotencyKey, batchSize, onProgress, notify } = readOptions(options, 'options', OPTION_KEYS);
  if (idempotencyKey !== undefined && typeof idempotencyKey !== 'function') {
    throw new InputError('options.idempotencyKey', 'a function from a subject to its key', describeValue(idempotencyKey));
  }
  if (batchSize !== undefined && (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1)) {
    throw new InputError('options.batchSize', 'an integer ≥ 1', describeValue(batchSize));
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new InputError('options.onProgress', 'a function', describeValue(onProgress));
  if (notify !== undefined && notify !== 'each' && notify !== 'digest') throw new InputError('options.notify', '"each" or "digest"', describeValue(notify));
  return {
    keyOf: idempotencyKey as ((subject: S) => string) | undefined,
    batchSize: (batchSize as number | undefined) ?? DEFAULT_BATCH_SIZE,
    onProgress: onProgress as AutoAssignManyOptions['onProgress'],
    digest: notify === 'digest',
  };
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown };
  return typeof candidate[Symbol.asyncIterator] === 'function' || typeof candidate[Symbol.iterator] === 'function';
}
