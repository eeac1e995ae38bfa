import { arrayCheck, integerCheck, oneOfCheck, timeZoneCheck } from './basicChecks.js';
import type { Check } from './check.js';
import { defaultRuleCheck } from './defaultRuleCheck.js';
import { describeValue } from './describeValue.js';
import { IssueCollector } from './issueCollector.js';
import type { IssuePath, ValidationIssue } from './issues.js';
import { readObject } from './objectReader.js';
import { ruleCheck } from './ruleCheck.js';
import { settingsCheck } from './settingsCheck.js';
import type { DefaultRule, FieldType, RuleSet, WeekStartsOn } from './types.js';

/** The outcome of `validateRuleSet`: a clean copy, or every issue found. */
export type ValidationResult = { ok: true; ruleSet: RuleSet } | { ok: false; issues: ValidationIssue[] };

// A record keyed by FieldType makes the compiler notice when a field type is added.
const FIELD_TYPE_SET: Record<FieldType, true> = {
  string: true,
  number: true,
  boolean: true,
  date: true,
  'string[]': true,
  'number[]': true,
};
const fieldTypeCheck = oneOfCheck(Object.keys(FIELD_TYPE_SET) as FieldType[]);

const versionCheck: Check<1> = {
  expected: 'the number 1',
  read(value, path, issues) {
    if (value === 1) return 1;
    issues.report('invalid_value', path, `Expected version 1 (the only rule-set version), got ${describeValue(value)}.`);
    return undefined;
  },
};

const isWeekStart = (value: number): value is WeekStartsOn => Number.isInteger(value) && value >= 0 && value <= 6;
const weekStartsOnCheck = integerCheck('an integer from 0 (Sunday) to 6 (Saturday)', isWeekStart);

/** `fields`: a dictionary of subject field names to their declared types. */
const fieldsCheck: Check<Record<string, FieldType>> = {
  expected: 'an object mapping field names to field types',
  read(value, path, issues) {
    const issuesBefore = issues.list.length;
    const fields = readObject(value, path, { what: 'the field declarations' }, issues);
    if (fields === undefined) return undefined;
    const copy: Record<string, FieldType> = {};
    for (const [name, type] of fields.all()) {
      if (name === '') issues.report('invalid_value', fields.pathOf(name), 'A field name cannot be empty.');
      const checked = fieldTypeCheck.read(type, fields.pathOf(name), issues);
      // Forbidden names never get here (readObject reports them), so plain assignment is safe.
      if (checked !== undefined) copy[name] = checked;
    }
    // Any issue (a forbidden name included) makes the declaration unusable for checking conditions.
    return issues.list.length === issuesBefore ? copy : undefined;
  },
};

const ROOT_KEYS = ['version', 'timeZone', 'weekStartsOn', 'settings', 'fields', 'rules', 'defaultRule'];

/**
 * Validates a rule set (SPEC §3–§4) and reports every issue at once, each
 * with its code, its path into the input and a message saying what is
 * expected. Never throws: junk of any shape yields issues. On success the
 * rule set is a deep copy holding only the known keys, so later changes to
 * the input cannot reach it and nothing from the input's prototype chain
 * survives.
 *
 * @param input - the rule set as stored by the caller (parsed JSON), or anything else
 * @returns `{ ok: true, ruleSet }` with the clean copy, or `{ ok: false, issues }`
 * @example
 * ```ts
 * const result = validateRuleSet(JSON.parse(text));
 * if (!result.ok) console.error(formatIssues(result.issues));
 * ```
 */
export function validateRuleSet(input: unknown): ValidationResult {
  const { ruleSet, issues } = checkRuleSet(input);
  return ruleSet === undefined ? { ok: false, issues: issues.list } : { ok: true, ruleSet };
}

/**
 * `validateRuleSet` for the compiler: also hands over the conditions it
 * compiled while checking them (keyed by `conditionKey(path)`).
 *
 * @internal
 * @param input - anything
 * @returns the clean copy (undefined when there are issues) and the collector
 * @example
 * ```ts
 * const { ruleSet, issues } = checkRuleSet(input);
 * const when = issues.conditions.get(conditionKey(['rules', 0, 'when']));
 * ```
 */
export function checkRuleSet(input: unknown): { ruleSet: RuleSet | undefined; issues: IssueCollector } {
  const issues = new IssueCollector();
  const ruleSet = readRuleSet(input, issues);
  return { ruleSet: issues.list.length > 0 ? undefined : ruleSet, issues };
}

function readRuleSet(input: unknown, issues: IssueCollector): RuleSet | undefined {
  const root = readObject(input, [], { what: 'the rule set', keys: ROOT_KEYS }, issues);
  if (root === undefined) return undefined;
  const version = root.required('version', versionCheck);
  const timeZone = root.required('timeZone', timeZoneCheck);
  const weekStartsOn = root.optional('weekStartsOn', weekStartsOnCheck);
  const fields = root.optional('fields', fieldsCheck);
  const settings = root.required('settings', settingsCheck(fields));
  const rulesCheck = arrayCheck(ruleCheck({ fields, firstUseOfId: new Map<string, IssuePath>() }), 'a list of rules');
  const rules = root.required('rules', rulesCheck);
  // null is an explicit "no default rule", as an admin UI saves it after removing one.
  const defaultRule: DefaultRule | null | undefined =
    root.raw('defaultRule') === null ? null : root.optional('defaultRule', defaultRuleCheck(fields));
  if (version === undefined || timeZone === undefined || settings === undefined || rules === undefined) return undefined;
  return {
    version,
    timeZone,
    ...(weekStartsOn !== undefined && { weekStartsOn }),
    settings,
    ...(fields !== undefined && { fields }),
    rules,
    ...(defaultRule !== undefined && { defaultRule }),
  };
}
