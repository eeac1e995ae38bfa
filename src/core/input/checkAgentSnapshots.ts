import type { AgentSnapshot } from '../types.js';
import { readAgents } from './readAgents.js';

/** Arrays already checked, with the length they had then. */
const checked = new WeakMap<readonly unknown[], number>();
// The array a decision checked last and its length (an entry of `checked`, which never loses one; held,
// like the agent table's last array, until another replaces it):
// decisions in a row pass the same array, and this skips the WeakMap probe for it.
let lastChecked: readonly unknown[] | null = null;
let lastLength = -1;

/**
 * Checks the agent snapshots of a decision (`assignCustomer`) as `readAgents`
 * does, without copying them: the decision indexes the caller's own array
 * and re-uses that index while the same array comes back. Like the index,
 * the check is made the first time an array is seen and again when its
 * length changes; counts a bulk caller updates in place are not re-checked
 * (give a new array when profiles change).
 *
 * @param value - what the caller gave as `agents`
 * @param path - where it is, for the error
 * @returns the same array, known to hold valid snapshots with distinct ids
 * @throws InputError (`invalid_input`) as `readAgents`
 * @example
 * ```ts
 * checkAgentSnapshots([{ id: 'li-lei', presence: 'online' }], 'agents');
 * checkAgentSnapshots([{ id: 'b', presence: 'ONLINE' }], 'agents'); // throws: agents[0].presence must be one of …
 * ```
 */
export function checkAgentSnapshots(value: unknown, path: string): readonly AgentSnapshot[] {
  if (lastChecked !== null && value === lastChecked && lastChecked.length === lastLength) return value as readonly AgentSnapshot[];
  if (!Array.isArray(value) || checked.get(value) !== value.length) {
    readAgents(value, path, true);
    checked.set(value as unknown[], (value as unknown[]).length);
  }
  lastChecked = value as unknown[];
  lastLength = (value as unknown[]).length;
  return value as AgentSnapshot[];
}

/**
 * Marks `next` as checked when `previous` was and `next` is its copy with some
 * snapshots replaced by the caller's own code (not by the caller's caller):
 * e.g. the service's held assignment lock, which copies the agents array after
 * each decision to count it. Decisions over such a copy skip the check; an
 * unchecked `previous`, or a different length, leaves `next` to be checked.
 *
 * @internal
 * @param previous - an array `checkAgentSnapshots` accepted
 * @param next - its copy, holding the same agents (some snapshots replaced with counted copies)
 * @returns nothing
 * @example
 * ```ts
 * const next = [...agents]; next[2] = { ...next[2], assigned: { day: 4 } };
 * carryCheckedSnapshots(agents, next);
 * ```
 */
export function carryCheckedSnapshots(previous: readonly AgentSnapshot[], next: readonly AgentSnapshot[]): void {
  if (checked.get(previous) === previous.length && next.length === previous.length) checked.set(next, next.length);
}

/**
 * Marks an agents array the caller built itself from snapshots it has read
 * (with `readAgents`) as checked, so decisions over it skip the check: e.g.
 * `createAssigner`'s live agents, which carry bookkeeping of their own.
 *
 * @internal
 * @param agents - snapshots already read
 * @returns nothing
 * @example
 * ```ts
 * const live = readAgents(given, 'options.agents', true).map(toLive);
 * markSnapshotsChecked(live);
 * ```
 */
export function markSnapshotsChecked(agents: readonly AgentSnapshot[]): void {
  checked.set(agents, agents.length);
}
