import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { AssignmentResult } from '../core/types.js';
import { type AutoAssignRequest, assignTogether } from './assignTogether.js';
import { runTransaction } from './runTransaction.js';
import { type AttemptOutcome, attemptTransaction, type UnresolvedCommit } from './attemptTransaction.js';
import type { ChangeSet } from '../ports.js';
import type { ServiceContext } from './serviceContext.js';

/** A call waiting for its transaction. */
interface WaitingCall {
  request: AutoAssignRequest;
  ruleSet: CompiledRuleSet;
  resolve(result: AssignmentResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit for `autoAssign`: one service's automatic assignments share
 * transactions when they arrive faster than the store commits them. A call
 * that finds no group of its service running starts one at once, alone; the
 * calls that arrive while a group runs wait and then run together as the
 * next group — up to `maxCalls`, on distinct subjects, with distinct
 * idempotency keys and the same rule set (the others wait for a later
 * group) — decided one after another under one assignment lock and committed
 * by one `COMMIT` (`assignTogether`). So a busy service takes the lock and
 * commits (and, on a server, waits for the disk) once per group instead of
 * once per call, and each call's result is exactly what it would be on its
 * own: every decision sees the changes of the decisions before it.
 *
 * When a group's transaction fails for any reason, nothing of it was
 * committed, and each of its calls is run again on its own with the usual
 * retries, so one call's failure (a store error about its subject, a refused
 * write, a conflict) is never another call's. When the group's `COMMIT` went
 * unanswered (`CommitUnknownError` from the store), each call's own run first
 * reads whether its part of the group (its subject's records, its key) was
 * committed, and returns its result from the group when it was. With
 * `maxCalls` 1 every call runs at once in its own transaction, as without
 * group commit.
 *
 * @internal
 * @example
 * ```ts
 * const queue = new GroupCommitQueue(context, 32);
 * const result = await queue.assign(ruleSet, { subject, fields, idempotencyKey: undefined, reassign: false });
 * ```
 */
export class GroupCommitQueue {
  readonly #context: ServiceContext;
  readonly #maxCalls: number;
  #waiting: WaitingCall[] = [];
  #running = false;

  /**
   * @param context - the service's context
   * @param maxCalls - the most calls one transaction holds (1: no group commit)
   */
  constructor(context: ServiceContext, maxCalls: number) {
    this.#context = context;
    this.#maxCalls = maxCalls;
  }

  /**
   * Runs one call, alone or with others.
   *
   * @param ruleSet - the call's compiled rule set
   * @param request - the call
   * @returns its result
   */
  assign(ruleSet: CompiledRuleSet, request: AutoAssignRequest): Promise<AssignmentResult> {
    if (this.#maxCalls === 1) return this.#alone(ruleSet, request);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ request, ruleSet, resolve, reject });
      this.#startNext();
    });
  }

  #startNext(): void {
    if (this.#running || this.#waiting.length === 0) return;
    this.#running = true;
    const group = this.#takeGroup();
    void this.#run(group).finally(() =>
      // One turn of the event loop first: callers whose calls just returned often call again at once, and join.
      setImmediate(() => {
        this.#running = false;
        this.#startNext();
      }),
    );
  }

  /** The oldest waiting calls that can share a transaction; the rest keep their places. */
  #takeGroup(): WaitingCall[] {
    const group: WaitingCall[] = [];
    const rest: WaitingCall[] = [];
    const subjects = new Set<string>();
    const keys = new Set<string>();
    const ruleSet = this.#waiting[0]!.ruleSet;
    for (const call of this.#waiting) {
      const { subject, idempotencyKey } = call.request;
      const subjectKey = `${subject.kind}:${subject.id}`;
      const fits =
        group.length < this.#maxCalls &&
        call.ruleSet === ruleSet &&
        !subjects.has(subjectKey) &&
        (idempotencyKey === undefined || !keys.has(idempotencyKey));
      if (!fits) {
        rest.push(call);
        continue;
      }
      group.push(call);
      subjects.add(subjectKey);
      if (idempotencyKey !== undefined) keys.add(idempotencyKey);
    }
    this.#waiting = rest;
    return group;
  }

  async #run(group: readonly WaitingCall[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await this.#alone(only!.ruleSet, only!.request).then(only!.resolve, only!.reject);
      return;
    }
    // One try: a conflict of the whole group is retried call by call below.
    let outcome: AttemptOutcome<AssignmentResult[]>;
    try {
      outcome = await attemptTransaction(this.#context, group[0]!.ruleSet, (call) =>
        assignTogether(
          call,
          group.map((waiting) => waiting.request),
        ),
        { unresolved: null },
      );
    } catch {
      await Promise.all(group.map((waiting) => this.#alone(waiting.ruleSet, waiting.request).then(waiting.resolve, waiting.reject)));
      return;
    }
    if (outcome.settled === 'unknown') {
      // The group's COMMIT went unanswered: each call first reads whether its own part is there.
      const unknown = outcome;
      await Promise.all(
        group.map((waiting, index) =>
          this.#alone(waiting.ruleSet, waiting.request, {
            changes: partOf(unknown.changes, waiting.request),
            value: [unknown.value[index]!],
            error: unknown.error,
          }).then(waiting.resolve, waiting.reject),
        ),
      );
      return;
    }
    for (const [index, waiting] of group.entries()) waiting.resolve(outcome.value[index]!);
  }

  async #alone(ruleSet: CompiledRuleSet, request: AutoAssignRequest, resume: UnresolvedCommit<AssignmentResult[]> | null = null): Promise<AssignmentResult> {
    const [result] = await runTransaction(this.#context, ruleSet, (call) => assignTogether(call, [request]), resume);
    return result!;
  }
}

/** One call's writes in a group's change set, as far as `commitOutcome` reads them: its subject's records and agent (calls of a group have distinct subjects) and its key. */
function partOf(changes: ChangeSet, request: AutoAssignRequest): ChangeSet {
  const { subject, idempotencyKey } = request;
  const ofSubject = (ref: { kind: string; id: string }) => ref.kind === subject.kind && ref.id === subject.id;
  return {
    records: changes.records.filter(({ record }) => ofSubject(record.subject)),
    subjects: changes.subjects.filter((change) => ofSubject(change.subject)),
    ruleState: [],
    counters: [],
    outbox: [],
    idempotency: changes.idempotency.filter(({ key }) => key === idempotencyKey),
  };
}
