import { FieldSlots } from '../expr/fieldSlots.js';
import type { ConditionTest } from './compiledTypes.js';
import { describeValue } from './describeValue.js';
import type { IssueCode, IssueParams, IssuePath, ValidationIssue } from './issues.js';

/**
 * Gathers every issue of one validation run, so the validator reports all
 * problems at once instead of stopping at the first.
 *
 * @example
 * ```ts
 * const issues = new IssueCollector();
 * issues.report('missing', ['timeZone'], 'Missing "timeZone" in the rule set: expected an IANA time zone.');
 * issues.list.length; // 1
 * ```
 */
export class IssueCollector {
  readonly list: ValidationIssue[] = [];
  /** Conditions compiled while checking them, by `conditionKey(path)`, so compiling a rule set compiles each once. */
  readonly conditions = new Map<string, ConditionTest>();
  /** The subject fields those conditions read, numbered: the rule set's field slots. */
  readonly slots = new FieldSlots();

  /**
   * Records one issue.
   *
   * @param code - the issue code
   * @param path - where in the input; copied, so callers may reuse their array
   * @param message - what is wrong and what is expected
   * @param params - the values the message names (e.g. `{ suggestion }`), when there are any
   * @returns nothing
   * @example
   * ```ts
   * issues.report('invalid_weight', ['rules', 0, 'agents', 1, 'weight'], 'Expected a weight greater than 0, got the number 0.');
   * ```
   */
  report(code: IssueCode, path: IssuePath, message: string, params?: IssueParams): void {
    this.list.push({ code, path: [...path], message, ...(params !== undefined && { params }) });
  }

  /**
   * Records issues produced elsewhere (the condition compiler), unchanged.
   *
   * @param issues - complete issues with their own paths
   * @returns nothing
   * @example
   * ```ts
   * if (!compiled.ok) issues.add(compiled.issues);
   * ```
   */
  add(issues: readonly ValidationIssue[]): void {
    this.list.push(...issues);
  }

  /**
   * Records an `invalid_type` issue: the value has the wrong JSON kind.
   *
   * @param value - what was found
   * @param path - where it was found
   * @param expected - what a valid value looks like, e.g. `'a boolean'`
   * @returns undefined, so a check can `return issues.invalidType(…)`
   * @example
   * ```ts
   * issues.invalidType('yes', ['rules', 0, 'enabled'], 'a boolean (true or false)');
   * // message: 'Expected a boolean (true or false), got the string "yes".', params: { got: 'string' }
   * ```
   */
  invalidType(value: unknown, path: IssuePath, expected: string): undefined {
    this.report('invalid_type', path, `Expected ${expected}, got ${describeValue(value)}.`, { got: jsonKind(value) });
    return undefined;
  }
}

/** The JSON kind of a value, for an `invalid_type` issue's `params.got` (a locale names it in its words). */
function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'object' || kind === 'undefined' ? kind : 'other';
}

/**
 * The key under which a condition compiled during validation is kept.
 *
 * @param path - the condition's path, e.g. `['rules', 2, 'when']`
 * @returns a string key
 * @example
 * ```ts
 * conditionKey(['rules', 2, 'when']); // 'rules/2/when'
 * ```
 */
export function conditionKey(path: IssuePath): string {
  return path.join('/');
}
