import type { RuleSet } from '../ruleset/types.js';
import { canonicalJson } from './canonicalJson.js';
import { fnv1a64 } from './fnv1a64.js';

/**
 * The revision of a rule set: a name derived from its content alone — the
 * 64-bit FNV-1a hash of its canonical JSON (keys sorted, no spaces), as 16
 * hex digits. Equal content gives the same revision in every process and
 * version of Node; any change of content (a rule, a weight, a note in a
 * description, the order of rules) gives another one. `compileRuleSet`
 * computes it on the validated rule set and keeps it as the compiled set's
 * `revision`.
 *
 * @param ruleSet - a validated rule set (plain JSON)
 * @returns 16 lowercase hex digits
 * @example
 * ```ts
 * ruleSetRevision(ruleSet) === compileRuleSet(ruleSet).revision; // true
 * ```
 */
export function ruleSetRevision(ruleSet: RuleSet): string {
  return fnv1a64(canonicalJson(ruleSet));
}
