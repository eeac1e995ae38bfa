import { InputError } from '../errors.js';
import { compileCondition } from '../expr/compileCondition.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import { describeValue } from '../ruleset/describeValue.js';
import { formatIssuePath } from '../ruleset/formatIssuePath.js';

/** Whether a subject's fields pass a filter, at an instant (epoch ms; `daysSince` reads it). */
export type SubjectFilter = (fields: Readonly<Record<string, unknown>>, nowMs: number) => boolean;

/**
 * Compiles a bulk operation's `where` exactly like a rule's `when`: an
 * expression string or a structured condition over the subject's fields,
 * checked against the rule set's declared `fields` (unknown fields and type
 * mismatches are refused). Absent: every subject passes.
 *
 * @param where - the condition as the caller gave it, or undefined
 * @param ruleSet - the compiled rule set (its declared fields)
 * @param path - where the condition sits in the caller's input, e.g. `'input.where'`
 * @returns the filter
 * @throws InputError (`invalid_input`) naming the path of the first problem, e.g. `input.where.all[0].field`
 * @example
 * ```ts
 * const vip = compileSubjectFilter("level >= 3", ruleSet, 'input.where');
 * vip({ level: 4 }, Date.parse('2026-12-05T10:00:00+08:00')); // true
 * ```
 */
export function compileSubjectFilter(where: unknown, ruleSet: CompiledRuleSet, path: string): SubjectFilter {
  if (where === undefined) return () => true;
  const fields = ruleSet.source.fields;
  const compiled = compileCondition(where, fields === undefined ? { context: 'subject', path: [] } : { context: 'subject', fields, path: [] });
  if (!compiled.ok) {
    const issue = compiled.issues[0]!;
    const at = issue.path.length === 0 ? path : `${path}${formatIssuePath(issue.path).replace(/^(?=[A-Za-z_$])/, '.')}`;
    throw new InputError(at, `a condition over the subject's fields (${issue.code})`, describeValue(where));
  }
  const test = compiled.test;
  return (subjectFields, nowMs) => test(subjectFields, null, nowMs);
}
