import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import type { AssignmentResult, SubjectRef } from '../core/types.js';
import type { ChangeSet } from '../ports.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { compareSubjects } from './compareSubjects.js';
import { type AssignmentLockSlot, decideAutomatically } from './decideAutomatically.js';
import { HeldAssignmentLock } from './heldAssignmentLock.js';
import { mergeChangeSets } from './mergeChangeSets.js';
import type { SubjectState } from './readSubjectState.js';
import { readSubjectStates } from './readSubjectStates.js';
import { keptTraceRecord, reviveAssignmentResult, storableAssignmentResult } from './reviveAssignmentResult.js';
import { sameData } from './sameData.js';
import type { TransactionCall } from './serviceContext.js';
import { resultFromKeptTrace } from './versions/resultFromKeptTrace.js';

/** One `autoAssign` call, checked. @internal */
export interface AutoAssignRequest {
  subject: SubjectRef;
  /** Replace the stored fields; undefined: keep them (a new subject starts with none). */
  fields: Record<string, unknown> | undefined;
  idempotencyKey: string | undefined;
  reassign: boolean;
}

/**
 * Calls decided ahead of their transaction (`decideAhead`), on what the
 * transaction is expected to read: every key unused, every subject new or
 * without agent, pending record or other fields, and the assignment lock as
 * the previous transaction left it. @internal
 */
export interface DecidedAhead {
  ruleSet: CompiledRuleSet;
  now: Date;
  /** Whether the results were stored without traces (`TransactionCall.tracesByRecord`). */
  tracesByRecord: boolean;
  /** The subjects' states the decisions assumed, in lock order. */
  states: SubjectState[];
  /** The lock the decisions assumed. */
  lock: HeldAssignmentLock;
  results: AssignmentResult[];
  /** The change set to commit (after `finish`). */
  changes: ChangeSet;
  /** The lock as the decisions left it. */
  after: HeldAssignmentLock;
  /** Called when the transaction decides again instead (before it does): e.g. to give back the ids the decisions drew. */
  discard: () => void;
}

/** What one transaction's decisions came to. */
interface Decided {
  results: AssignmentResult[];
  changes: ChangeSet[];
  held: HeldAssignmentLock | null;
}

/**
 * The work of one or more `autoAssign` calls in one transaction, on distinct
 * subjects and with distinct idempotency keys. Each call is what it would be
 * on its own: a call whose key was used before gets the first call's result
 * and writes nothing; the others lock their subjects (creating them, or
 * replacing their fields when given) — in one order, subject kind then id,
 * so that two transactions never wait for each other's subjects in a cycle —
 * and are then decided one after another, in the order given, under one
 * assignment lock: each decision sees the counts and rule state the
 * decisions before it left, as if each had committed on its own. One commit
 * writes them all, each call's result under its key.
 *
 * With `ahead` (the same calls decided before the transaction began, on what
 * it was expected to read), the transaction reads keys, subjects and lock as
 * always and commits the decisions made ahead only when it read exactly what
 * they assumed — then they are the decisions it would make; otherwise it
 * decides again on what it read.
 *
 * @internal
 * @param call - the transaction attempt (one clock reading for all the calls)
 * @param requests - the calls
 * @param options - `finish`: turns the merged change set into the one committed (`autoAssignMany`'s digest notifications; default: as it is); `onDecided`: told the lock as the decisions left it, just before the commit (null: no decision took it); `ahead`: the calls decided ahead, if any; `traces`: false when the caller never reads the traces of results given again (a kept trace is then not read back)
 * @returns the results, in the order of `requests`
 * @example
 * ```ts
 * const [result] = await runTransaction(context, ruleSet, (call) => assignTogether(call, [request]));
 * ```
 */
export async function assignTogether(
  call: TransactionCall,
  requests: readonly AutoAssignRequest[],
  options: {
    finish?: (changes: ChangeSet) => ChangeSet;
    onDecided?: (held: HeldAssignmentLock | null) => void;
    ahead?: DecidedAhead | null;
    traces?: boolean;
  } = {},
): Promise<AssignmentResult[]> {
  const { finish = (changes: ChangeSet) => changes, onDecided = () => undefined, ahead = null, traces = true } = options;
  const results: AssignmentResult[] = new Array(requests.length);
  const firsts = await firstResults(call, requests);
  const open: number[] = [];
  for (const [index, first] of firsts.entries()) {
    if (first !== undefined) results[index] = await givenAgain(call, first, traces);
    else open.push(index);
  }
  const lockOrder = [...open].sort((a, b) => compareSubjects(requests[a]!.subject, requests[b]!.subject));
  const read = await readSubjectStates(
    call.tx,
    lockOrder.map((index) => requests[index]!),
  );
  const states = new Map<number, SubjectState>(lockOrder.map((index, position) => [index, read[position]!]));
  const slot: AssignmentLockSlot = { held: null };
  const sameCall = ahead !== null && ahead.ruleSet === call.ruleSet && ahead.now === call.now && ahead.tracesByRecord === call.tracesByRecord;
  if (ahead !== null && sameCall && open.length === requests.length && sameData(read, ahead.states)) {
    slot.held = await HeldAssignmentLock.take(call);
    if (slot.held.sameAs(ahead.lock)) {
      onDecided(ahead.after);
      await call.tx.commit(ahead.changes);
      return ahead.results;
    }
  }
  ahead?.discard();
  const decided = await decideEach(call, requests, open, states, slot);
  for (const [position, index] of open.entries()) results[index] = decided.results[position]!;
  onDecided(decided.held);
  if (decided.changes.length > 0) await call.tx.commit(finish(mergeChangeSets(decided.changes)));
  return results;
}

