import type { RuleSetChange } from '../index.js';

/** A rule-set change in machine-readable output: its data without the worded message. */
export type RuleChangeJson = Omit<RuleSetChange, 'message'>;

/**
 * The language-neutral form of a rule-set change, as `diff --format json`
 * and `simulate --compare --format json` print it: `code`, `ruleId`, `path`
 * and `params`, never the worded message.
 *
 * @param change - a change from `diffRuleSets`
 * @returns the change without its message
 * @example
 * ```ts
 * diffRuleSets(a, b).map(ruleChangeJson); // [{ code: 'rule_disabled', ruleId: 'vip', path: ['rules', 1, 'enabled'], params: { rule: 'VIP' } }]
 * ```
 */
export function ruleChangeJson(change: RuleSetChange): RuleChangeJson {
  const { message: _message, ...data } = change;
  return data;
}
