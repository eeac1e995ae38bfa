import { describeValue } from './describeValue.js';
import type { IssueCollector } from './issueCollector.js';
import type { IssuePath } from './issues.js';
import { isPlainObject } from './isPlainObject.js';
import { readOwnValue } from './readOwnValue.js';

/** Deeper than any condition the expression limits allow; stops cycles and hostile nesting. */
const MAX_DEPTH = 64;

/**
 * Deep-copies JSON data (strings, numbers, booleans, null, arrays, plain
 * objects) into fresh arrays and objects that share nothing with the input.
 * Anything else — dates, maps, functions, undefined, cycles, nesting deeper
 * than 64 levels — is reported as `invalid_value`, because a rule set is JSON.
 *
 * @param value - the data to copy
 * @param path - where it was found, for issues
 * @param issues - where problems go
 * @returns `{ value }` with the copy, or undefined after reporting
 * @example
 * ```ts
 * copyJsonData({ all: [{ field: 'tags', op: 'contains', value: 'vip' }] }, ['rules', 0, 'when'], issues);
 * ```
 */
export function copyJsonData(value: unknown, path: IssuePath, issues: IssueCollector): { value: unknown } | undefined {
  return copy(value, path, issues, 0);
}

function copy(value: unknown, path: IssuePath, issues: IssueCollector, depth: number): { value: unknown } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return { value };
  }
  if (depth >= MAX_DEPTH) {
    issues.report('invalid_value', path, `Nested deeper than ${MAX_DEPTH} levels.`);
    return undefined;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = copy(readOwnValue(value, index), [...path, index], issues, depth + 1);
      if (item === undefined) return undefined;
      items.push(item.value);
    }
    return { value: items };
  }
  if (isPlainObject(value)) {
    const object: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const entry = copy(readOwnValue(value, key), [...path, key], issues, depth + 1);
      if (entry === undefined) return undefined;
      // defineProperty, not assignment: a "__proto__" key stays an own data key.
      Object.defineProperty(object, key, { value: entry.value, enumerable: true, writable: true, configurable: true });
    }
    return { value: object };
  }
  issues.report('invalid_value', path, `Expected JSON data, got ${describeValue(value)}.`);
  return undefined;
}