/**
 * Decides calls before their transaction, on what it is expected to read
 * (see `DecidedAhead`): each subject new, or without agent, pending record
 * and fields other than those given; every key unused; the assignment lock
 * as `lock` holds it. Decisions that would touch the store are not made
 * ahead: null.
 *
 * @internal
 * @param call - the transaction the calls will run in, as expected (`tx` unused: a decision that needs it returns null)
 * @param requests - the calls, with fields (a call keeping stored fields cannot be decided ahead)
 * @param lock - the lock as expected
 * @param finish - as for `assignTogether`
 * @param discard - what to do when the transaction does not use them
 * @returns the decisions, or null
 * @example
 * ```ts
 * const ahead = await decideAhead(call, requests, previous.expectedNext(ruleSet, now)!, finish, () => undefined);
 * ```
 */
export async function decideAhead(
  call: TransactionCall,
  requests: readonly AutoAssignRequest[],
  lock: HeldAssignmentLock,
  finish: (changes: ChangeSet) => ChangeSet,
  discard: () => void,
): Promise<DecidedAhead | null> {
  if (requests.some(({ fields }) => fields === undefined)) return null;
  const open = requests.map((_, index) => index);
  const lockOrder = [...open].sort((a, b) => compareSubjects(requests[a]!.subject, requests[b]!.subject));
  const assumed = lockOrder.map((index): SubjectState => {
    const { subject, fields } = requests[index]!;
    return { subject: { id: subject.id, kind: subject.kind, fields: fields!, agentId: null, previousAgentId: null, agentSince: null }, pending: null, effective: null };
  });
  const states = new Map<number, SubjectState>(lockOrder.map((index, position) => [index, structuredClone(assumed[position]!)]));
  // Decided on a copy: `lock` stays what the transaction must read.
  const slot: AssignmentLockSlot = { held: lock.fork() };
  const decided = await decideEach(call, requests, open, states, slot);
  return {
    ruleSet: call.ruleSet,
    now: call.now,
    tracesByRecord: call.tracesByRecord,
    states: assumed,
    lock,
    results: decided.results,
    changes: finish(mergeChangeSets(decided.changes)),
    after: decided.held!,
    discard,
  };
}

/** Decides the open calls in order on their states, sharing `slot`'s lock. */
async function decideEach(
  call: TransactionCall,
  requests: readonly AutoAssignRequest[],
  open: readonly number[],
  states: ReadonlyMap<number, SubjectState>,
  slot: AssignmentLockSlot,
): Promise<Decided> {
  const results: AssignmentResult[] = [];
  const changes: ChangeSet[] = [];
  for (const index of open) {
    const { idempotencyKey, reassign } = requests[index]!;
    const builder = new ChangeSetBuilder(call, states.get(index)!);
    const result = await decideAutomatically(call, builder, { reassign }, slot);
    if (idempotencyKey !== undefined) builder.remember(idempotencyKey, storableAssignmentResult(result, call.tracesByRecord));
    const built = builder.build();
    slot.held?.record(built);
    changes.push(built);
    results.push(result);
  }
  return { results, changes, held: slot.held };
}

/** A stored result as the first call returned it; a trace kept with the record is read back when wanted (else left empty). */
async function givenAgain(call: TransactionCall, stored: unknown, traces: boolean): Promise<AssignmentResult> {
  const recordId = keptTraceRecord(stored);
  const result = reviveAssignmentResult(stored);
  if (recordId !== null && traces && call.tx.keptTrace !== undefined) {
    const kept = await call.tx.keptTrace(recordId);
    const rebuilt = kept === null || result.record === null ? null : resultFromKeptTrace(result.record, kept);
    if (rebuilt !== null) result.trace = rebuilt.trace;
  }
  return result;
}

/** The stored result of each request's idempotency key (undefined: no key, or unused): in one step when the store can. */
async function firstResults(call: TransactionCall, requests: readonly AutoAssignRequest[]): Promise<(unknown | undefined)[]> {
  const keyed = requests.flatMap(({ idempotencyKey }, index) => (idempotencyKey === undefined ? [] : [{ index, key: idempotencyKey }]));
  const firsts: (unknown | undefined)[] = new Array(requests.length).fill(undefined);
  if (keyed.length > 1 && call.tx.idempotentResults !== undefined) {
    const found = await call.tx.idempotentResults(keyed.map(({ key }) => key));
    for (const [position, { index }] of keyed.entries()) firsts[index] = found[position];
    return firsts;
  }
  for (const { index, key } of keyed) firsts[index] = await call.tx.idempotentResult(key);
  return firsts;
}
