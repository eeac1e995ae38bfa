/**
 * Reading an agent's numbers from a snapshot. Counts that are absent or not
 * numbers read as 0, so a half-filled snapshot never poisons an ordering with NaN.
 */
import type { CompiledOrder } from '../ruleset/compiledTypes.js';
import type { AgentSnapshot } from '../types.js';

/** Reads one count of an agent. */
export type CountReader = (agent: AgentSnapshot) => number;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Subjects in the agent's care now (`serving` as a number, or `serving.total`).
 *
 * @param agent - the snapshot
 * @returns the total, 0 when absent
 * @example
 * ```ts
 * servingTotal({ id: 'a', serving: { total: 3, day: 1 } }); // 3
 * ```
 */
export function servingTotal(agent: AgentSnapshot): number {
  const serving = agent.serving;
  if (typeof serving === 'number') return count(serving);
  return serving == null ? 0 : count(serving.total);
}

// One reader per period, written out so each property access stays monomorphic.
const assignedReaders: Record<string, CountReader> = {
  day: (a) => count(a.assigned?.day),
  week: (a) => count(a.assigned?.week),
  month: (a) => count(a.assigned?.month),
  quarter: (a) => count(a.assigned?.quarter),
  year: (a) => count(a.assigned?.year),
};

function servingIn(agent: AgentSnapshot): Exclude<AgentSnapshot['serving'], number> {
  const serving = agent.serving;
  return typeof serving === 'object' ? serving : undefined;
}

const servingReaders: Record<string, CountReader> = {
  total: servingTotal,
  day: (a) => count(servingIn(a)?.day),
  week: (a) => count(servingIn(a)?.week),
  month: (a) => count(servingIn(a)?.month),
  quarter: (a) => count(servingIn(a)?.quarter),
  year: (a) => count(servingIn(a)?.year),
};

/**
 * The count a count-based order compares (`count / weight`, smallest first).
 *
 * @param order - a compiled `fewestAssigned` or `fewestServing` order
 * @returns the reader, or null for round robin
 * @example
 * ```ts
 * countReaderFor({ by: 'fewestAssigned', period: 'day' })!({ id: 'a', assigned: { day: 4 } }); // 4
 * ```
 */
export function countReaderFor(order: CompiledOrder): CountReader | null {
  if (order.by === 'fewestAssigned') return assignedReaders[order.period]!;
  if (order.by === 'fewestServing') return servingReaders[order.period]!;
  return null;
}
