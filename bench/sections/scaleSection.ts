/**
 * Part 2a: `createAssigner` decisions per second at 200, 2,000 and 20,000
 * agents, in interleaved rounds. The rules' participant lists grow with the
 * agent count (see `benchWorkload`): rule 15 has 120, 1,200 and 12,000
 * participants. The same at 200 and 20,000 agents who work morning,
 * afternoon or full-day shifts, one in 25 on leave on one of the days.
 */
import { benchSubjects, benchWorkload } from '../benchWorkload.js';
import { createAssignerContender } from '../contenders/createAssignerContender.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { interleavedRounds, roundRatio } from '../harness/interleavedRounds.js';
import { median } from '../harness/median.js';
import { roundsFor } from '../harness/roundsFor.js';

/** The agent counts measured. */
export const AGENT_COUNTS = [200, 2_000, 20_000] as const;

/** The agent counts measured again with shifts and leave (issue 12: 20,000 stay ≤ 2× slower than 200). */
export const SHIFT_AGENT_COUNTS = [200, 20_000] as const;

/** Subjects in the assigners' stream: 16,384 over the 14 office days, about 1,170 a day. */
const STREAM_LENGTH = 16_384;

/**
 * Measures `createAssigner` at each agent count.
 *
 * @param options - quick or full
 * @returns decisions/s per count and the slowdown from 200 to 20,000 agents (goal ≤ 2×)
 * @example
 * ```ts
 * const { figures } = await scaleSection(options);
 * ```
 */
export async function scaleSection(options: BenchOptions): Promise<SectionResult> {
  const subjects = benchSubjects(STREAM_LENGTH);
  const contenders = [
    ...AGENT_COUNTS.map((count) => createAssignerContender(benchWorkload(count), subjects)),
    ...SHIFT_AGENT_COUNTS.map((count) => createAssignerContender(benchWorkload(count, { shifts: true }), subjects)),
  ];
  const settings = roundsFor(options);
  const { opsPerSecond, batchSizes } = await interleavedRounds(contenders, settings);
  const [small, medium, large, smallShifts, largeShifts] = opsPerSecond as [number[], number[], number[], number[], number[]];
  const slowdown = roundRatio(small, large);
  const figures: Figure[] = [...AGENT_COUNTS, ...SHIFT_AGENT_COUNTS].map((count, i) => ({
    id: i < AGENT_COUNTS.length ? `scale.assigner.${count}` : `scale.shifts.${count}`,
    section: 'scale',
    label: `decisions/s: ${contenders[i]!.label}`,
    value: median(opsPerSecond[i]!),
    unit: 'ops/s',
    goal: null,
    ratio: null,
    pass: null,
  }));
  const tenfold = roundRatio(small, medium);
  const shiftSlowdown = roundRatio(smallShifts, largeShifts);
  figures.push(
    {
      id: 'scale.slowdown.2000',
      section: 'scale',
      label: '2,000 vs 200 agents: times slower',
      value: tenfold,
      unit: '×',
      goal: null,
      ratio: tenfold,
      pass: null,
    },
    {
      id: 'scale.slowdown.20000',
      section: 'scale',
      label: '20,000 vs 200 agents: times slower',
      value: slowdown,
      unit: '×',
      goal: '≤ 2×',
      ratio: slowdown,
      pass: slowdown <= 2,
    },
    {
      id: 'scale.shifts.slowdown.20000',
      section: 'scale',
      label: 'with shifts and leave, 20,000 vs 200 agents: times slower',
      value: shiftSlowdown,
      unit: '×',
      goal: '≤ 2×',
      ratio: shiftSlowdown,
      pass: shiftSlowdown <= 2,
    },
  );
  return { figures, details: { ...settings, batchSizes, opsPerSecondPerRound: Object.fromEntries(contenders.map((c, i) => [c.label, opsPerSecond[i]])) } };
}
