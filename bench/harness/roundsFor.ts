import type { BenchOptions } from './benchOptions.js';
import type { RoundsOptions } from './interleavedRounds.js';

/**
 * Rounds and batch durations of the throughput sections: a smoke run under
 * `--quick`, medians over 15 rounds of 150 ms batches otherwise.
 *
 * @param options - the command line
 * @returns the rounds options
 * @example
 * ```ts
 * await interleavedRounds(contenders, roundsFor(options));
 * ```
 */
export function roundsFor(options: BenchOptions): RoundsOptions {
  return options.quick ? { rounds: 5, batchMs: 40, warmupMs: 300 } : { rounds: 15, batchMs: 150, warmupMs: 1500 };
}
