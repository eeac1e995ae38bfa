import type { RecordType, SubjectRef } from './types.js';

/**
 * The id a record gets when the caller does not supply one: derived from what
 * the record is about, so the same call at the same instant yields the same id
 * (the core stays deterministic).
 *
 * @example
 * ```ts
 * deriveRecordId('auto', { id: 'c-1', kind: 'customer' }, 1790816400000); // 'auto:customer:c-1:1790816400000'
 * ```
 */
export function deriveRecordId(type: RecordType, subject: SubjectRef, atMs: number): string {
  return `${type}:${subject.kind}:${subject.id}:${atMs}`;
}
