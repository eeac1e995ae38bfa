/**
 * Throughput of several contenders measured side by side: warm-up, then a
 * batch size per contender calibrated to `batchMs`, then rounds A, B, C, A, B,
 * C, … so that whatever the machine does meanwhile (another process, thermal
 * throttling, a noisy neighbour on a 2-core VM) lands on every contender alike.
 */
import { performance } from 'node:perf_hooks';
import type { Contender } from '../contenders/contender.js';
import { median } from './median.js';

/** How long and how often to measure. */
export interface RoundsOptions {
  readonly rounds: number;
  /** Target duration of one batch. */
  readonly batchMs: number;
  /** Warm-up time per contender (JIT, caches) before calibration. */
  readonly warmupMs: number;
}

/** Per contender, in the order given: operations per second of each round. */
export interface RoundsResult {
  readonly opsPerSecond: number[][];
  /** Per contender, operations per batch. */
  readonly batchSizes: number[];
}

async function timed(contender: Contender, count: number): Promise<number> {
  const start = performance.now();
  await contender.run(count);
  return performance.now() - start;
}

/** Grows the batch until it takes a measurable time, then scales it to `targetMs`. */
async function calibrate(contender: Contender, targetMs: number): Promise<number> {
  let count = 1;
  for (;;) {
    const elapsed = await timed(contender, count);
    if (elapsed >= Math.min(20, targetMs / 2)) return Math.max(1, Math.round((count * targetMs) / elapsed));
    count *= elapsed < 1 ? 8 : 2;
  }
}

/**
 * Measures the contenders in interleaved rounds.
 *
 * @param contenders - what to measure; each keeps its own state between batches
 * @param options - rounds, batch and warm-up durations
 * @returns operations per second per contender and round
 * @example
 * ```ts
 * const { opsPerSecond } = await interleavedRounds([a, b, c], { rounds: 7, batchMs: 100, warmupMs: 300 });
 * ```
 */
export async function interleavedRounds(contenders: readonly Contender[], options: RoundsOptions): Promise<RoundsResult> {
  // Warm up interleaved too, in three passes, so no contender is cold when the others are hot.
  for (let pass = 0; pass < 3; pass++) {
    for (const contender of contenders) {
      const until = performance.now() + options.warmupMs / 3;
      let count = 1;
      while (performance.now() < until) {
        await contender.run(count);
        count = Math.min(count * 2, 4096);
      }
    }
  }
  const batchSizes: number[] = [];
  for (const contender of contenders) batchSizes.push(await calibrate(contender, options.batchMs));
  const opsPerSecond: number[][] = contenders.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let c = 0; c < contenders.length; c++) {
      const elapsed = await timed(contenders[c]!, batchSizes[c]!);
      opsPerSecond[c]!.push((batchSizes[c]! * 1000) / elapsed);
    }
  }
  return { opsPerSecond, batchSizes };
}

/**
 * The median over rounds of the ratio `numerator / denominator` taken within
 * each round, which cancels drift that affects a whole round.
 *
 * @param numerator - ops/s per round
 * @param denominator - ops/s per round, same rounds
 * @returns the median per-round ratio
 * @example
 * ```ts
 * roundRatio([10, 12], [1, 2]); // 8
 * ```
 */
export function roundRatio(numerator: readonly number[], denominator: readonly number[]): number {
  return median(numerator.map((value, round) => value / denominator[round]!));
}
