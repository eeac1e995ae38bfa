import type { Assigner, AssignerDecision } from '../assigner.js';
import { InputError } from '../errors.js';
import { readInstant } from '../input/readInstant.js';
import { readOneOf } from '../input/readOneOf.js';
import { readOptions } from '../input/readOptions.js';
import { readSubject } from '../input/readSubject.js';
import { readSubjectRef } from '../input/readSubjectRef.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { resolveRuleSet } from '../ruleset/compileRuleSet.js';
import { describeValue } from '../ruleset/describeValue.js';
import type { RuleSet, SubjectKind } from '../ruleset/types.js';
import { type Instant, type SubjectInput, type SubjectRef, WAITING_REASONS, type WaitingEntry, type WaitingReason, type WaitingUpdate } from '../types.js';
import { applyWaitingUpdate } from './applyWaitingUpdate.js';
import { compareWaiting } from './compareWaiting.js';
import { readWaitingUpdate } from './readWaitingUpdate.js';
import { SortedEntries } from './sortedEntries.js';
import { waitingPriority } from './waitingPriority.js';
import { waitingUpdateOf } from './waitingUpdateOf.js';

/** Names a waiting subject: its id, and its kind (`'customer'` when absent). */
export interface WaitingSubject {
  id: string;
  kind?: SubjectKind;
}

/** Options of `WaitingQueue.drain`. */
export interface WaitingDrainOptions {
  /** The subject to decide for a waiting entry, with its current fields (as `Assigner.assign` takes it). */
  subjectOf: (subject: SubjectRef) => SubjectInput;
  /** Decide at most this many entries from the head (default: all). */
  limit?: number;
  /** Stop once this many entries got an agent — e.g. the slots an ended care freed, when nothing else changed. */
  stopAfterAssigned?: number;
  /**
   * Decide only the entries waiting for one of these reasons; the others are
   * passed over unchanged — e.g. `['no_eligible_agent']` when a care ends:
   * freed capacity opens no closed rule. Default: every entry.
   */
  reasons?: readonly WaitingReason[];
}

/** One decision of a drain, in queue order. */
export interface WaitingDrainStep {
  /** The entry as it was when the drain reached it. */
  entry: WaitingEntry;
  /** What the assigner decided. */
  decision: AssignerDecision;
  /** The entry afterwards (`attempts` + 1), or null when the subject left the queue (it got an agent). */
  waiting: WaitingEntry | null;
}

/**
 * An in-memory waiting queue: at most one entry per subject, kept in queue
 * order (`compareWaiting`: priority descending, the longest wait first).
 * Entries handed out are frozen; every change goes through `apply` or `drain`.
 */
export interface WaitingQueue {
  /** How many subjects wait. */
  readonly size: number;
  /** The subject's entry, or null when it does not wait. */
  get(subject: WaitingSubject): WaitingEntry | null;
  /** Applies an update to the subject's entry as every store must (`applyWaitingUpdate`) and returns the entry after it. */
  apply(subject: WaitingSubject, update: WaitingUpdate): WaitingEntry | null;
  /**
   * What an automatic decision taken outside a drain (a new customer's) does
   * to the subject's place: it waits when nobody was found
   * (`no_eligible_agent`, `outside_schedule`) with the rule set's priority
   * for its fields, and leaves when it got an agent (`waitingUpdateOf`).
   */
  noteDecision(subject: SubjectInput, decision: AssignerDecision, now: Instant): WaitingEntry | null;
  /** The entries in queue order, the head first (a copy of the list). */
  entries(): WaitingEntry[];
  /** The earliest `retryAt` of the entries: when time alone may help one of them; null when none has one. */
  earliestRetryAt(): Date | null;
  /**
   * Decides the entries in queue order through the assigner at `now`, each as
   * `assigner.assign(subjectOf(entry.subject), now)`, and applies what each
   * decision does to its entry (`waitingUpdateOf`, attempted): a subject that
   * got an agent leaves, one that still waits stays in place with `attempts` + 1.
   */
  drain(assigner: Assigner, now: Instant, options: WaitingDrainOptions): WaitingDrainStep[];
}

const keyOf = (subject: SubjectRef): string => `${subject.kind}\u0000${subject.id}`;

function freeze(entry: WaitingEntry): WaitingEntry {
  Object.freeze(entry.subject);
  return Object.freeze(entry);
}

