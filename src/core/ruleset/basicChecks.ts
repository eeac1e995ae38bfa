/**
 * The building blocks of the rule-set validator: checks for scalars, lists
 * and objects. Each returns a clean copy of a valid value and reports every
 * problem it finds with its path.
 */
import { closestTimeZone } from '../time/closestTimeZone.js';
import { isValidTimeZone } from '../time/isValidTimeZone.js';
import type { Check } from './check.js';
import { describeValue, quote } from './describeValue.js';
import type { IssueCollector } from './issueCollector.js';
import type { IssuePath } from './issues.js';
import { type ObjectReader, type ObjectShape, readObject } from './objectReader.js';
import { readOwnValue } from './readOwnValue.js';

/** `true` or `false`. */
export const booleanCheck: Check<boolean> = {
  expected: 'a boolean (true or false)',
  read: (value, path, issues) =>
    typeof value === 'boolean' ? value : issues.invalidType(value, path, booleanCheck.expected),
};

/** Any string, empty included. */
export const stringCheck: Check<string> = {
  expected: 'a string',
  read: (value, path, issues) =>
    typeof value === 'string' ? value : issues.invalidType(value, path, stringCheck.expected),
};

/** A string with at least one character. */
export const nonEmptyStringCheck: Check<string> = {
  expected: 'a non-empty string',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, nonEmptyStringCheck.expected);
    if (value.length === 0) {
      issues.report('invalid_value', path, 'Expected a non-empty string, got the empty string "".');
      return undefined;
    }
    return value;
  },
};

/** An IANA time zone such as `"Asia/Shanghai"`. */
export const timeZoneCheck: Check<string> = {
  expected: 'an IANA time zone such as "Asia/Shanghai"',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, timeZoneCheck.expected);
    if (!isValidTimeZone(value)) {
      const suggestion = closestTimeZone(value);
      const hint = suggestion === undefined ? '' : ` Did you mean ${quote(suggestion)}?`;
      issues.report('invalid_time_zone', path, `Expected an IANA time zone such as "Asia/Shanghai", got ${quote(value)}.${hint}`, {
        given: value,
        ...(suggestion !== undefined && { suggestion }),
      });
      return undefined;
    }
    return value;
  },
};

/**
 * One of a fixed set of strings.
 *
 * @param allowed - the accepted values
 * @returns a check reporting `invalid_type` for non-strings and `invalid_value` for other strings
 * @example
 * ```ts
 * const onNoAgentCheck = oneOfCheck(['next', 'stop'] as const);
 * ```
 */
export function oneOfCheck<T extends string>(allowed: readonly T[]): Check<T> {
  const expected = `one of ${allowed.map((value) => quote(value)).join(', ')}`;
  const isAllowed = (value: string): value is T => (allowed as readonly string[]).includes(value);
  return {
    expected,
    read(value, path, issues) {
      if (typeof value !== 'string') return issues.invalidType(value, path, expected);
      if (!isAllowed(value)) {
        issues.report('invalid_value', path, `Expected ${expected}, got ${quote(value)}.`);
        return undefined;
      }
      return value;
    },
  };
}

/**
 * An integer in a range, narrowed to a literal union by `accept`.
 *
 * @param expected - what a valid value looks like, for messages
 * @param accept - true for the accepted numbers (a type guard)
 * @returns a check reporting `invalid_type` for non-numbers and `invalid_value` for other numbers
 * @example
 * ```ts
 * const weekdayCheck = integerCheck('an ISO weekday (1 = Monday … 7 = Sunday)', isIsoWeekday);
 * ```
 */
export function integerCheck<T extends number>(expected: string, accept: (value: number) => value is T): Check<T> {
  return {
    expected,
    read(value, path, issues) {
      if (typeof value !== 'number') return issues.invalidType(value, path, expected);
      if (!accept(value)) {
        issues.report('invalid_value', path, `Expected ${expected}, got ${describeValue(value)}.`);
        return undefined;
      }
      return value;
    },
  };
}

/** Extra rules for a list. */
export interface ArrayRules {
  /** When set, an empty list is an `invalid_value` with this message. */
  readonly nonEmpty?: string;
  /** Items must be distinct: a repeated item is an `invalid_value` at its index. */
  readonly distinct?: boolean;
}

/**
 * A list whose items all pass `item`; every bad item is reported.
 *
 * @param item - the check for each item
 * @param expected - what a valid list looks like, for messages
 * @param rules - emptiness and distinctness rules
 * @returns a check returning a new array of checked copies
 * @example
 * ```ts
 * const presenceListCheck = arrayCheck(oneOfCheck(PRESENCES), 'a list of presences', { nonEmpty: '…', distinct: true });
 * ```
 */
export function arrayCheck<T>(item: Check<T>, expected: string, rules: ArrayRules = {}): Check<T[]> {
  return {
    expected,
    read(value, path, issues) {
      if (!Array.isArray(value)) return issues.invalidType(value, path, expected);
      if (value.length === 0 && rules.nonEmpty !== undefined) {
        issues.report('invalid_value', path, rules.nonEmpty);
        return undefined;
      }
      const copy: T[] = [];
      const firstIndex = new Map<T, number>();
      let valid = true;
      for (let index = 0; index < value.length; index++) {
        const itemPath: IssuePath = [...path, index];
        const checked = item.read(readOwnValue(value, index), itemPath, issues);
        if (checked === undefined) {
          valid = false;
          continue;
        }
        if (rules.distinct) {
          const first = firstIndex.get(checked);
          if (first !== undefined) {
            issues.report('invalid_value', itemPath, `${describeValue(checked)} is listed twice (first at index ${first}).`);
            valid = false;
            continue;
          }
          firstIndex.set(checked, index);
        }
        copy.push(checked);
      }
      return valid ? copy : undefined;
    },
  };
}

/**
 * An object of a known shape, read by `build` through an `ObjectReader`.
 *
 * @param shape - the object's description and allowed keys
 * @param build - reads the entries and assembles the copy; returns undefined when something required is invalid
 * @returns a check for such objects
 * @example
 * ```ts
 * const rangeCheck = objectCheck({ what: 'an hour range', keys: ['from', 'to'] }, (range) => …);
 * ```
 */
export function objectCheck<T>(shape: ObjectShape, build: (reader: ObjectReader) => T | undefined): Check<T> {
  return {
    expected: `an object (${shape.what})`,
    read(value, path, issues: IssueCollector) {
      const reader = readObject(value, path, shape, issues);
      return reader === undefined ? undefined : build(reader);
    },
  };
}
