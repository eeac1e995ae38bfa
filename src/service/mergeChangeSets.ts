import type { RuleState } from '../core/types.js';
import type { ChangeSet } from '../ports.js';

/**
 * One change set holding several, for calls that commit together: records,
 * subjects, counters, notifications, idempotency results and decisions in order (each
 * call's own safe record order kept; the calls are on distinct subjects), and
 * per rule the state the last call left.
 *
 * @internal
 * @param sets - the calls' change sets, in the order they were decided
 * @returns the change set to commit
 * @example
 * ```ts
 * await call.tx.commit(mergeChangeSets([first.build(), second.build()]));
 * ```
 */
export function mergeChangeSets(sets: readonly ChangeSet[]): ChangeSet {
  if (sets.length === 1) return sets[0]!;
  const merged: ChangeSet = { records: [], subjects: [], ruleState: [], counters: [], outbox: [], idempotency: [], waiting: [], decisions: [] };
  const ruleState = new Map<string, RuleState>();
  for (const set of sets) {
    merged.records.push(...set.records);
    merged.subjects.push(...set.subjects);
    for (const { ruleId, state } of set.ruleState) ruleState.set(ruleId, state);
    merged.counters.push(...set.counters);
    merged.outbox.push(...set.outbox);
    merged.idempotency.push(...set.idempotency);
    merged.waiting!.push(...(set.waiting ?? []));
    merged.decisions!.push(...(set.decisions ?? []));
  }
  merged.ruleState = [...ruleState].map(([ruleId, state]) => ({ ruleId, state }));
  return merged;
}
