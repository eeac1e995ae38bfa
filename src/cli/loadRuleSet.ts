import { type CompiledRuleSet, compileRuleSet, type RuleSet, validateRuleSet } from '../index.js';
import { CliError } from './cliError.js';
import { parseJsonText } from './parseJsonText.js';
import { readTextFile } from './readTextFile.js';

/** A rule set read from a file, validated and compiled. */
export interface LoadedRuleSet {
  path: string;
  ruleSet: RuleSet;
  compiled: CompiledRuleSet;
}

/**
 * Reads, validates and compiles a rule-set file for `explain` and `simulate`.
 *
 * @param path - the rule-set JSON file
 * @returns the clean rule set and its compiled form
 * @throws CliError (exit 2) when the file is unreadable, not JSON, or not a valid rule set (with every issue, carets included)
 * @example
 * ```ts
 * const { compiled } = loadRuleSet('examples/data/rules.json');
 * ```
 */
export function loadRuleSet(path: string): LoadedRuleSet {
  const input = parseJsonText(readTextFile(path, 'rule_set'), path);
  const result = validateRuleSet(input);
  if (!result.ok) {
    throw new CliError({ key: 'invalid_rule_set', params: { path, issues: result.issues } });
  }
  return { path, ruleSet: result.ruleSet, compiled: compileRuleSet(result.ruleSet) };
}
