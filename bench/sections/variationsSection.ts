/**
 * Issue 16's decision goals on variations of the §8 workload, side by side in
 * one run: for each variation, (a) json-rules-engine + a linear pick, (b) the
 * hand-written function and (c) `assignCustomer`, each checked first to
 * choose the same agents (and, with the trace, (b) to write the very trace
 * (c) gives), then measured in interleaved rounds.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AssignmentResult, TraceEntry } from '../../src/index.js';
import { type DecisionVariation, decisionVariations } from '../decisionVariations.js';
import { assignCustomerContender } from '../contenders/assignCustomerContender.js';
import { type Contender, resultSink } from '../contenders/contender.js';
import { handWrittenContender } from '../contenders/handWrittenContender.js';
import { jsonRulesEngineContender } from '../contenders/jsonRulesEngineContender.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { interleavedRounds, roundRatio } from '../harness/interleavedRounds.js';
import { median } from '../harness/median.js';
import { roundsFor } from '../harness/roundsFor.js';
import { DECISION_SUBJECTS } from './agreementSection.js';

function contendersOf(variation: DecisionVariation): Contender[] {
  const options = { trace: variation.trace };
  return [
    jsonRulesEngineContender(variation.workload, variation.subjects, options),
    handWrittenContender(variation.workload, variation.subjects, options),
    assignCustomerContender(variation.workload, variation.subjects, options),
  ];
}

/**
 * Decides the first `count` subjects with fresh contenders in lockstep: the
 * same agent from all three, the variation's rule deciding with the expected
 * number of failed rules before it, and with the trace the hand-written trace
 * equal to the library's. Throws at the first difference.
 */
async function checkVariation(variation: DecisionVariation, count: number): Promise<void> {
  const [jre, hand, library] = contendersOf(variation) as [Contender, Contender, Contender];
  for (let i = 0; i < count; i++) {
    const fromJre = await jre.decide(i);
    const fromHand = await hand.decide(i);
    const handTrace = resultSink.trace;
    const fromLibrary = await library.decide(i);
    const result = resultSink.last as AssignmentResult;
    const where = `variation ${variation.id}, subject #${i} at ${new Date(variation.subjects[i]!.nowMs).toISOString()}`;
    if (fromJre !== fromLibrary || fromHand !== fromLibrary) {
      throw new Error(`Contenders disagree on ${where}: (a) ${fromJre}, (b) ${fromHand}, (c) ${fromLibrary}`);
    }
    if (result.ruleId !== variation.ruleId || result.trace.length !== variation.failedBefore + 1) {
      throw new Error(`${where} is decided by ${result.ruleId} after ${result.trace.length - 1} rules, not by ${variation.ruleId} after ${variation.failedBefore}`);
    }
    if (variation.trace && !isDeepStrictEqual(handTrace, resultSink.trace as TraceEntry[])) {
      throw new Error(`The hand-written trace differs from assignCustomer's on ${where}:\n${JSON.stringify(handTrace)}\n${JSON.stringify(resultSink.trace)}`);
    }
  }
}

/**
 * Measures every variation.
 *
 * @param options - quick or full
 * @returns per variation: decisions/s of (c), the ratios c/a (goal ≥ 100×) and c/b (goal ≥ 0.4×), and b/a for reference
 * @example
 * ```ts
 * const { figures } = await variationsSection(options);
 * ```
 */
export async function variationsSection(options: BenchOptions): Promise<SectionResult> {
  const settings = roundsFor(options);
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { ...settings };
  for (const variation of decisionVariations(DECISION_SUBJECTS)) {
    await checkVariation(variation, options.quick ? 256 : 1024);
    const contenders = contendersOf(variation);
    const { opsPerSecond, batchSizes } = await interleavedRounds(contenders, settings);
    const [jre, hand, library] = opsPerSecond as [number[], number[], number[]];
    const versusJre = roundRatio(library, jre);
    const versusHand = roundRatio(library, hand);
    // What the hand-written function itself achieves against (a): c/a can reach 100× at c/b = 0.4 only where this is ≥ 250×.
    const handVersusJre = roundRatio(hand, jre);
    const perSecond = `(a) ${Math.round(median(jre)).toLocaleString('en-US')}/s, (b) ${Math.round(median(hand)).toLocaleString('en-US')}/s`;
    figures.push(
      {
        id: `variation.${variation.id}.assignCustomer`,
        section: 'variations',
        label: `${variation.label}: decisions/s (c)`,
        value: median(library),
        unit: 'ops/s',
        goal: null,
        ratio: null,
        pass: null,
        note: perSecond,
      },
      {
        id: `variation.${variation.id}.ratio.jsonRulesEngine`,
        section: 'variations',
        label: `${variation.label}: c/a`,
        value: versusJre,
        unit: '×',
        goal: '≥ 100×',
        ratio: versusJre,
        pass: versusJre >= 100,
      },
      {
        id: `variation.${variation.id}.ratio.handWritten`,
        section: 'variations',
        label: `${variation.label}: c/b`,
        value: versusHand,
        unit: '×',
        goal: '≥ 0.4×',
        ratio: versusHand,
        pass: versusHand >= 0.4,
      },
      {
        id: `variation.${variation.id}.ratio.handWrittenVsJsonRulesEngine`,
        section: 'variations',
        label: `${variation.label}: b/a (reference)`,
        value: handVersusJre,
        unit: '×',
        goal: null,
        ratio: handVersusJre,
        pass: null,
      },
    );
    details[variation.id] = {
      label: variation.label,
      participants: variation.participants,
      ruleId: variation.ruleId,
      trace: variation.trace,
      batchSizes,
      opsPerSecondPerRound: { jsonRulesEngine: jre, handWritten: hand, assignCustomer: library },
    };
  }
  return { figures, details };
}
