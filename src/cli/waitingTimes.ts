import { nearestRank } from '../core/queue/nearestRank.js';
import type { WaitingTimes } from './simulationResult.js';

/**
 * The waiting-time figures of a group of customers: how many, how many
 * waited in the queue, and p50, p95 and the maximum by nearest rank.
 *
 * @param waits - each customer's wait in milliseconds (0 when assigned on arrival), in any order
 * @param waited - how many of them waited in the queue
 * @returns the figures (percentiles null for an empty group)
 * @example
 * ```ts
 * waitingTimes([0, 0, 3_600_000, 0], 1); // { customers: 4, waited: 1, p50: 0, p95: 3600000, max: 3600000 }
 * ```
 */
export function waitingTimes(waits: readonly number[], waited: number): WaitingTimes {
  const sorted = Float64Array.from(waits).sort();
  return {
    customers: sorted.length,
    waited,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    max: nearestRank(sorted, 100),
  };
}
