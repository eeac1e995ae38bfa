/**
 * Part 1 of the benchmark: decisions per second on the SPEC §8 workload for
 * (a) json-rules-engine + a linear pick, (b) a hand-written function and (c)
 * `assignCustomer`, in interleaved rounds.
 */
import { benchSubjects, benchWorkload } from '../benchWorkload.js';
import { assignCustomerContender } from '../contenders/assignCustomerContender.js';
import { handWrittenContender } from '../contenders/handWrittenContender.js';
import { jsonRulesEngineContender } from '../contenders/jsonRulesEngineContender.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { interleavedRounds, roundRatio } from '../harness/interleavedRounds.js';
import { median } from '../harness/median.js';
import { roundsFor } from '../harness/roundsFor.js';
import { DECISION_SUBJECTS } from './agreementSection.js';

/**
 * Measures the three contenders.
 *
 * @param options - quick or full
 * @returns decisions/s of each and the ratios c/a (goal ≥ 100×) and c/b (goal ≥ 0.4×)
 * @example
 * ```ts
 * const { figures } = await decisionSection(options);
 * ```
 */
export async function decisionSection(options: BenchOptions): Promise<SectionResult> {
  const workload = benchWorkload(200);
  const subjects = benchSubjects(DECISION_SUBJECTS);
  const contenders = [
    jsonRulesEngineContender(workload, subjects),
    handWrittenContender(workload, subjects),
    assignCustomerContender(workload, subjects),
  ];
  const settings = roundsFor(options);
  const { opsPerSecond, batchSizes } = await interleavedRounds(contenders, settings);
  const [jre, hand, library] = opsPerSecond as [number[], number[], number[]];
  const versusJre = roundRatio(library, jre);
  const versusHand = roundRatio(library, hand);
  const throughput = (id: string, label: string, rounds: number[]): Figure => ({
    id: `decision.${id}`,
    section: 'decision',
    label: `decisions/s: ${label}`,
    value: median(rounds),
    unit: 'ops/s',
    goal: null,
    ratio: null,
    pass: null,
  });
  return {
    figures: [
      throughput('jsonRulesEngine', contenders[0]!.label, jre),
      throughput('handWritten', contenders[1]!.label, hand),
      throughput('assignCustomer', contenders[2]!.label, library),
      {
        id: 'decision.ratio.jsonRulesEngine',
        section: 'decision',
        label: 'assignCustomer vs json-rules-engine (c/a)',
        value: versusJre,
        unit: '×',
        goal: '≥ 100×',
        ratio: versusJre,
        pass: versusJre >= 100,
      },
      {
        id: 'decision.ratio.handWritten',
        section: 'decision',
        label: 'assignCustomer vs hand-written (c/b)',
        value: versusHand,
        unit: '×',
        goal: '≥ 0.4×',
        ratio: versusHand,
        pass: versusHand >= 0.4,
      },
    ],
    details: { ...settings, batchSizes, opsPerSecondPerRound: { jsonRulesEngine: jre, handWritten: hand, assignCustomer: library } },
  };
}
