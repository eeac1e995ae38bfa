/**
 * The library's bulk engine: one `createAssigner` over the workload's agents,
 * fed the subject stream in time order; it applies its own counts.
 */
import { library } from '../library.js';
import type { BenchSubject, BenchWorkload } from '../benchWorkload.js';
import type { Contender } from './contender.js';

const { createAssigner } = library;

/**
 * The `createAssigner` contender over a stream of subjects.
 *
 * @param workload - the workload at some agent count
 * @param subjects - the stream it decides, cycling (each wrap goes back in time, which resets the period counts)
 * @returns the contender
 * @example
 * ```ts
 * const big = createAssignerContender(benchWorkload(20_000), benchSubjects(16_384));
 * big.run(1000);
 * ```
 */
export function createAssignerContender(workload: BenchWorkload, subjects: readonly BenchSubject[]): Contender {
  const assigner = createAssigner(workload.ruleSet, { agents: workload.agents() });

  function decide(i: number): string | null {
    const { subject, nowMs } = subjects[i]!;
    return assigner.assign(subject, nowMs).agentId;
  }

  let cursor = 0;
  return {
    label: `createAssigner, ${workload.agentCount.toLocaleString('en-US')} agents${workload.shifts ? ' with shifts' : ''}`,
    decide,
    run(count) {
      for (let k = 0; k < count; k++) {
        decide(cursor);
        cursor = cursor + 1 === subjects.length ? 0 : cursor + 1;
      }
    },
  };
}
