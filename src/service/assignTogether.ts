import type { AssignmentResult, SubjectRef } from '../core/types.js';
import type { ChangeSet } from '../ports.js';
import { ChangeSetBuilder } from './changeSetBuilder.js';
import { compareSubjects } from './compareSubjects.js';
import { type AssignmentLockSlot, decideAutomatically } from './decideAutomatically.js';
import { mergeChangeSets } from './mergeChangeSets.js';
import type { SubjectState } from './readSubjectState.js';
import { readSubjectStates } from './readSubjectStates.js';
import { reviveAssignmentResult, storableAssignmentResult } from './reviveAssignmentResult.js';
import type { TransactionCall } from './serviceContext.js';

/** One `autoAssign` call, checked. @internal */
export interface AutoAssignRequest {
  subject: SubjectRef;
  /** Replace the stored fields; undefined: keep them (a new subject starts with none). */
  fields: Record<string, unknown> | undefined;
  idempotencyKey: string | undefined;
  reassign: boolean;
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
 * @internal
 * @param call - the transaction attempt (one clock reading for all the calls)
 * @param requests - the calls
 * @param finish - turns the merged change set into the one committed (`autoAssignMany`'s digest notifications); default: as it is
 * @returns the results, in the order of `requests`
 * @example
 * ```ts
 * const [result] = await runTransaction(context, ruleSet, (call) => assignTogether(call, [request]));
 * ```
 */
export async function assignTogether(
  call: TransactionCall,
  requests: readonly AutoAssignRequest[],
  finish: (changes: ChangeSet) => ChangeSet = (changes) => changes,
): Promise<AssignmentResult[]> {
  const results: AssignmentResult[] = new Array(requests.length);
  const firsts = await firstResults(call, requests);
  const open: number[] = [];
  for (const [index, first] of firsts.entries()) {
    if (first !== undefined) results[index] = reviveAssignmentResult(first);
    else open.push(index);
  }
  const lockOrder = [...open].sort((a, b) => compareSubjects(requests[a]!.subject, requests[b]!.subject));
  const read = await readSubjectStates(
    call.tx,
    lockOrder.map((index) => requests[index]!),
  );
  const states = new Map<number, SubjectState>(lockOrder.map((index, position) => [index, read[position]!]));
  const slot: AssignmentLockSlot = { held: null };
  const changes: ChangeSet[] = [];
  for (const index of open) {
    const { idempotencyKey, reassign } = requests[index]!;
    const builder = new ChangeSetBuilder(call, states.get(index)!);
    const result = await decideAutomatically(call, builder, { reassign }, slot);
    if (idempotencyKey !== undefined) builder.remember(idempotencyKey, storableAssignmentResult(result));
    const built = builder.build();
    slot.held?.record(built);
    changes.push(built);
    results[index] = result;
  }
  if (changes.length > 0) await call.tx.commit(finish(mergeChangeSets(changes)));
  return results;
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