/**
 * Creates an empty in-memory waiting queue — the pure counterpart of a
 * store's queue, for `createAssigner` users such as the simulator. The
 * entries sit in a chunked list sorted by `compareWaiting` (a binary search
 * finds a place), beside a map by subject and a min-heap of `retryAt`; a drain
 * walks the head of the list and settles the moves once at the end, so
 * draining n entries costs O(n log n), never O(n²).
 *
 * @param ruleSet - the rule set, for `settings.auto.queue.priority` (evaluated at each drain decision)
 * @returns the queue
 * @throws RuleSetError for an invalid rule set
 * @example
 * ```ts
 * const queue = createWaitingQueue(ruleSet);
 * const assigner = createAssigner(ruleSet, { agents });
 * const decision = assigner.assign(customer, '2026-10-01T02:00:00+08:00'); // outside_schedule
 * queue.noteDecision(customer, decision, '2026-10-01T02:00:00+08:00'); // it waits
 * // 09:00, the first shift starts: everybody waiting is decided, the head first.
 * for (const step of queue.drain(assigner, '2026-10-01T09:00:00+08:00', { subjectOf: () => customer })) {
 *   console.log(step.entry.subject.id, step.decision.agentId);
 * }
 * ```
 */
export function createWaitingQueue(ruleSet: RuleSet | CompiledRuleSet): WaitingQueue {
  const compiled = resolveRuleSet(ruleSet);
  const byKey = new Map<string, WaitingEntry>();
  const order = new SortedEntries();
  // Min-heap of retryAt; an item is stale once its entry was replaced or removed (checked by identity).
  let heapAt: number[] = [];
  let heapEntries: WaitingEntry[] = [];

  const live = (entry: WaitingEntry): boolean => byKey.get(keyOf(entry.subject)) === entry;

  function pushRetry(entry: WaitingEntry): void {
    if (entry.retryAt === null) return;
    // Mostly stale items: rebuild from the live entries rather than let the heap grow with every update.
    if (heapAt.length > 2 * byKey.size + 64) {
      const kept = heapEntries.filter(live);
      heapAt = [];
      heapEntries = [];
      for (const item of kept) siftUp(item.retryAt!.getTime(), item);
    }
    siftUp(entry.retryAt.getTime(), entry);
  }

  function siftUp(at: number, entry: WaitingEntry): void {
    let i = heapAt.length;
    heapAt.push(at);
    heapEntries.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapAt[parent]! <= at) break;
      heapAt[i] = heapAt[parent]!;
      heapEntries[i] = heapEntries[parent]!;
      i = parent;
    }
    heapAt[i] = at;
    heapEntries[i] = entry;
  }

  function popRetry(): void {
    const lastAt = heapAt.pop()!;
    const lastEntry = heapEntries.pop()!;
    const n = heapAt.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && heapAt[right]! < heapAt[left]! ? right : left;
      if (heapAt[child]! >= lastAt) break;
      heapAt[i] = heapAt[child]!;
      heapEntries[i] = heapEntries[child]!;
      i = child;
    }
    heapAt[i] = lastAt;
    heapEntries[i] = lastEntry;
  }

  /** Stores the entry after an update (null: gone) and keeps `order` sorted. */
  function settle(key: string, before: WaitingEntry | null, after: WaitingEntry | null): void {
    if (after === null) byKey.delete(key);
    else {
      byKey.set(key, after);
      pushRetry(after);
    }
    if (before !== null && after !== null && samePlace(before, after)) order.replace(before, after);
    else {
      if (before !== null) order.remove(before);
      if (after !== null) order.insert(after);
    }
  }

  /** After a walk: takes out the entries that left or moved, and puts the moved ones in their new places. */
  function settleDrain(gone: readonly WaitingEntry[], moved: WaitingEntry[]): void {
    const changes = gone.length + moved.length;
    if (changes === 0) return;
    if (changes * 64 < byKey.size) {
      for (const entry of gone) order.remove(entry);
      for (const entry of moved) order.insert(entry);
      return;
    }
    // Many changes: one pass over the list beats a search each.
    const leaving = new Set(gone);
    order.reset(merge(order.toArray().filter((entry) => !leaving.has(entry)), moved.sort(compareWaiting)));
  }

  function apply(subject: SubjectRef, update: WaitingUpdate): WaitingEntry | null {
    const key = keyOf(subject);
    const before = byKey.get(key) ?? null;
    const next = applyWaitingUpdate(subject, before, update);
    if (next === before) return before;
    const after = next === null ? null : freeze(next);
    settle(key, before, after);
    return after;
  }

  return {
    get size() {
      return byKey.size;
    },
    get(subjectGiven) {
      return byKey.get(keyOf(readSubjectRef(subjectGiven, 'subject'))) ?? null;
    },
    apply: (subject, update) => apply(readSubjectRef(subject, 'subject'), readWaitingUpdate(update, 'update')),
    noteDecision(subjectGiven, decision, now) {
      const subject = readSubject(subjectGiven, 'subject', undefined, 'object');
      const nowMs = readInstant(now, 'now');
      if (typeof decision !== 'object' || decision === null || !('outcome' in decision)) {
        throw new InputError('decision', 'an Assigner decision { outcome, agentId, ruleId, reason, retryAt }', describeValue(decision));
      }
      const update = waitingUpdateOf({ ...decision, at: new Date(nowMs) }, waitingPriority(compiled, subject.fields ?? {}, nowMs), false);
      return apply({ id: subject.id, kind: subject.kind ?? 'customer' }, update);
    },
    entries() {
      return order.toArray();
    },
    earliestRetryAt() {
      while (heapAt.length > 0 && !live(heapEntries[0]!)) popRetry();
      return heapAt.length === 0 ? null : new Date(heapAt[0]!);
    },
    drain(assigner, now, optionsGiven) {
      if (typeof assigner !== 'object' || assigner === null || typeof assigner.assign !== 'function') {
        throw new InputError('assigner', 'an Assigner (createAssigner)', describeValue(assigner));
      }
      const nowMs = readInstant(now, 'now');
      const options = readOptions(optionsGiven, 'options', ['subjectOf', 'limit', 'stopAfterAssigned', 'reasons']);
      const subjectOf = options.subjectOf;
      if (typeof subjectOf !== 'function') throw new InputError('options.subjectOf', 'a function from a waiting subject to the subject to decide', describeValue(subjectOf));
      const limit = count(options.limit, 'options.limit');
      const stopAfter = count(options.stopAfterAssigned, 'options.stopAfterAssigned');
      const reasons = reasonSet(options.reasons, 'options.reasons');
      const at = new Date(nowMs);
      const steps: WaitingDrainStep[] = [];
      // The head is walked in place; entries that leave or move are settled once, after the walk.
      const gone: WaitingEntry[] = [];
      const moved: WaitingEntry[] = [];
      let decided = 0;
      let assigned = 0;
      try {
        walk: for (const chunk of order.chunks) {
          for (let i = 0; i < chunk.length; i++) {
            if (decided >= limit || assigned >= stopAfter) break walk;
            const entry = chunk[i]!;
            if (reasons !== null && !reasons.has(entry.reason)) continue;
            decided++;
            const subject = (subjectOf as WaitingDrainOptions['subjectOf'])(entry.subject);
            const decision = assigner.assign(subject, nowMs);
            const fields = (subject as { fields?: Readonly<Record<string, unknown>> }).fields ?? {};
            const update = waitingUpdateOf({ ...decision, at }, waitingPriority(compiled, fields, nowMs), true);
            const next = applyWaitingUpdate(entry.subject, entry, update);
            const waiting = next === null || next === entry ? next : freeze(next);
            steps.push({ entry, decision, waiting });
            if (waiting === entry) continue;
            const key = keyOf(entry.subject);
            if (waiting === null) {
              assigned++;
              byKey.delete(key);
              gone.push(entry);
              continue;
            }
            byKey.set(key, waiting);
            pushRetry(waiting);
            // Same place: swapped in the chunk being walked, which the walk does not revisit.
            if (samePlace(entry, waiting)) chunk[i] = waiting;
            else {
              gone.push(entry);
              moved.push(waiting);
            }
          }
        }
      } finally {
        // Also after a throwing subjectOf or assign: the entries decided so far are kept as decided.
        settleDrain(gone, moved);
      }
      return steps;
    },
  };
}

function samePlace(a: WaitingEntry, b: WaitingEntry): boolean {
  return a.priority === b.priority && a.since.getTime() === b.since.getTime();
}

function reasonSet(value: unknown, path: string): Set<WaitingReason> | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) throw new InputError(path, `an array of ${WAITING_REASONS.join(', ')}`, describeValue(value));
  return new Set(value.map((reason, i) => readOneOf(reason, `${path}[${i}]`, WAITING_REASONS)));
}

function count(value: unknown, path: string): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new InputError(path, 'a whole number of at least 1', describeValue(value));
  return value;
}

/** Two lists sorted by `compareWaiting`, merged into one. */
function merge(a: WaitingEntry[], b: WaitingEntry[]): WaitingEntry[] {
  if (b.length === 0) return a;
  const result: WaitingEntry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) result[k++] = compareWaiting(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) result[k++] = a[i++]!;
  while (j < b.length) result[k++] = b[j++]!;
  return result;
}
