import { resolveRuleSet } from '../ruleset/compileRuleSet.js';
import type { CompiledRuleSet } from '../ruleset/compiledTypes.js';
import type { RuleSet } from '../ruleset/types.js';

/** The largest priority kept: beyond it every store could not order exactly (PostgreSQL's double precision holds it). */
const LIMIT = Number.MAX_SAFE_INTEGER;

/**
 * A subject's place in the waiting queue's order, from the rule set's
 * `settings.auto.queue.priority` evaluated on its fields at `now`: the value
 * when it is a finite number (clamped to ±2^53−1, `-0` read as 0), else 0 —
 * as it is when the rule set sets no priority.
 *
 * @param ruleSet - a rule set or compiled rule set
 * @param fields - the subject's fields
 * @param now - the decision's instant (epoch ms), for `daysSince` and friends
 * @returns the priority
 * @example
 * ```ts
 * // settings.auto.queue.priority: "level >= 4 ? 10 : 0"
 * waitingPriority(ruleSet, { level: 5 }, Date.parse('2026-12-05T10:00:00+08:00')); // 10
 * waitingPriority(ruleSet, { level: 'x' }, Date.parse('2026-12-05T10:00:00+08:00')); // 0
 * ```
 */
export function waitingPriority(ruleSet: RuleSet | CompiledRuleSet, fields: Readonly<Record<string, unknown>>, now: number): number {
  const evaluate = resolveRuleSet(ruleSet).queue.priority;
  if (evaluate === null) return 0;
  const value = evaluate(fields, null, now);
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0) return 0;
  return Math.max(-LIMIT, Math.min(LIMIT, value));
}
