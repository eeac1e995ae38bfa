import type { SubjectKind } from './ruleset/types.js';
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
  return `${PREFIXES[type][subject.kind]}${subject.id}:${epochDigits(atMs)}`;
}

// `type:kind:` as one constant string: each `+` of a template literal makes a new string, and this runs once per decision.
const PREFIXES: { readonly [T in RecordType]: { readonly [K in SubjectKind]: string } } = {
  auto: { customer: 'auto:customer:', contact: 'auto:contact:' },
  manual: { customer: 'manual:customer:', contact: 'manual:contact:' },
  application: { customer: 'application:customer:', contact: 'application:contact:' },
};

const THOUSAND = 1_000;
const MILLION = 1_000_000;
/** Beyond this the high part no longer fits a 31-bit integer. */
const MAX_SPLIT = 2 ** 30 * MILLION;
/** '000' … '999': the low six digits are two table lookups, not a number conversion. */
const THREE_DIGITS: readonly string[] = Array.from({ length: THOUSAND }, (_, i) => String(i).padStart(3, '0'));

/**
 * `String(ms)` for epoch milliseconds, written as a small integer and two
 * three-digit groups from a table: a 13-digit number is a heap number whose
 * conversion costs several times more than a small integer's (and the small
 * high part, changing every 1,000 s, hits V8's number-to-string cache), and
 * this runs once per decision.
 */
function epochDigits(ms: number): string {
  // `| 0` keeps every part a small integer (the high part fits 30 bits for any date before the year 35000).
  if (!Number.isSafeInteger(ms) || ms < MILLION || ms >= MAX_SPLIT) return String(ms);
  const high = (ms / MILLION) | 0;
  const low = (ms - high * MILLION) | 0;
  const middle = (low / THOUSAND) | 0;
  return `${high}${THREE_DIGITS[middle]!}${THREE_DIGITS[low - middle * THOUSAND]!}`;
}
