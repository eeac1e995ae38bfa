import { readId } from '../../core/input/readId.js';
import { readRuleSetVersion } from '../../core/input/readRuleSetVersion.js';
import { readRuleSetVersionQuery } from '../../core/input/readRuleSetVersionQuery.js';
import type { AssignmentStore } from '../../ports.js';
import { decodeRuleSetCursor, encodeRuleSetCursor } from '../ruleSetCursor.js';
import type { MemoryState } from './memoryState.js';

/** The memory store's rule-set history and kept decisions: the port's optional methods for them. */
export type MemoryRuleSetVersions = Required<
  Pick<AssignmentStore, 'saveRuleSet' | 'currentRuleSet' | 'ruleSetRevision' | 'ruleSetVersion' | 'ruleSetVersions' | 'recordDecision'>
>;

/**
 * The memory store's methods for rule-set versions and kept decisions, on
 * its state: a save appends to the history through the store's queue (so it
 * never lands in the middle of a transaction); reads return copies.
 *
 * @internal
 * @param state - the store's state
 * @param serialised - runs a job in the store's queue, after the transactions before it
 * @returns the methods
 * @example
 * ```ts
 * const store = { ...methods, ...memoryRuleSetVersions(state, serialised) };
 * ```
 */
export function memoryRuleSetVersions(state: MemoryState, serialised: <T>(job: () => T) => Promise<T>): MemoryRuleSetVersions {
  const history = state.ruleSetVersions;
  return {
    async saveRuleSet(version) {
      const read = readRuleSetVersion(version, 'version');
      await serialised(() => {
        history.push(structuredClone(read));
      });
    },
    async currentRuleSet() {
      const current = history[history.length - 1];
      return current === undefined ? null : structuredClone(current);
    },
    async ruleSetRevision() {
      return history[history.length - 1]?.revision ?? null;
    },
    async ruleSetVersion(revision) {
      readId(revision, 'revision');
      const first = history.find((version) => version.revision === revision);
      return first === undefined ? null : structuredClone(first);
    },
    async ruleSetVersions(query) {
      const { cursor, limit } = readRuleSetVersionQuery(query, 'query');
      // Positions count from 1; a page holds the `limit` entries before the cursor's, newest first.
      const before = cursor === undefined ? history.length + 1 : decodeRuleSetCursor(cursor);
      const end = Math.min(before - 1, history.length);
      const start = Math.max(0, end - limit);
      const items = history.slice(start, end).reverse();
      return { items: structuredClone(items), nextCursor: start > 0 ? encodeRuleSetCursor(start + 1) : null };
    },
    async recordDecision(recordId) {
      const decision = state.decisions.get(readId(recordId, 'recordId'));
      return decision === undefined ? null : structuredClone(decision);
    },
  };
}
