import { objectCheck } from '../ruleset/basicChecks.js';
import type { Check } from '../ruleset/check.js';
import { describeValue } from '../ruleset/describeValue.js';
import { PERIODS, type Period } from '../ruleset/types.js';

const capCheck: Check<number> = {
  expected: 'a whole number of assignments, 0 or more',
  read(value, path, issues) {
    if (typeof value !== 'number') return issues.invalidType(value, path, capCheck.expected);
    if (!Number.isInteger(value) || value < 0) {
      issues.report('invalid_value', path, `Expected a whole number of assignments, 0 or more, got ${describeValue(value)}.`);
      return undefined;
    }
    return value;
  },
};

/**
 * Caps on automatic assignments per period (`{ day: 20, month: 300 }`), as an
 * agent's `maxAssigned` and a rule's `eligibility.maxAssigned` hold them: keys
 * are periods, values whole numbers ≥ 0 (0 keeps the agent out entirely).
 *
 * @example
 * ```ts
 * const caps = eligibility.optional('maxAssigned', maxAssignedCheck); // { day: 20 }
 * ```
 */
export const maxAssignedCheck: Check<Partial<Record<Period, number>>> = objectCheck(
  { what: 'caps per period, e.g. { "day": 20 }', keys: PERIODS },
  (caps) => {
    const copy: Partial<Record<Period, number>> = {};
    for (const period of PERIODS) {
      const cap = caps.optional(period, capCheck);
      if (cap !== undefined) copy[period] = cap;
    }
    return copy;
  },
);
