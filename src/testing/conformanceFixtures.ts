/**
 * Fixtures of the store conformance suite: people, time, rule sets, a
 * controllable clock, recording notifiers and readers of a store's whole state.
 * @internal
 */
import type { AssignmentError } from '../core/errors.js';
import { compileRuleSet } from '../core/ruleset/compileRuleSet.js';
import type { Order, Rule, RuleSet, Settings } from '../core/ruleset/types.js';
import type { Actor, AgentSnapshot, AssignmentRecord, RuleState, SubjectRef } from '../core/types.js';
import type { AssignmentStore, Clock, Notification, Notifier, OutboxEntry, StoredSubject } from '../ports.js';
import { periodRangesAt } from '../service/periodRangesAt.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** Monday 2026-11-02, 10:00 in Beijing (02:00 UTC). */
export const T0 = Date.parse('2026-11-02T10:00:00+08:00');

export const admin: Actor = { id: 'admin-1', role: 'admin' };
export const sales: Actor = { id: 'sales-1', role: 'business' };
export const agentActor = (id: string): Actor => ({ id, role: 'agent' });

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/**
 * A clock that stands still until the test moves it.
 *
 * @param start - epoch ms
 * @returns the clock
 * @example
 * ```ts
 * const clock = testClock(); clock.advance(HOUR);
 * ```
 */
export function testClock(start = T0): TestClock {
  let ms = start;
  return {
    now: () => new Date(ms),
    set: (next) => {
      ms = next;
    },
    advance: (delta) => {
      ms += delta;
    },
  };
}

/**
 * Ids `<prefix>-1`, `<prefix>-2`, …, so failures are readable.
 *
 * @param prefix - distinguishes generators of one test
 * @returns the generator
 * @example
 * ```ts
 * const ids = sequentialIds('r'); ids(); // 'r-1'
 * ```
 */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

/** Settings changes for `ruleSetWith`. */
export interface SettingsChanges {
  manual?: Partial<Settings['manual']>;
  auto?: Partial<Settings['auto']>;
  application?: Partial<Settings['application']>;
  pendingTimeout?: string;
}

/**
 * A rule set in Asia/Shanghai with one rule over `agents`, everything enabled
 * and no second steps unless changed.
 *
 * @param agents - the rule's participants, with optional weights
 * @param order - the rule's order (default round robin)
 * @param changes - settings changes
 * @returns the rule set
 * @example
 * ```ts
 * ruleSetWith(['a', 'b'], { by: 'fewestAssigned', period: 'day' }, { auto: { agentConfirmation: true } });
 * ```
 */
export function ruleSetWith(
  agents: readonly (string | { id: string; weight: number })[],
  order: Order = { by: 'roundRobin' },
  changes: SettingsChanges = {},
): RuleSet {
  const participants = agents.map((agent) => (typeof agent === 'string' ? { id: agent } : agent));
  const rule: Rule = {
    id: 'main',
    name: 'Everyone',
    enabled: true,
    agents: participants,
    proportional: participants.some((participant) => 'weight' in participant),
    order,
  };
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false, ...changes.manual },
      auto: { enabled: true, agentConfirmation: false, ...changes.auto },
      application: { enabled: true, adminApproval: false, agentConfirmation: false, ...changes.application },
      ...(changes.pendingTimeout === undefined ? {} : { pendingTimeout: changes.pendingTimeout }),
    },
    rules: [rule],
  };
}

/** A notifier that keeps what it was sent, and can be told to fail. */
export interface RecordingNotifier extends Notifier {
  sent: Notification[];
}

/**
 * A notifier that records every notification; `fail(n, attempt)` decides
 * whether the attempt throws.
 *
 * @param fail - called with the notification and the 1-based attempt number of this notifier
 * @returns the notifier
 * @example
 * ```ts
 * const notifier = recordingNotifier((_, call) => call === 2); // the second send throws
 * ```
 */
export function recordingNotifier(fail: (notification: Notification, call: number) => boolean = () => false): RecordingNotifier {
  const sent: Notification[] = [];
  let calls = 0;
  return {
    sent,
    async send(notification) {
      calls++;
      // A real notifier awaits I/O: let other dispatchers run in between.
      await new Promise((resolve) => setImmediate(resolve));
      if (fail(notification, calls)) throw new Error(`notifier down (call ${calls})`);
      sent.push(notification);
    },
  };
}

