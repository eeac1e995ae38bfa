import { daysSince } from '../expr/daysSince.js';
import { readDataProperty } from '../expr/readDataProperty.js';
import { closestName } from '../text/closestName.js';
import type { FieldType } from './types.js';

/** What a subject field's value is, as conditions read it (a `Date` reads as its ISO string). */
export type FieldValueKind = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | 'array' | 'object';

/**
 * One way a subject's data contradicts the rule set's declared `fields`, as
 * data: a `code`, the `field` and the `params` a sentence needs, so each
 * language renders it its own way (`explain` renders English).
 */
export type SubjectFieldFinding =
  /** The subject has a field the rule set does not declare; conditions cannot use it. */
  | { code: 'undeclared_field'; field: string; params: { suggestion: string | null } }
  /** The field's value is not of the declared type; `value` is its JSON text for a scalar (cut at 40 characters), else null. */
  | { code: 'wrong_type'; field: string; params: { declared: FieldType; actual: FieldValueKind; value: string | null } }
  /** A declared field is absent or null; conditions read it as null. */
  | { code: 'missing_field'; field: string; params: { declared: FieldType } };

/** Longest value text a finding quotes, so a pasted document cannot flood an explanation. */
const MAX_SHOWN = 40;

/**
 * Compares a subject's fields with the rule set's declared `fields`: each
 * field the rule set does not declare (with the declared name it most likely
 * meant), each value of another type than declared, and each declared field
 * that is absent or null — in the subject's field order, then the declared
 * order. Values are read as conditions read them (own properties only; a
 * `Date` as its ISO string). Without declared fields there is nothing to
 * compare with, and the answer is empty.
 *
 * @param declared - the rule set's `fields` (or undefined)
 * @param fields - the subject's fields (anything that is not a plain object has none)
 * @returns the findings, empty when the data agrees with the declaration
 * @example
 * ```ts
 * checkSubjectFields({ level: 'number', region: 'string' }, { level: '4', regoin: '北京' });
 * // [{ code: 'wrong_type', field: 'level', params: { declared: 'number', actual: 'string', value: '"4"' } },
 * //  { code: 'undeclared_field', field: 'regoin', params: { suggestion: 'region' } },
 * //  { code: 'missing_field', field: 'region', params: { declared: 'string' } }]
 * ```
 */
export function checkSubjectFields(
  declared: Readonly<Record<string, FieldType>> | undefined,
  fields: unknown,
): SubjectFieldFinding[] {
  if (declared === undefined) return [];
  const names = Object.keys(declared);
  const present = typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {};
  const findings: SubjectFieldFinding[] = [];
  for (const field of Object.keys(present)) {
    const value = readDataProperty(present, field);
    if (!Object.hasOwn(declared, field)) {
      findings.push({ code: 'undeclared_field', field, params: { suggestion: closestName(field, names) ?? null } });
      continue;
    }
    const type = declared[field]!;
    if (value === null || fits(type, value)) continue;
    findings.push({ code: 'wrong_type', field, params: { declared: type, actual: kindOf(value), value: shown(value) } });
  }
  for (const field of names) {
    if (readDataProperty(present, field) === null) findings.push({ code: 'missing_field', field, params: { declared: declared[field]! } });
  }
  return findings;
}

function fits(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'date':
      // Conditions compare dates as ISO strings and daysSince() reads them: the same strings fit.
      return typeof value === 'string' && daysSince(value, 0) !== null;
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'number[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'number');
    default:
      return typeof value === type;
  }
}

function kindOf(value: unknown): FieldValueKind {
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return 'string[]';
    return value.every((item) => typeof item === 'number') ? 'number[]' : 'array';
  }
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' ? kind : 'object';
}

function shown(value: unknown): string | null {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value);
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}
