import { FORBIDDEN_NAMES } from '../expr/forbiddenNames.js';
import { nonEmptyStringCheck, objectCheck, oneOfCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { conditionCheck } from './conditionCheck.js';
import { quote } from './describeValue.js';
import { formatIssuePath } from './formatIssuePath.js';
import type { IssuePath } from './issues.js';
import type { ObjectReader } from './objectReader.js';
import { RULE_BODY_KEYS, readRuleBody } from './readRuleBody.js';
import { DEFAULT_RULE_ID, type FieldType, type Rule } from './types.js';

/** What checking one rule needs to know about the whole rule set. */
export interface RuleContext {
  /** The declared subject fields, when the declaration is valid. */
  readonly fields: Record<string, FieldType> | undefined;
  /** Rule id → path of the rule that first used it; shared by all rules of the set. */
  readonly firstUseOfId: Map<string, IssuePath>;
}

const appliesToCheck = oneOfCheck(['customer', 'contact', 'any'] as const);

/**
 * One entry of `rules` (子规则). Its id must be non-empty, must not be
 * `'$default'` (reserved for the default rule) or a prototype name (rule ids
 * key rule-state objects), and must be unique: a repeated id is reported at
 * the later rule, naming the earlier one.
 *
 * @param context - the declared fields and the ids seen so far
 * @returns a check for rules
 * @example
 * ```ts
 * const rulesCheck = arrayCheck(ruleCheck({ fields, firstUseOfId: new Map() }), 'a list of rules');
 * ```
 */
export function ruleCheck(context: RuleContext): Check<Rule> {
  const whenCheck = conditionCheck('subject', context.fields);
  return objectCheck({ what: 'a rule', keys: ['id', 'appliesTo', 'when', ...RULE_BODY_KEYS] }, (rule): Rule | undefined => {
    const id = readRuleId(rule, context.firstUseOfId);
    const appliesTo = rule.optional('appliesTo', appliesToCheck);
    const when = rule.optional('when', whenCheck);
    const body = readRuleBody(rule, context.fields);
    if (id === undefined || body === undefined) return undefined;
    return {
      id,
      ...(appliesTo !== undefined && { appliesTo }),
      ...(when !== undefined && { when }),
      ...body,
    };
  });
}

function readRuleId(rule: ObjectReader, firstUseOfId: Map<string, IssuePath>): string | undefined {
  const id = rule.required('id', nonEmptyStringCheck);
  if (id === undefined) return undefined;
  if (id === DEFAULT_RULE_ID) {
    rule.issues.report(
      'reserved_id',
      rule.pathOf('id'),
      `The id "${DEFAULT_RULE_ID}" is reserved for the default rule; choose another id.`,
      { id: DEFAULT_RULE_ID },
    );
    return undefined;
  }
  if (FORBIDDEN_NAMES.has(id)) {
    rule.issues.report(
      'forbidden_name',
      rule.pathOf('id'),
      `${quote(id)} cannot be a rule id: it names JavaScript's prototype machinery.`,
      { name: id },
    );
    return undefined;
  }
  const firstUse = firstUseOfId.get(id);
  if (firstUse !== undefined) {
    rule.issues.report(
      'duplicate_id',
      rule.pathOf('id'),
      `The rule id ${quote(id)} is already used by ${formatIssuePath(firstUse)}; rule ids must be unique.`,
      { id },
    );
    return undefined;
  }
  firstUseOfId.set(id, rule.path);
  return id;
}
