import type { SubjectRef } from '../../core/types.js';

/**
 * The key of a subject in the memory store's maps: kind and id, which together
 * identify a subject.
 *
 * @internal
 * @param subject - the subject
 * @returns a string key
 * @example
 * ```ts
 * subjectKey({ id: 'c-1', kind: 'customer' }); // 'customer\u0000c-1'
 * ```
 */
export function subjectKey(subject: SubjectRef): string {
  return `${subject.kind}\u0000${subject.id}`;
}
