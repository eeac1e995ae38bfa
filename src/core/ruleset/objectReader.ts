import { closestName } from '../text/closestName.js';
import { FORBIDDEN_NAMES } from '../expr/forbiddenNames.js';
import type { Check } from './check.js';
import { quote } from './describeValue.js';
import type { IssueCollector } from './issueCollector.js';
import type { IssuePath } from './issues.js';
import { isPlainObject } from './isPlainObject.js';

/** What an object in the rule set may hold. */
export interface ObjectShape {
  /** What the object is, for messages: `'a rule'`, `'the settings'`. */
  readonly what: string;
  /** The allowed keys; absent for dictionaries such as `fields`, whose keys are names. */
  readonly keys?: readonly string[];
  /** Keys refused here with a specific reason (e.g. the default rule's `when`). */
  readonly refused?: ReadonlyMap<string, string>;
}

/**
 * The own entries of a validated object, read through checks that report
 * missing and invalid values at the entry's path.
 *
 * @example
 * ```ts
 * const rule = readObject(input, ['rules', 0], { what: 'a rule', keys: RULE_KEYS }, issues);
 * const name = rule?.required('name', stringCheck); // reports `missing` at ['rules', 0, 'name']
 * ```
 */
export class ObjectReader {
  readonly path: IssuePath;
  private readonly entries: ReadonlyMap<string, unknown>;
  /** Where problems go; builders report cross-field issues (e.g. `from == to`) here. */
  readonly issues: IssueCollector;
  private readonly what: string;

  constructor(path: IssuePath, entries: ReadonlyMap<string, unknown>, issues: IssueCollector, what: string) {
    this.path = path;
    this.entries = entries;
    this.issues = issues;
    this.what = what;
  }

  /**
   * @param key - an allowed key
   * @returns whether the object holds a value (not undefined) under `key`
   * @example
   * ```ts
   * if (order.has('period')) { … }
   * ```
   */
  has(key: string): boolean {
    return this.entries.get(key) !== undefined;
  }

  /**
   * @param key - an allowed key
   * @returns the raw value under `key`, unchecked
   * @example
   * ```ts
   * if (root.raw('defaultRule') === null) { … }
   * ```
   */
  raw(key: string): unknown {
    return this.entries.get(key);
  }

  /**
   * @param key - a key of this object
   * @returns the path of the entry
   * @example
   * ```ts
   * rule.pathOf('id'); // ['rules', 2, 'id']
   * ```
   */
  pathOf(key: string): IssuePath {
    return [...this.path, key];
  }

  /**
   * Every accepted entry (forbidden and unknown keys are already reported and left out).
   *
   * @returns the entries in the input's key order
   * @example
   * ```ts
   * for (const [name, type] of fields.all()) { … }
   * ```
   */
  all(): Iterable<[string, unknown]> {
    return this.entries.entries();
  }

  /**
   * Reads a required entry: reports `missing` when it is absent.
   *
   * @param key - the key
   * @param check - how to validate the value
   * @returns the checked copy, or undefined after reporting
   * @example
   * ```ts
   * const enabled = rule.required('enabled', booleanCheck);
   * ```
   */
  required<T>(key: string, check: Check<T>): T | undefined {
    const value = this.entries.get(key);
    if (value === undefined) {
      this.issues.report('missing', this.pathOf(key), `Missing ${quote(key)} in ${this.what}: expected ${check.expected}.`, { key });
      return undefined;
    }
    return check.read(value, this.pathOf(key), this.issues);
  }

  /**
   * Reads an optional entry: absent is fine, present must be valid.
   *
   * @param key - the key
   * @param check - how to validate the value
   * @returns the checked copy, or undefined when absent or after reporting
   * @example
   * ```ts
   * const description = rule.optional('description', stringCheck);
   * ```
   */
  optional<T>(key: string, check: Check<T>): T | undefined {
    const value = this.entries.get(key);
    return value === undefined ? undefined : check.read(value, this.pathOf(key), this.issues);
  }
}

/**
 * Opens an object of the rule set for reading: checks that it is a plain
 * object and reports every forbidden or unknown own key. Keys are taken with
 * `Object.keys`, so a `__proto__` own key (as `JSON.parse` makes it) is seen
 * and reported, and nothing inherited is ever read. Rule sets are JSON:
 * accessor properties, like proxies, are not supported.
 *
 * @param value - the value found at `path`
 * @param path - where it was found
 * @param shape - what the object may hold
 * @param issues - where problems go
 * @returns a reader over the accepted entries, or undefined when `value` is not a plain object
 * @example
 * ```ts
 * const order = readObject(input, ['rules', 0, 'order'], { what: 'an order', keys: ['by', 'period'] }, issues);
 * ```
 */
export function readObject(
  value: unknown,
  path: IssuePath,
  shape: ObjectShape,
  issues: IssueCollector,
): ObjectReader | undefined {
  if (!isPlainObject(value)) return issues.invalidType(value, path, `an object (${shape.what})`);
  const allowed = shape.keys;
  const entries = new Map<string, unknown>();
  for (const key of Object.keys(value)) {
    const refusal = shape.refused?.get(key);
    if (FORBIDDEN_NAMES.has(key)) {
      issues.report(
        'forbidden_name',
        [...path, key],
        `The key ${quote(key)} is not allowed: it names JavaScript's prototype machinery.`,
        { name: key },
      );
    } else if (refusal !== undefined) {
      issues.report('unknown_key', [...path, key], refusal, { key });
    } else if (allowed !== undefined && !allowed.includes(key)) {
      const suggestion = closestName(key, allowed);
      issues.report('unknown_key', [...path, key], unknownKeyMessage(key, shape.what, allowed, suggestion), {
        key,
        ...(suggestion !== undefined && { suggestion }),
      });
    } else {
      // An own key (from Object.keys), so nothing inherited is ever read.
      entries.set(key, value[key]);
    }
  }
  return new ObjectReader(path, entries, issues, shape.what);
}

function unknownKeyMessage(key: string, what: string, keys: readonly string[], suggestion: string | undefined): string {
  const hint = suggestion === undefined ? '' : ` Did you mean ${quote(suggestion)}?`;
  return `Unknown key ${quote(key)} in ${what}.${hint} Allowed keys: ${keys.join(', ')}.`;
}
