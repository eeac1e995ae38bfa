import { PERIODS, type Period } from '../core/ruleset/types.js';
import { arrayCheck, integerCheck, objectCheck } from '../core/ruleset/basicChecks.js';
import type { Check } from '../core/ruleset/check.js';
import { describeValue } from '../core/ruleset/describeValue.js';
import { IssueCollector } from '../core/ruleset/issueCollector.js';
import type { IssuePath, ValidationIssue } from '../core/ruleset/issues.js';
import { scheduleCheck } from '../core/ruleset/scheduleCheck.js';
import { parseIsoDate } from '../core/time/parseIsoDate.js';
import type { LeaveRange } from '../core/types.js';

/** An instant with an explicit offset: a leave end that does not depend on the agent's zone. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A leave end: a date (its day number) or an instant (its epoch ms). */
type LeaveEnd = { kind: 'date'; text: string; value: number } | { kind: 'instant'; text: string; value: number };

const leaveEndCheck: Check<LeaveEnd> = {
  expected: 'a date "YYYY-MM-DD" or an instant with an offset ("2026-12-01T09:00:00+08:00")',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, leaveEndCheck.expected);
    const day = parseIsoDate(value);
    if (day !== null) return { kind: 'date', text: value, value: day };
    const ms = INSTANT_WITH_OFFSET.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(ms)) return { kind: 'instant', text: value, value: ms };
    issues.report('invalid_date_range', path, `Expected ${leaveEndCheck.expected}, got ${describeValue(value)}.`);
    return undefined;
  },
};

const leaveRangeCheck = objectCheck({ what: 'a leave range', keys: ['from', 'to'] }, (range): LeaveRange | undefined => {
  const from = range.required('from', leaveEndCheck);
  const to = range.required('to', leaveEndCheck);
  if (from === undefined || to === undefined) return undefined;
  // Ends of different kinds compare only in the agent's zone, which the engine knows.
  if (from.kind === to.kind && from.value > to.value) {
    range.issues.report('invalid_date_range', range.pathOf('to'), `The leave ends (${to.text}) before it starts (${from.text}); both ends are inclusive.`);
    return undefined;
  }
  return { from: from.text, to: to.text };
});

const leaveCheck = arrayCheck(leaveRangeCheck, 'a list of leave ranges { from, to }');

const capCheck = integerCheck('a cap: an integer from 0', (value): value is number => Number.isSafeInteger(value) && value >= 0);

const maxAssignedCheck = objectCheck({ what: 'caps per period', keys: PERIODS }, (caps) => {
  const result: Partial<Record<Period, number>> = {};
  for (const period of PERIODS) {
    const cap = caps.optional(period, capCheck);
    if (cap !== undefined) result[period] = cap;
  }
  return result;
});

/**
 * The problems of an agent profile's availability properties — `schedule`
 * (as a rule's schedule), `leave` (`{ from, to }` ranges of dates or instants
 * with offsets, inclusive) and `maxAssigned` (integer caps from 0 per period) —
 * and a `lastAssignedAt` given by the caller, which only the store maintains.
 * A structural check shared by the stores' write paths and the CLI's agents
 * file, until the core reads these properties itself.
 *
 * @internal
 * @param agent - the profile as given (any shape)
 * @param path - where it is, e.g. `['agents', 3]`
 * @returns every problem found, with paths and codes (empty when none)
 * @example
 * ```ts
 * availabilityIssues({ id: 'a', maxAssigned: { day: -1 } }, ['agents', 0]);
 * // [{ code: 'invalid_value', path: ['agents', 0, 'maxAssigned', 'day'], message: 'Expected a cap: …' }]
 * ```
 */
export function availabilityIssues(agent: Readonly<Record<string, unknown>>, path: IssuePath): ValidationIssue[] {
  const issues = new IssueCollector();
  const own = (key: string): unknown => (Object.hasOwn(agent, key) ? agent[key] : undefined);
  const schedule = own('schedule');
  if (schedule !== undefined) scheduleCheck.read(schedule, [...path, 'schedule'], issues);
  const leave = own('leave');
  if (leave !== undefined) leaveCheck.read(leave, [...path, 'leave'], issues);
  const maxAssigned = own('maxAssigned');
  if (maxAssigned !== undefined) maxAssignedCheck.read(maxAssigned, [...path, 'maxAssigned'], issues);
  if (own('lastAssignedAt') !== undefined) {
    issues.report('invalid_value', [...path, 'lastAssignedAt'], 'lastAssignedAt is maintained by the store (the latest automatic assignment); leave it out.');
  }
  return issues.list;
}
