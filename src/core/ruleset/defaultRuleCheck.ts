import { objectCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { describeValue } from './describeValue.js';
import { RULE_BODY_KEYS, readRuleBody } from './readRuleBody.js';
import { DEFAULT_RULE_ID, type DefaultRule, type FieldType } from './types.js';

const NO_CONDITION = 'The default rule has no condition: it applies to every subject that no rule assigned. Remove';

const REFUSED = new Map([
  ['when', `${NO_CONDITION} "when", or move the condition into a rule.`],
  ['appliesTo', `${NO_CONDITION} "appliesTo"; add a rule for one kind of subject instead.`],
]);

/**
 * The `defaultRule` (默认规则): a rule without `when` and `appliesTo`, whose
 * `id` is absent or exactly `'$default'`. Like a rule, it needs a `name` (the
 * admin UI shows it), `enabled`, participants and an order.
 *
 * @param fields - the declared subject fields, when the declaration is valid (for `agentWhen`)
 * @returns a check for default rules (a `null` default rule is handled by the caller)
 * @example
 * ```ts
 * const defaultRule = root.optional('defaultRule', defaultRuleCheck(fields));
 * ```
 */
export function defaultRuleCheck(fields: Record<string, FieldType> | undefined): Check<DefaultRule> {
  return objectCheck(
    { what: 'the default rule', keys: ['id', ...RULE_BODY_KEYS], refused: REFUSED },
    (rule): DefaultRule | undefined => {
      const id = rule.raw('id');
      const idValid = id === undefined || id === DEFAULT_RULE_ID;
      if (!idValid) {
        const expected = `"${DEFAULT_RULE_ID}" or no id at all: the default rule's id is fixed`;
        if (typeof id === 'string') {
          rule.issues.report('invalid_value', rule.pathOf('id'), `Expected ${expected}, got ${describeValue(id)}.`);
        } else {
          rule.issues.invalidType(id, rule.pathOf('id'), expected);
        }
      }
      const body = readRuleBody(rule, fields);
      if (!idValid || body === undefined) return undefined;
      return { ...(id === DEFAULT_RULE_ID && { id: DEFAULT_RULE_ID }), ...body };
    },
  );
}
