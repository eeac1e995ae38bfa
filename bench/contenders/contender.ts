import type { BenchAgent } from '../benchWorkload.js';

/** One way of deciding the §8 workload, measured side by side with the others. */
export interface Contender {
  readonly label: string;
  /**
   * Decides for subject `i` of the contender's stream, applies the decision to
   * the contender's own agent counts, and returns the chosen agent id (null:
   * nobody).
   */
  decide(i: number): string | null | Promise<string | null>;
  /** Runs `count` decisions, continuing the stream where the last call stopped and cycling through it. */
  run(count: number): void | Promise<void>;
}

/**
 * Applies a decision the way a CRM applies the `stats.assigned` effect to the
 * snapshots it keeps: the chosen agent's `assigned.day` goes up by one. Every
 * contender calls this same function, so the bookkeeping costs them the same.
 *
 * @param byId - the contender's own snapshots by id
 * @param agentId - the chosen agent
 * @example
 * ```ts
 * countAssignment(byId, 'agent-00042');
 * ```
 */
export function countAssignment(byId: ReadonlyMap<string, BenchAgent>, agentId: string): void {
  byId.get(agentId)!.assigned.day += 1;
}

/** How a contender decides. */
export interface ContenderOptions {
  /**
   * Also produce the decision's trace (every evaluated rule's verdict, and the
   * deciding rule's exclusions and candidates) and read it, as a caller that
   * shows or stores "why this agent" would. Default false.
   */
  readonly trace?: boolean;
}

/**
 * Where contenders put each decision's full output, so the optimiser cannot
 * drop the work of building it: every contender keeps its last result here,
 * and with `trace` the last decision's trace.
 */
export const resultSink: { last: unknown; trace: unknown } = { last: null, trace: null };
