import { compileCondition } from '../expr/compileCondition.js';
import type { Check } from './check.js';
import { copyJsonData } from './copyJsonData.js';
import { conditionKey } from './issueCollector.js';
import type { Condition, FieldType } from './types.js';

/**
 * A condition (`when`, `eligibility.agentWhen`) in string or structured form.
 * The condition compiler does the checking and reports every expression
 * issue with its path; this check adds the deep copy.
 *
 * @param context - `'subject'` for `when`, `'agent'` for `agentWhen` (where `agent.*` is visible)
 * @param fields - the declared subject fields, when the declaration is valid
 * @returns a check for conditions
 * @example
 * ```ts
 * const when = rule.optional('when', conditionCheck('subject', { region: 'string' }));
 * ```
 */
export function conditionCheck(
  context: 'subject' | 'agent',
  fields: Record<string, FieldType> | undefined,
): Check<string | Condition> {
  return {
    expected: 'an expression string or a structured condition',
    read(value, path, issues) {
      const slots = issues.slots;
      const compiled = compileCondition(value, fields ? { context, fields, path, slots } : { context, path, slots });
      if (!compiled.ok) {
        issues.add(compiled.issues);
        return undefined;
      }
      issues.conditions.set(conditionKey(path), compiled.test);
      if (typeof value === 'string') return value;
      // The compiler accepted the tree, so its shape is a Condition; only the copy is left to do.
      return copyJsonData(value, path, issues)?.value as Condition | undefined;
    },
  };
}
