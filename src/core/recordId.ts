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
  return `${type}:${subject.kind}:${subject.id}:${epochDigits(atMs)}`;
}

const MILLION = 1_000_000;
/** Beyond this the high half no longer fits a 31-bit integer. */
const MAX_SPLIT = 2 ** 30 * MILLION;

/**
 * `String(ms)` for epoch milliseconds, written as two small integers: 13-digit
 * numbers are heap numbers whose conversion costs several times more than a
 * small integer's, and this runs once per decision.
 */
function epochDigits(ms: number): string {
  // `| 0` keeps both halves small integers (the high half fits 30 bits for any date before the year 35000).
  if (!Number.isSafeInteger(ms) || ms < MILLION || ms >= MAX_SPLIT) return String(ms);
  const high = (ms / MILLION) | 0;
  const low = String((ms - high * MILLION) | 0);
  return `${high}${'000000'.slice(low.length)}${low}`;
}