/**
 * Subjects `<prefix>-0` … `<prefix>-(count − 1)`, customers.
 *
 * @param count - how many
 * @param prefix - id prefix
 * @returns the subjects
 * @example
 * ```ts
 * customers(2); // [{ id: 'c-0', kind: 'customer' }, { id: 'c-1', kind: 'customer' }]
 * ```
 */
export function customers(count: number, prefix = 'c'): SubjectRef[] {
  return Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${index}`, kind: 'customer' as const }));
}

/**
 * Every record in the store, newest first, read page by page.
 *
 * @param store - the store
 * @returns the records
 * @example
 * ```ts
 * const records = await allRecords(store);
 * ```
 */
export async function allRecords(store: AssignmentStore): Promise<AssignmentRecord[]> {
  const records: AssignmentRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryRecords({ limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    records.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return records;
}

/** What a store holds, as far as the port lets one see without changing it. */
export interface StoreState {
  subjects: (StoredSubject | null)[];
  records: AssignmentRecord[];
  agents: AgentSnapshot[];
  ruleState: Record<string, RuleState>;
}

/**
 * Reads the whole state of a store that a test can see: the given subjects,
 * every record, every agent with its counts in the periods around `at`, and the
 * rule state. Two equal states mean nothing was written in between (the
 * outbox is checked separately, since reading it claims it).
 *
 * @param store - the store
 * @param subjects - the subjects the test used
 * @param ruleSet - the rule set whose periods to count in
 * @param at - the instant whose periods to count in
 * @returns the state
 * @example
 * ```ts
 * assert.deepEqual(await storeState(store, [c1], ruleSet, T0), before);
 * ```
 */
export async function storeState(store: AssignmentStore, subjects: readonly SubjectRef[], ruleSet: RuleSet, at: number): Promise<StoreState> {
  const periods = periodRangesAt(compileRuleSet(ruleSet), new Date(at));
  const { agents, ruleState } = await store.transaction(async (tx) => ({
    ruleState: await tx.lockAssignment(),
    agents: await tx.agentSnapshots(periods),
  }));
  return {
    subjects: await Promise.all(subjects.map((subject) => store.subject(subject))),
    records: await allRecords(store),
    agents: [...agents].sort((a, b) => (a.id < b.id ? -1 : 1)),
    ruleState,
  };
}

/**
 * Claims everything in the outbox (due by a far future instant): to see what
 * is there. Changes the entries' leases, so use it last.
 *
 * @param store - the store
 * @returns every entry
 * @example
 * ```ts
 * assert.deepEqual(await drainOutbox(store), []);
 * ```
 */
export async function drainOutbox(store: AssignmentStore): Promise<OutboxEntry[]> {
  const farFuture = new Date(Date.UTC(2999, 0, 1));
  return store.claimOutbox(farFuture, 10_000, new Date(farFuture.getTime() + HOUR));
}

/**
 * An agent's snapshot in the periods around `at`.
 *
 * @param store - the store
 * @param ruleSet - the rule set whose periods to count in
 * @param at - the instant
 * @param agentId - the agent
 * @returns the snapshot
 * @example
 * ```ts
 * (await agentCounts(store, ruleSet, T0, 'a')).assigned?.day; // 100
 * ```
 */
export async function agentCounts(store: AssignmentStore, ruleSet: RuleSet, at: number, agentId: string): Promise<AgentSnapshot> {
  const periods = periodRangesAt(compileRuleSet(ruleSet), new Date(at));
  const [agent] = await store.transaction(async (tx) => tx.agentSnapshots(periods, [agentId]));
  if (agent === undefined) throw new Error(`no agent ${agentId}`);
  return agent;
}

/**
 * Tells whether an error is an `AssignmentError` of a class and code, for `assert.rejects`.
 *
 * @param type - the error class
 * @param code - the expected code, if any
 * @returns the predicate
 * @example
 * ```ts
 * await assert.rejects(call, typedError(WorkflowError, 'forbidden'));
 * ```
 */
export function typedError(type: abstract new (...args: never[]) => AssignmentError, code?: string): (error: unknown) => boolean {
  return (error) => error instanceof type && (code === undefined || error.code === code);
}
