import type { WaitingEntry } from '../types.js';

/**
 * The waiting queue's order: priority descending, then the longest wait
 * (`since` ascending), then subject id, then kind — a total order, so every
 * store and every process drains in the same sequence.
 *
 * @param a - an entry
 * @param b - another entry
 * @returns negative when `a` comes first, positive when `b` does, 0 for the same subject
 * @example
 * ```ts
 * entries.sort(compareWaiting); // the head first
 * ```
 */
export function compareWaiting(a: Pick<WaitingEntry, 'subject' | 'since' | 'priority'>, b: Pick<WaitingEntry, 'subject' | 'since' | 'priority'>): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const since = a.since.getTime() - b.since.getTime();
  if (since !== 0) return since;
  if (a.subject.id !== b.subject.id) return a.subject.id < b.subject.id ? -1 : 1;
  if (a.subject.kind !== b.subject.kind) return a.subject.kind < b.subject.kind ? -1 : 1;
  return 0;
}
