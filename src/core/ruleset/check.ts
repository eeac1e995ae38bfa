import type { IssueCollector } from './issueCollector.js';
import type { IssuePath } from './issues.js';

/**
 * A validator for one kind of value: returns a clean copy of a valid value, or
 * reports why it is invalid and returns undefined. Checks compose (objects,
 * arrays), which keeps the rule-set validator declarative.
 *
 * @example
 * ```ts
 * const enabled = booleanCheck.read(input.enabled, ['rules', 0, 'enabled'], issues);
 * ```
 */
export interface Check<T> {
  /** What a valid value looks like, for messages: `'a boolean (true or false)'`. */
  readonly expected: string;
  /** Validates and copies `value`; every problem goes to `issues`. */
  read(value: unknown, path: IssuePath, issues: IssueCollector): T | undefined;
}
