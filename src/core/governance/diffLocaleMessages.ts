import type { RuleSetChangeCode, RuleSetChangeParams } from './ruleSetChange.js';

/**
 * The wording of rule-set changes in one language: a sentence per change code
 * (built from the change's params only) and how a rule is named at the start
 * of the sentences about it. A locale missing a code fails to compile.
 */
export interface DiffLocaleMessages {
  /** Names a rule: `Rule "VIP customers" (vip)`. */
  rule(name: string, id: string): string;
  /** Names the default rule. */
  defaultRule(name: string): string;
  /** Between the rule's name and what changed in it (`: ` or `：`). */
  separator: string;
  /** How many changes there are, for a heading: `3 changes`, `no change`. */
  count(changes: number): string;
  /** What changed, per code. */
  changes: { [C in RuleSetChangeCode]: (params: RuleSetChangeParams[C]) => string };
}
