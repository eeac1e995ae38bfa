/**
 * Reading an agent's numbers from a snapshot. Counts that are absent or not
 * numbers read as 0, so a half-filled snapshot never poisons an ordering with NaN.
 */
import type { CompiledOrder } from '../ruleset/compiledTypes.js';
import type { Period } from '../ruleset/types.js';
import type { AgentSnapshot } from '../types.js';

function count(value: unknown): number {
  // `v - v === 0` holds exactly for finite numbers (NaN and ±Infinity give NaN).
  return typeof value === 'number' && value - value === 0 ? value : 0;
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

/** Reads the count a count order compares. */
export type CountReader = (agent: AgentSnapshot) => number;

// One reader per counter and period, each a named property load: the scan
// calls one of them per participant, and a lookup by a variable key costs more.
const READERS: Record<'assigned' | 'serving', Record<Period | 'total', CountReader>> = {
  assigned: {
    day: (a) => count(a.assigned?.day),
    week: (a) => count(a.assigned?.week),
    month: (a) => count(a.assigned?.month),
    quarter: (a) => count(a.assigned?.quarter),
    year: (a) => count(a.assigned?.year),
    total: () => 0,
  },
  serving: {
    day: (a) => (typeof a.serving === 'object' && a.serving !== null ? count(a.serving.day) : 0),
    week: (a) => (typeof a.serving === 'object' && a.serving !== null ? count(a.serving.week) : 0),
    month: (a) => (typeof a.serving === 'object' && a.serving !== null ? count(a.serving.month) : 0),
    quarter: (a) => (typeof a.serving === 'object' && a.serving !== null ? count(a.serving.quarter) : 0),
    year: (a) => (typeof a.serving === 'object' && a.serving !== null ? count(a.serving.year) : 0),
    total: servingTotal,
  },
};

/**
 * The reader of the count a count order compares: `assignedIn` or `servingIn`
 * for the order's period, as one named property load.
 *
 * @param order - a compiled `fewestAssigned` or `fewestServing` order
 * @returns the reader
 * @example
 * ```ts
 * countReader({ by: 'fewestAssigned', period: 'day' })({ id: 'a', assigned: { day: 4 } }); // 4
 * ```
 */
export function countReader(order: CompiledOrder): CountReader {
  if (order.by === 'fewestAssigned') return READERS.assigned[order.period];
  if (order.by === 'fewestServing') return READERS.serving[order.period];
  return () => 0;
}
