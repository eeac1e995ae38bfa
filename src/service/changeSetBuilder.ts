import {
  type AssignmentRecord,
  type AssignmentResult,
  type Effect,
  PENDING_STATUSES,
  type RuleState,
  type SubjectRef,
  type WaitingUpdate,
  type WorkflowResult,
} from '../core/types.js';
import { transition } from '../core/workflow/transition.js';
import type { ChangeSet, CounterChange, Notification, PeriodBuckets, StoredSubject, SubjectAgentChange } from '../ports.js';
import { keptTraceOf } from './versions/keptTraceOf.js';
import { periodRangesAt } from './periodRangesAt.js';
import type { SubjectState } from './readSubjectState.js';
import type { TransactionCall } from './serviceContext.js';

/**
 * Collects what one transaction writes about one subject and turns the pure
 * core's results into one `ChangeSet`:
 * - records, each with the version it was read at (null for new ones); when a
 *   record becomes effective, the subject's previous effective record is ended
 *   (`transition(previous, 'end')`) in the same change set;
 * - the subject's agent, with `agentSince` = now when an agent takes over;
 * - counters: `stats.assigned` → `assigned` +1 in the buckets of `at`, with
 *   `at` itself (the record's `createdAt`, which the store keeps as the agent's
 *   `lastAssignedAt`); an agent
 *   change → `serving` +1 for the new agent in the buckets of now and −1 for the
 *   replaced one in the buckets of the subject's `agentSince` (when that care
 *   began). Serving follows the stored subject rather than the core's
 *   `stats.serving` effects, so it stays exact even when a pending record's
 *   `previousAgentId` went stale (e.g. its agent left meanwhile);
 * - rule state, and `notify` effects as outbox notifications with fresh ids;
 * - the subject's place in the waiting queue: the latest `wait(update)`, and
 *   `leave` whenever the subject ends the change set with an agent it got or
 *   kept through a change here (a subject with an agent never waits);
 * - per record created, its decision: the rule set's revision, and for
 *   automatic records the trace (`keptTraceOf`), so the decision can be
 *   explained later whatever the rules became.
 *
 * Tracks the subject's pending and effective records as they change, so later
 * steps of the same transaction (a re-offer, a reassignment) see them.
 *
 * @internal
 * @example
 * ```ts
 * const builder = new ChangeSetBuilder(call, state);
 * builder.addWorkflowResult(transition(record, 'confirm', { ruleSet, now, actor }));
 * await call.tx.commit(builder.build());
 * ```
 */
export class ChangeSetBuilder {
  readonly #call: TransactionCall;
  readonly #ref: SubjectRef;
  #subject: StoredSubject;
  #pending: AssignmentRecord | null;
  #effective: AssignmentRecord | null;
  readonly #readVersions = new Map<string, number>();
  readonly #records = new Map<string, { record: AssignmentRecord; expectedVersion: number | null }>();
  #subjectChange: SubjectAgentChange | null = null;
  /** Agents whose care of the subject ended in this change set: the only ones told `unassigned`. */
  readonly #replaced = new Set<string>();
  readonly #ruleState = new Map<string, RuleState>();
  readonly #counters: CounterChange[] = [];
  readonly #outbox: Notification[] = [];
  #idempotency: ChangeSet['idempotency'][number] | null = null;
  #waiting: WaitingUpdate | null = null;
  #alertedAt: Date | null = null;
  /** Record id → the trace of the automatic decision that created it. */
  readonly #traces = new Map<string, string>();

  /**
   * @param call - the transaction attempt (rule set, now, ids)
   * @param state - the subject and its open records as read
   */
  constructor(call: TransactionCall, state: SubjectState) {
    this.#call = call;
    this.#subject = state.subject;
    this.#ref = { id: state.subject.id, kind: state.subject.kind };
    this.#pending = state.pending;
    this.#effective = state.effective;
    for (const record of [state.pending, state.effective]) if (record !== null) this.read(record);
  }

