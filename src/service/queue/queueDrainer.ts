import type { CompiledRuleSet } from '../../core/ruleset/compiledTypes.js';
import { TERMINAL_STATUSES } from '../../core/types.js';
import type { ChangeSet } from '../../ports.js';
import { callStore } from '../callStore.js';
import type { ServiceContext } from '../serviceContext.js';
import { assignWaiting } from './assignWaiting.js';

/** setTimeout's longest delay is 2^31−1 ms; wake at least hourly and look again. */
const MAX_DELAY_MS = 3_600_000;
/** A timer that finds its instant still ahead by the service's clock (a clock behind the timers) backs off up to this. */
const MAX_BACKOFF_MS = 60_000;

/**
 * The service's automatic draining of the waiting queue (`autoDrain`). It
 * watches every committed change set of the service:
 * - a care ending (a `serving` count going down) or an open record refused,
 *   cancelled or ended marks the queue as worth draining, which the public
 *   call then does before it returns (`settle`);
 * - a subject that waits brings its `retryAt` and its alert instant
 *   (`since + alertAfter`) forward to the timer.
 * A new rule set from `loadRuleSet` marks it too. Drains run one at a time
 * per service (a request during one runs one more pass after it); their
 * failures go to `onDrainError` and never to the call that triggered them.
 * After each pass the timer is set from the store (`waitingWake`), so the
 * earliest `retryAt` or alert of the whole queue — also one left by another
 * process — wakes this one.
 *
 * @internal
 * @example
 * ```ts
 * const drainer = new QueueDrainer(context, true, null);
 * context.observeCommit = (changes) => drainer.observe(changes);
 * await svc.releaseAgent(...); await drainer.settle();
 * ```
 */
export class QueueDrainer {
  readonly #context: ServiceContext;
  readonly #enabled: boolean;
  readonly #onError: ((error: unknown) => void) | null;
  #due = false;
  #started = false;
  #closed = false;
  #running: Promise<void> | null = null;
  #again = false;
  #ruleSet: CompiledRuleSet | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #timerAt = Number.POSITIVE_INFINITY;
  #backoffMs = 0;
  /** Consecutive wakes the store set at instants the clock had already passed (a clock behind the timers): they back off. */
  #lateMs = 0;

  /**
   * @param context - the service's context
   * @param enabled - `autoDrain`
   * @param onError - `onDrainError`
   */
  constructor(context: ServiceContext, enabled: boolean, onError: ((error: unknown) => void) | null) {
    this.#context = context;
    this.#enabled = enabled;
    this.#onError = onError;
  }

  /**
   * Notes a rule set a call is about to use; a new one (not the first) marks the queue worth draining.
   *
   * @param ruleSet - the compiled rule set
   * @returns nothing
   */
  ruleSetSeen(ruleSet: CompiledRuleSet): void {
    if (this.#ruleSet !== null && this.#ruleSet !== ruleSet) this.#due = true;
    this.#ruleSet = ruleSet;
  }

  /**
   * Looks at a committed change set (see the class).
   *
   * @param changes - what the transaction wrote
   * @returns nothing
   */
  observe(changes: ChangeSet): void {
    if (!this.#enabled || this.#closed) return;
    const freed = changes.counters.some((change) => change.counter === 'serving' && change.delta < 0);
    const closed = changes.records.some(({ record, expectedVersion }) => expectedVersion !== null && TERMINAL_STATUSES.includes(record.status));
    if (freed || closed) this.#due = true;
    const alertAfterMs = this.#ruleSet?.queue.alertAfterMs ?? null;
    for (const { update } of changes.waiting ?? []) {
      if (update.type !== 'wait') continue;
      if (update.retryAt !== null) this.#wakeAt(update.retryAt.getTime());
      if (alertAfterMs !== null && !update.attempted) this.#wakeAt(update.since.getTime() + alertAfterMs);
    }
  }

  /**
   * Marks the queue worth draining (e.g. agents became available).
   *
   * @returns nothing
   */
  request(): void {
    this.#due = true;
  }

  /**
   * Drains now when something marked the queue worth it, and waits for that
   * drain (never throws: failures go to `onDrainError`).
   *
   * @returns when the drain, if any, is done
   */
  async settle(): Promise<void> {
    if (!this.#enabled || this.#closed) return;
    if (this.#due) await this.#drain();
    else await this.#start();
  }

  /**
   * Stops the timer and waits for a running drain.
   *
   * @returns when no drain runs any more
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#clearTimer();
    await this.#running;
  }

  #drain(): Promise<void> {
    if (this.#running !== null) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        this.#due = false;
        await this.#pass();
      } while ((this.#again || this.#due) && !this.#closed);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #pass(): Promise<void> {
    try {
      const ruleSet = await this.#context.loadRuleSet();
      this.ruleSetSeen(ruleSet);
      this.#due = false;
      await assignWaiting(this.#context, ruleSet, Number.POSITIVE_INFINITY);
      this.#started = true;
      await this.#refreshWake(ruleSet);
      this.#backoffMs = 0;
    } catch (error) {
      this.#report(error);
      // Try again later: the queue is still there, and so is whatever failed.
      this.#backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(1_000, this.#backoffMs * 2));
      this.#wakeAt(this.#context.clock.now().getTime() + this.#backoffMs);
    }
  }

  /** Sets the timer from the whole queue: its earliest retryAt, and its oldest entry not yet alerted. */
  async #refreshWake(ruleSet: CompiledRuleSet | null): Promise<void> {
    const wake = await callStore('waitingWake', () => this.#context.store.waitingWake());
    const instants: number[] = [];
    if (wake.retryAt !== null) instants.push(wake.retryAt.getTime());
    const alertAfterMs = ruleSet?.queue.alertAfterMs ?? null;
    if (wake.unalertedSince !== null && alertAfterMs !== null) instants.push(wake.unalertedSince.getTime() + alertAfterMs);
    this.#clearTimer();
    if (instants.length === 0) return;
    const at = Math.min(...instants);
    const passed = at <= this.#context.clock.now().getTime();
    this.#lateMs = passed ? Math.min(MAX_BACKOFF_MS, Math.max(1_000, this.#lateMs * 2)) : 0;
    this.#wakeAt(at);
  }

  /**
   * After the first call: the queue may hold entries from before this process
   * started, so the timer is set from the store once — after the call's own
   * work, never beside it (a drain sets it too).
   */
  async #start(): Promise<void> {
    if (this.#started || !this.#enabled || this.#closed) return;
    this.#started = true;
    await this.#refreshWake(this.#ruleSet).catch((error: unknown) => this.#report(error));
  }

  #wakeAt(atMs: number): void {
    if (!this.#enabled || this.#closed || atMs >= this.#timerAt) return;
    this.#clearTimer();
    const ahead = atMs - this.#context.clock.now().getTime();
    const delay = Math.min(MAX_DELAY_MS, Math.max(this.#backoffMs, this.#lateMs, ahead, 0));
    this.#timerAt = atMs;
    const timer = setTimeout(() => {
      this.#timer = null;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#due = true;
      void this.#drain();
    }, delay);
    timer.unref?.();
    this.#timer = timer;
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  #report(error: unknown): void {
    try {
      this.#onError?.(error);
    } catch {
      // The caller's handler failing must not turn a background failure into a crash.
    }
  }
}
