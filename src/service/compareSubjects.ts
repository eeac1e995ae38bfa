import type { SubjectRef } from '../core/types.js';

/**
 * The order in which a transaction locks several subjects: kind, then id.
 * Every call that locks more than one follows it, so two transactions never
 * wait for each other's subjects in a cycle.
 *
 * @internal
 * @param a - a subject
 * @param b - another subject
 * @returns negative when `a` is locked first
 * @example
 * ```ts
 * subjects.sort(compareSubjects);
 * ```
 */
export function compareSubjects(a: SubjectRef, b: SubjectRef): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
