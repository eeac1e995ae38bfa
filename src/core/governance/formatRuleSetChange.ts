import { DEFAULT_RULE_ID } from '../ruleset/types.js';
import { diffMessages } from './diffMessages.js';
import type { DiffLocale, RuleSetChange, UnwordedChange } from './ruleSetChange.js';

/**
 * Words one rule-set change in a language: the rule it concerns, then what
 * changed (`Rule "VIP customers" (vip): disabled (paused)`,
 * `规则“VIP customers”（vip）：停用`).
 *
 * @param change - a change from `diffRuleSets` (its `message` is ignored) or one not worded yet
 * @param locale - `'en'` (default) or `'zh-CN'`
 * @returns the sentence
 * @example
 * ```ts
 * const [change] = diffRuleSets(before, after);
 * formatRuleSetChange(change, 'zh-CN'); // '规则“VIP customers”（vip）：停用'
 * ```
 */
export function formatRuleSetChange(change: UnwordedChange | RuleSetChange, locale: DiffLocale = 'en'): string {
  const messages = diffMessages[locale];
  // The code picks the params' type; TypeScript cannot follow that correlation through the table lookup.
  const body = (messages.changes[change.code] as (params: UnwordedChange['params']) => string)(change.params);
  if (change.ruleId === undefined) return body;
  const { rule } = change.params as { rule: string };
  const subject = change.ruleId === DEFAULT_RULE_ID ? messages.defaultRule(rule) : messages.rule(rule, change.ruleId);
  return `${subject}${messages.separator}${body}`;
}
