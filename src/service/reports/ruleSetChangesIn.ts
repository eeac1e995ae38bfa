import type { RuleSetChangeMark } from '../../core/reports/types.js';
import type { AssignmentStore } from '../../ports.js';
import { callStore } from '../callStore.js';

/** The most versions read for one report: a window with more rule changes is marked up to here. */
const MOST = 500;

/**
 * The rule-set versions saved inside [`from`, `to`), oldest first, for the
 * report's marks: each with its revision, instant, actor and note. Empty when
 * the store keeps no versions (the version methods are optional).
 *
 * @internal
 * @param store - the store
 * @param from - start of the window (inclusive)
 * @param to - end of the window (exclusive)
 * @returns the changes, oldest first
 * @example
 * ```ts
 * const marks = await ruleSetChangesIn(store, from, to); // [{ revision, at, actor, note }]
 * ```
 */
export async function ruleSetChangesIn(store: AssignmentStore, from: Date, to: Date): Promise<RuleSetChangeMark[]> {
  const page = store.ruleSetVersions?.bind(store);
  if (page === undefined) return [];
  const marks: RuleSetChangeMark[] = [];
  let cursor: string | undefined;
  for (;;) {
    const { items, nextCursor } = await callStore('ruleSetVersions', () => page(cursor === undefined ? { limit: 100 } : { limit: 100, cursor }));
    for (const version of items) {
      const at = version.createdAt.getTime();
      if (at >= to.getTime()) continue;
      if (at < from.getTime()) return marks.reverse();
      marks.push({ revision: version.revision, at: new Date(at), actor: version.actor, note: version.note });
      if (marks.length === MOST) return marks.reverse();
    }
    if (nextCursor === null) return marks.reverse();
    cursor = nextCursor;
  }
}
