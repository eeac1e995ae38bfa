import type { IssueParams } from '../ruleset/issues.js';
import type { FieldType } from '../ruleset/types.js';
import { closestName } from '../text/closestName.js';
import type { FieldSlots } from './fieldSlots.js';
import type { StaticType } from './staticType.js';
import { subjectFieldNode, type ValueNode } from './valueNode.js';

/** Names that, followed by a property, refer to the subject's fields: `customer.region`. */
export const SUBJECT_ROOTS: ReadonlySet<string> = new Set(['customer', 'contact', 'subject']);

const FIELD_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'date', 'string[]', 'number[]']);
const LISTED_FIELDS = 12;

/**
 * A reference to the subject field `key`, checked against the declared fields
 * when there are any.
 *
 * @param key - the field name
 * @param fields - the declared fields (`RuleSet.fields`), if any
 * @param slots - the rule set's field slots, if the condition reads slot values
 * @returns the node reading the field, or why it is unknown, with the issue's params (`field`, and `suggestion`: the declared field it most likely meant)
 * @example
 * ```ts
 * subjectFieldReference('level', { level: 'number' }); // { ok: true, node: … }
 * subjectFieldReference('levle', { level: 'number' });
 * // { ok: false, message: 'Unknown field `levle`; did you mean `level`? Declared fields: level.', params: { field: 'levle', suggestion: 'level' } }
 * ```
 */
export function subjectFieldReference(
  key: string,
  fields: Readonly<Record<string, FieldType>> | undefined,
  slots?: FieldSlots,
): { ok: true; node: ValueNode } | { ok: false; message: string; params: IssueParams } {
  const slot = slots?.slotOf(key);
  if (fields === undefined) return { ok: true, node: subjectFieldNode(key, 'unknown', slot) };
  if (Object.hasOwn(fields, key)) {
    const declared: unknown = fields[key];
    const type = typeof declared === 'string' && FIELD_TYPES.has(declared) ? (declared as StaticType) : 'unknown';
    return { ok: true, node: subjectFieldNode(key, type, slot) };
  }
  const names = Object.keys(fields);
  const listed = names.length === 0 ? 'none' : names.slice(0, LISTED_FIELDS).join(', ') + (names.length > LISTED_FIELDS ? ', …' : '');
  const suggestion = closestName(key, names);
  if (suggestion === undefined) return { ok: false, message: `Unknown field \`${key}\`; declared fields: ${listed}.`, params: { field: key } };
  return {
    ok: false,
    message: `Unknown field \`${key}\`; did you mean \`${suggestion}\`? Declared fields: ${listed}.`,
    params: { field: key, suggestion },
  };
}
