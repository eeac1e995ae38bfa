import { compileExpression } from '../expr/compileExpression.js';
import { describeType } from '../expr/staticType.js';
import type { Check } from './check.js';
import type { FieldType } from './types.js';

/**
 * The waiting queue's `priority`: an expression string over the subject's
 * fields, compiled like a rule's `when` (same syntax, limits, forbidden names
 * and, with declared fields, the same type checks), whose value must be able
 * to be a number. `"level >= 4 ? 10 : 0"` is one; `"region"` with `region`
 * declared a string is refused with `type_mismatch`.
 *
 * @param fields - the declared subject fields, when the declaration is valid
 * @returns a check for the priority expression
 * @example
 * ```ts
 * const priority = queue.optional('priority', priorityCheck({ level: 'number' }));
 * ```
 */
export function priorityCheck(fields: Record<string, FieldType> | undefined): Check<string> {
  const check: Check<string> = {
    expected: 'an expression string giving a number, such as "level >= 4 ? 10 : 0"',
    read(value, path, issues) {
      if (typeof value !== 'string') return issues.invalidType(value, path, check.expected);
      const compiled = compileExpression(value, fields ? { context: 'subject', fields, path } : { context: 'subject', path });
      if (!compiled.ok) {
        issues.add(compiled.issues);
        return undefined;
      }
      const type = compiled.node.type;
      if (type !== 'number' && type !== 'unknown' && type !== 'null') {
        issues.report('type_mismatch', path, `Expected the priority to give a number, but the expression gives ${describeType(type)}.`, {
          expected: 'number',
          actual: type,
        });
        return undefined;
      }
      return value;
    },
  };
  return check;
}
