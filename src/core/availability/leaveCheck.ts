import { arrayCheck, objectCheck } from '../ruleset/basicChecks.js';
import type { Check } from '../ruleset/check.js';
import { quote } from '../ruleset/describeValue.js';
import type { LeaveRange } from '../types.js';
import { leaveBound } from './leaveBound.js';

const leaveEndCheck: Check<string> = {
  expected: 'a date "YYYY-MM-DD" or an instant with an offset ("2026-12-01T09:00:00+08:00")',
  read(value, path, issues) {
    if (typeof value !== 'string') return issues.invalidType(value, path, leaveEndCheck.expected);
    if (leaveBound(value) === null) {
      issues.report('invalid_date_range', path, `Expected a date "YYYY-MM-DD" or an instant with an offset, got ${quote(value)}.`);
      return undefined;
    }
    return value;
  },
};

const leaveRangeCheck = objectCheck({ what: 'a leave range', keys: ['from', 'to'] }, (range): LeaveRange | undefined => {
  const from = range.required('from', leaveEndCheck);
  const to = range.required('to', leaveEndCheck);
  if (from === undefined || to === undefined) return undefined;
  const start = leaveBound(from)!;
  const end = leaveBound(to)!;
  // Compared where both ends are comparable without a zone: two dates, or two instants.
  if (start.kind === end.kind && (start.kind === 'date' ? start.value > end.value : start.value >= end.value)) {
    range.issues.report(
      'invalid_date_range',
      range.pathOf('to'),
      start.kind === 'date'
        ? `The leave ends (${to}) before it starts (${from}); dates are inclusive, so one day is from = to.`
        : `The leave ends (${to}) before or when it starts (${from}); an instant "to" is the moment the agent is back.`,
    );
    return undefined;
  }
  return { from, to };
});

/**
 * An agent's `leave`: a list of `{ from, to }`, each end a date `YYYY-MM-DD`
 * (inclusive, in the agent's zone) or an instant with an offset (`to`
 * exclusive: the moment the agent is back).
 *
 * @example
 * ```ts
 * const leave = agent.optional('leave', leaveCheck); // [{ from: '2026-12-01', to: '2026-12-03' }]
 * ```
 */
export const leaveCheck: Check<LeaveRange[]> = arrayCheck(
  leaveRangeCheck,
  'a list of leave ranges { from, to } (dates "YYYY-MM-DD" or instants with an offset)',
);