  /** The subject as it is after the changes so far. */
  get subject(): Readonly<StoredSubject> {
    return this.#subject;
  }

  /** The subject's pending record after the changes so far. */
  get pending(): AssignmentRecord | null {
    return this.#pending;
  }

  /**
   * Remembers the version a record was read at, so an update of it is committed against that version.
   *
   * @param record - a record as the transaction read it
   * @returns nothing
   */
  read(record: AssignmentRecord): void {
    if (!this.#readVersions.has(record.id)) this.#readVersions.set(record.id, record.version);
  }

  /**
   * Adds a workflow function's result: the records it changed (`others` first) and its effects.
   *
   * @param result - from `transition`, `requestManualAssignment` or `requestApplication`
   * @returns nothing
   */
  addWorkflowResult(result: WorkflowResult): void {
    for (const other of result.others) this.#put(other);
    this.#put(result.record);
    this.#apply(result.effects);
  }

  /**
   * Adds an automatic decision: its record, if an agent was picked, and its effects.
   *
   * @param result - from `assignCustomer`
   * @returns nothing
   */
  addAssignment(result: AssignmentResult): void {
    if (result.record !== null) {
      this.#traces.set(result.record.id, keptTraceOf(result));
      this.#put(result.record);
    }
    this.#apply(result.effects);
  }

  /**
   * Ends the current agent's care without a successor (the agent leaves): the
   * effective record is ended, the subject is left without an agent, and the
   * agent is told `unassigned`.
   *
   * @param note - kept in the ended record's history
   * @returns nothing
   */
  endCare(note: string): void {
    const effective = this.#effective;
    const agentId = this.#subject.agentId;
    if (effective !== null) this.#put(transition(effective, 'end', { ruleSet: this.#call.ruleSet, now: this.#call.now, note }).record);
    if (agentId === null) return;
    this.#changeAgent(null);
    if (effective !== null) {
      this.#outbox.push({
        id: this.#call.nextId(),
        event: 'unassigned',
        recipient: { type: 'agent', id: agentId },
        recordId: effective.id,
        subject: { ...this.#ref },
        agentId: effective.agentId,
        at: new Date(this.#call.now.getTime()),
      });
    }
  }

  /**
   * Sets what the change set does to the subject's place in the waiting
   * queue (`waitingUpdateOf`, `refusalWaitingUpdate`); the latest call wins,
   * except that `stay` never undoes an earlier update.
   *
   * @param update - the update
   * @returns nothing
   */
  wait(update: WaitingUpdate): void {
    if (update.type !== 'stay' || this.#waiting === null) this.#waiting = update;
  }

  /**
   * Marks the subject's waiting entry as alerted (`waiting_too_long` sent) and
   * adds the notification to the admins.
   *
   * @returns nothing
   */
  alertWaiting(): void {
    const at = new Date(this.#call.now.getTime());
    this.#alertedAt = at;
    this.#outbox.push({
      id: this.#call.nextId(),
      event: 'waiting_too_long',
      recipient: { type: 'admins' },
      recordId: null,
      subject: { ...this.#ref },
      agentId: null,
      at,
    });
  }

  /**
   * Stores the call's result under its idempotency key.
   *
   * @param key - the idempotency key
   * @param result - JSON data
   * @returns nothing
   */
  remember(key: string, result: unknown): void {
    this.#idempotency = { key, result };
  }

  /**
   * The change set, records in a safe order (those leaving a pending or
   * effective status before those entering one).
   *
   * @returns everything to commit
   */
  build(): ChangeSet {
    const leaving = (record: AssignmentRecord) => record.status !== 'effective' && !PENDING_STATUSES.includes(record.status);
    const records = [...this.#records.values()];
    return {
      records: [...records.filter((entry) => leaving(entry.record)), ...records.filter((entry) => !leaving(entry.record))],
      subjects: this.#subjectChange === null ? [] : [this.#subjectChange],
      ruleState: [...this.#ruleState].map(([ruleId, state]) => ({ ruleId, state })),
      counters: this.#counters,
      outbox: this.#outbox,
      idempotency: this.#idempotency === null ? [] : [this.#idempotency],
      waiting: this.#waitingChanges(),
      decisions: records
        .filter((entry) => entry.expectedVersion === null)
        .map(({ record }) => ({ recordId: record.id, revision: this.#call.ruleSet.revision, trace: this.#traces.get(record.id) ?? null })),
    };
  }

  #waitingChanges(): NonNullable<ChangeSet['waiting']> {
    const changes: NonNullable<ChangeSet['waiting']> = [];
    const touched = this.#waiting !== null || this.#subjectChange !== null;
    const update: WaitingUpdate | null = this.#subject.agentId !== null ? (touched ? { type: 'leave' } : null) : this.#waiting;
    if (update !== null && update.type !== 'stay') changes.push({ subject: { ...this.#ref }, update });
    if (this.#alertedAt !== null) changes.push({ subject: { ...this.#ref }, update: { type: 'alerted', at: this.#alertedAt } });
    return changes;
  }

  #put(record: AssignmentRecord): void {
    const effective = this.#effective;
    if (record.status === 'effective' && effective !== null && effective.id !== record.id) {
      // One effective record per subject: the care it stood for is over.
      const ended = transition(effective, 'end', { ruleSet: this.#call.ruleSet, now: this.#call.now, note: `superseded by ${record.id}` });
      this.#put(ended.record);
    }
    const written = this.#records.get(record.id);
    const expectedVersion = written === undefined ? (this.#readVersions.get(record.id) ?? null) : written.expectedVersion;
    this.#records.set(record.id, { record, expectedVersion });
    if (PENDING_STATUSES.includes(record.status)) this.#pending = record;
    else if (this.#pending?.id === record.id) this.#pending = null;
    if (record.status === 'effective') this.#effective = record;
    else if (this.#effective?.id === record.id) this.#effective = null;
  }

  #apply(effects: readonly Effect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'subject.setAgent':
          this.#changeAgent(effect.agentId);
          break;
        case 'stats.assigned':
          this.#count(effect.agentId, 'assigned', 1, effect.at);
          break;
        case 'stats.serving':
          // Derived from the agent change itself (#changeAgent), against the stored subject.
          break;
        case 'ruleState.set':
          this.#ruleState.set(effect.ruleId, effect.state);
          break;
        case 'notify': {
          const { recipient } = effect;
          if (effect.event === 'unassigned' && recipient.type === 'agent' && !this.#replaced.has(recipient.id)) break;
          this.#outbox.push({
            id: this.#call.nextId(),
            event: effect.event,
            recipient,
            recordId: effect.recordId,
            subject: effect.subject,
            agentId: effect.agentId,
            at: effect.at,
          });
          break;
        }
      }
    }
  }

  #changeAgent(agentId: string | null): void {
    const subject = this.#subject;
    const current = subject.agentId;
    if (current === agentId) return;
    const now = this.#call.now;
    if (agentId !== null) this.#count(agentId, 'serving', 1, now);
    if (current !== null) {
      this.#count(current, 'serving', -1, subject.agentSince ?? now);
      this.#replaced.add(current);
    }
    const previousAgentId = current ?? subject.previousAgentId;
    const agentSince = agentId === null ? null : new Date(now.getTime());
    this.#subject = { ...subject, agentId, previousAgentId, agentSince };
    this.#subjectChange = { subject: { ...this.#ref }, agentId, previousAgentId, agentSince };
  }

  #count(agentId: string, counter: CounterChange['counter'], delta: number, at: Date): void {
    this.#counters.push({ agentId, counter, delta, buckets: bucketsAt(this.#call, at), at: new Date(at.getTime()) });
  }
}

function bucketsAt(call: TransactionCall, at: Date): PeriodBuckets {
  const ranges = periodRangesAt(call.ruleSet, at);
  return { day: ranges.day.start, week: ranges.week.start, month: ranges.month.start, quarter: ranges.quarter.start, year: ranges.year.start };
}
