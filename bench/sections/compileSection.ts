/**
 * Part 3: milliseconds per `compileRuleSet` (validation included) for the
 * 20-rule workload set and a 1,000-rule set (the 20 rules 50 times over, ids
 * made unique), each compile on a fresh deep copy because compiling the same
 * object twice is served from a cache. Copies are made before the clock
 * starts; the two sizes alternate round by round.
 */
import { performance } from 'node:perf_hooks';
import type { RuleSet } from '../../src/index.js';
import { benchWorkload } from '../benchWorkload.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { SectionResult } from '../harness/figure.js';
import { median } from '../harness/median.js';
import { library } from '../library.js';

const { compileRuleSet } = library;

function thousandRules(ruleSet: RuleSet): RuleSet {
  const rules = Array.from({ length: 50 }, (_, copy) => ruleSet.rules.map((rule) => ({ ...rule, id: `${rule.id}-${copy}` }))).flat();
  return { ...ruleSet, rules };
}

/** Milliseconds per compile over `count` fresh copies. */
function msPerCompile(ruleSet: RuleSet, count: number): number {
  const copies = Array.from({ length: count }, () => structuredClone(ruleSet));
  const start = performance.now();
  for (const copy of copies) compileRuleSet(copy);
  return (performance.now() - start) / count;
}

/** How many compiles make a batch of about `targetMs`. */
function batchSize(ruleSet: RuleSet, targetMs: number): number {
  const estimate = msPerCompile(ruleSet, 3);
  return Math.max(1, Math.round(targetMs / estimate));
}

/**
 * Measures compile times.
 *
 * @param options - quick or full
 * @returns ms per compile of 20 rules (goal ≤ 1 ms) and of 1,000 rules
 * @example
 * ```ts
 * const { figures } = await compileSection(options);
 * ```
 */
export async function compileSection(options: BenchOptions): Promise<SectionResult> {
  const twenty = benchWorkload(200).ruleSet;
  const thousand = thousandRules(twenty);
  const rounds = options.quick ? 5 : 15;
  const targetMs = options.quick ? 40 : 150;
  // Warm-up: the compiler's code paths and the shared zone clock.
  for (let i = 0; i < (options.quick ? 50 : 300); i++) compileRuleSet(structuredClone(twenty));
  for (let i = 0; i < (options.quick ? 2 : 6); i++) compileRuleSet(structuredClone(thousand));
  const sizes = { twenty: batchSize(twenty, targetMs), thousand: batchSize(thousand, targetMs) };
  const perRound = { twenty: [] as number[], thousand: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    perRound.twenty.push(msPerCompile(twenty, sizes.twenty));
    perRound.thousand.push(msPerCompile(thousand, sizes.thousand));
  }
  const twentyMs = median(perRound.twenty);
  const thousandMs = median(perRound.thousand);
  return {
    figures: [
      {
        id: 'compile.20',
        section: 'compile',
        label: 'compileRuleSet, 20 rules (fresh object)',
        value: twentyMs,
        unit: 'ms',
        goal: '≤ 1 ms',
        ratio: null,
        pass: twentyMs <= 1,
      },
      {
        id: 'compile.1000',
        section: 'compile',
        label: 'compileRuleSet, 1,000 rules (fresh object)',
        value: thousandMs,
        unit: 'ms',
        goal: null,
        ratio: null,
        pass: null,
      },
    ],
    details: { rounds, batchSizes: sizes, msPerCompilePerRound: perRound },
  };
}
