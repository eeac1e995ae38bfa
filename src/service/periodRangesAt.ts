import type { CompiledRuleSet } from '../core/ruleset/compiledTypes.js';
import { PERIODS } from '../core/ruleset/types.js';
import { periodBounds } from '../core/time/periodBounds.js';
import type { PeriodRanges } from '../ports.js';

/**
 * The period of each kind that contains an instant, in the rule set's zone and
 * week start: what the store needs to count `assigned` and `serving` in exactly
 * the periods the rules use, and whose starts identify counter buckets.
 *
 * @internal
 * @param ruleSet - the compiled rule set (its `timeZone` and `weekStartsOn`)
 * @param at - the instant
 * @returns day, week, month, quarter and year ranges around `at`
 * @example
 * ```ts
 * periodRangesAt(ruleSet, new Date('2026-10-01T01:00:00Z')).day.start; // 2026-09-30T16:00:00.000Z in Asia/Shanghai
 * ```
 */
export function periodRangesAt(ruleSet: CompiledRuleSet, at: Date): PeriodRanges {
  const ranges = {} as PeriodRanges;
  for (const period of PERIODS) {
    const { start, end } = periodBounds(period, at.getTime(), ruleSet.timeZone, ruleSet.weekStartsOn);
    ranges[period] = { start: new Date(start), end: new Date(end) };
  }
  return ranges;
}
