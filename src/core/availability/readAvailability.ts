import type { Check } from '../ruleset/check.js';
import { describeValue } from '../ruleset/describeValue.js';
import { IssueCollector } from '../ruleset/issueCollector.js';
import type { IssuePath, ValidationIssue } from '../ruleset/issues.js';
import { readOwnValue } from '../ruleset/readOwnValue.js';
import { scheduleCheck } from '../ruleset/scheduleCheck.js';
import type { AgentSnapshot } from '../types.js';
import { leaveCheck } from './leaveCheck.js';
import { maxAssignedCheck } from './maxAssignedCheck.js';

/** The availability fields of an agent profile, checked. */
export type Availability = Pick<AgentSnapshot, 'schedule' | 'leave' | 'maxAssigned' | 'lastAssignedAt'>;

/** The outcome of `readAvailability`: the checked copy, or every issue with its path. */
export type AvailabilityResult = { ok: true; value: Availability } | { ok: false; issues: ValidationIssue[] };

const lastAssignedAtCheck: Check<Date | null> = {
  expected: 'null or an instant (Date, ISO-8601 string or epoch milliseconds)',
  read(value, path, issues) {
    if (value === null) return null;
    const ms =
      typeof value === 'number' ? value
      : typeof value === 'string' ? Date.parse(value)
      : value instanceof Date ? value.getTime()
      : Number.NaN;
    if (Number.isFinite(ms)) return new Date(ms);
    if (typeof value === 'number' || typeof value === 'string' || value instanceof Date) {
      issues.report('invalid_value', path, `Expected null or a valid instant, got ${describeValue(value)}.`);
      return undefined;
    }
    return issues.invalidType(value, path, lastAssignedAtCheck.expected);
  },
};

const FIELDS = { schedule: scheduleCheck, leave: leaveCheck, maxAssigned: maxAssignedCheck, lastAssignedAt: lastAssignedAtCheck };

/**
 * Checks the availability fields of an agent profile — `schedule` (shift, as a
 * rule's schedule), `leave`, `maxAssigned` and `lastAssignedAt` — and returns
 * a clean copy of those present, or every problem with its path. Other keys of
 * `agent` are not looked at (the profile reader checks them). Shared by the
 * core's decisions, the stores and the CLI, so each field means the same
 * everywhere.
 *
 * @param agent - an agent profile or snapshot as received (anything)
 * @param path - where it sits in the caller's input, e.g. `['agents', 3]`
 * @returns `{ ok: true, value }` or `{ ok: false, issues }`
 * @example
 * ```ts
 * const result = readAvailability({ id: 'li-lei', leave: [{ from: '2026-12-03', to: '2026-12-01' }] }, ['agents', 0]);
 * result.ok; // false: issues[0].path is ['agents', 0, 'leave', 0, 'to'], code 'invalid_date_range'
 * ```
 */
export function readAvailability(agent: unknown, path: IssuePath): AvailabilityResult {
  const issues = new IssueCollector();
  const value: Availability = {};
  if (typeof agent !== 'object' || agent === null) {
    issues.invalidType(agent, path, 'an object (an agent profile)');
    return { ok: false, issues: issues.list };
  }
  for (const key of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    const raw = readOwnValue(agent, key);
    if (raw === undefined) continue;
    const checked = FIELDS[key].read(raw, [...path, key], issues);
    if (checked !== undefined) (value as Record<string, unknown>)[key] = checked;
  }
  return issues.list.length === 0 ? { ok: true, value } : { ok: false, issues: issues.list };
}
