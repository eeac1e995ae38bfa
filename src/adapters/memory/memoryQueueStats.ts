import { WAITING_REASONS, type WaitingEntry, type WaitingReason } from '../../core/types.js';
import type { QueueStats } from '../../ports.js';

/**
 * The waiting queue's figures at `now`, as `AssignmentStore.queueStats`
 * defines them (ages by nearest rank), from the entries themselves.
 *
 * @internal
 * @param entries - every waiting entry
 * @param nowMs - the instant, epoch ms
 * @returns size by reason and by rule, oldest, p50 and p95 age
 * @example
 * ```ts
 * memoryQueueStats(state.waiting.after(null), Date.parse('2026-12-05T09:00:00Z')).size; // 3
 * ```
 */
export function memoryQueueStats(entries: Iterable<WaitingEntry>, nowMs: number): QueueStats {
  const byReason = Object.fromEntries(WAITING_REASONS.map((reason) => [reason, 0])) as Record<WaitingReason, number>;
  const byRule = new Map<string | null, number>();
  const ages: number[] = [];
  for (const entry of entries) {
    byReason[entry.reason]++;
    byRule.set(entry.ruleId, (byRule.get(entry.ruleId) ?? 0) + 1);
    ages.push(nowMs - entry.since.getTime());
  }
  ages.sort((a, b) => a - b);
  const rank = (p: number) => (ages.length === 0 ? null : ages[Math.max(0, Math.ceil(p * ages.length) - 1)]!);
  return {
    size: ages.length,
    byReason,
    byRule: [...byRule]
      .map(([ruleId, size]) => ({ ruleId, size }))
      .sort((a, b) => b.size - a.size || compareRuleIds(a.ruleId, b.ruleId)),
    oldestAgeMs: ages.length === 0 ? null : ages[ages.length - 1]!,
    p50AgeMs: rank(0.5),
    p95AgeMs: rank(0.95),
  };
}

/** Rule ids in code-unit order (as PostgreSQL's "C" collation sorts them), no rule (null) last. */
function compareRuleIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
