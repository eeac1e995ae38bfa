/**
 * Before anything is timed: the three contenders must choose the same agent
 * for every benchmark subject, and for thousands of random subjects at random
 * instants (nights, weekends, window edges, both sides of DST) that reach
 * every rule — otherwise the comparison would be between different work. Also
 * checks, from the library's trace, that the benchmark subjects really are
 * decided at rule 15 after rules 1–14 were evaluated and failed.
 */
import type { TraceEntry } from '../../src/index.js';
import { MATCHING_RULE_ID, benchSubjects, benchWorkload, randomSubjects, type BenchSubject } from '../benchWorkload.js';
import { assignCustomerContender } from '../contenders/assignCustomerContender.js';
import type { Contender } from '../contenders/contender.js';
import { handWrittenContender } from '../contenders/handWrittenContender.js';
import { jsonRulesEngineContender } from '../contenders/jsonRulesEngineContender.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { SectionResult } from '../harness/figure.js';
import { library } from '../library.js';

const { assignCustomer, compileRuleSet } = library;

/** How many benchmark subjects the decision section cycles through (each checked here). */
export const DECISION_SUBJECTS = 4096;

/** Runs the three contenders in lockstep, each on its own fresh agents; throws at the first disagreement. */
async function compareInLockstep(stream: string, subjects: readonly BenchSubject[]): Promise<(string | null)[]> {
  const workload = benchWorkload(200);
  const contenders: Contender[] = [
    jsonRulesEngineContender(workload, subjects),
    handWrittenContender(workload, subjects),
    assignCustomerContender(workload, subjects),
  ];
  const chosen: (string | null)[] = [];
  for (let i = 0; i < subjects.length; i++) {
    const answers: (string | null)[] = [];
    for (const contender of contenders) answers.push(await contender.decide(i));
    if (answers.some((answer) => answer !== answers[0])) {
      const { subject, nowMs } = subjects[i]!;
      throw new Error(
        [
          `Contenders disagree on ${stream} subject #${i} (${subject.id}) at ${new Date(nowMs).toISOString()}:`,
          ...contenders.map((contender, c) => `  ${contender.label}: ${answers[c]}`),
          `  fields: ${JSON.stringify(subject.fields)}`,
        ].join('\n'),
      );
    }
    chosen.push(answers[2]!);
  }
  return chosen;
}

/** Which rule the library chose for each subject (fresh agents, no count updates: only the rule matters). */
function rulesChosen(subjects: readonly BenchSubject[]): Map<string, number> {
  const ruleSet = compileRuleSet(benchWorkload(200).ruleSet);
  const agents = benchWorkload(200).agents();
  const hits = new Map<string, number>();
  for (const { subject, nowMs } of subjects) {
    const ruleId = assignCustomer({ ruleSet, subject, agents, now: nowMs }).ruleId ?? '(none)';
    hits.set(ruleId, (hits.get(ruleId) ?? 0) + 1);
  }
  return hits;
}

/** Checks from the trace that each benchmark subject fails rules 1–14 and is decided at rule 15. */
function verdictsOfBenchSubjects(subjects: readonly BenchSubject[]): Record<string, number> {
  const ruleSet = compileRuleSet(benchWorkload(200).ruleSet);
  const agents = benchWorkload(200).agents();
  const verdicts: Record<string, number> = {};
  for (const { subject, nowMs } of subjects) {
    const result = assignCustomer({ ruleSet, subject, agents, now: nowMs });
    const trace: TraceEntry[] = result.trace;
    const ok =
      result.ruleId === MATCHING_RULE_ID &&
      trace.length === 15 &&
      trace.slice(0, 14).every((entry) => entry.verdict === 'condition_false' || entry.verdict === 'outside_schedule') &&
      trace[14]!.verdict === 'chosen';
    if (!ok) {
      throw new Error(
        `Benchmark subject ${subject.id} is not decided at rule 15 after 14 failed rules: ${trace.map((e) => `${e.ruleId}:${e.verdict}`).join(', ')}`,
      );
    }
    for (const entry of trace.slice(0, 14)) verdicts[entry.verdict] = (verdicts[entry.verdict] ?? 0) + 1;
  }
  return verdicts;
}

/**
 * The agreement check; throws (and so fails the run) on any difference.
 *
 * @param options - `quick` checks fewer random subjects
 * @returns one informative figure and the details (rule hits, verdict counts)
 * @example
 * ```ts
 * await agreementSection(options);
 * ```
 */
export async function agreementSection(options: BenchOptions): Promise<SectionResult> {
  const bench = benchSubjects(DECISION_SUBJECTS);
  await compareInLockstep('benchmark', bench);
  const verdicts = verdictsOfBenchSubjects(bench);
  const random = randomSubjects(options.quick ? 4000 : 20_000);
  const randomChosen = await compareInLockstep('random', random);
  const ruleHits = Object.fromEntries([...rulesChosen(random)].sort(([a], [b]) => a.localeCompare(b)));
  const ruleIds = benchWorkload(200).ruleSet.rules.map((rule) => rule.id);
  const neverChosen = ruleIds.filter((id) => !(id in ruleHits));
  if (neverChosen.length > 0) console.warn(`agreement: random subjects never chose ${neverChosen.join(', ')}; the check does not cover them`);
  const compared = bench.length + random.length;
  return {
    figures: [
      {
        id: 'agreement.decisions',
        section: 'agreement',
        label: 'same agent chosen by (a), (b), (c)',
        value: compared,
        unit: 'decisions',
        goal: 'all',
        ratio: null,
        pass: true,
        note: `${bench.length} benchmark + ${random.length} random subjects; ${randomChosen.filter((id) => id === null).length} random ones unassigned by all`,
      },
    ],
    details: { benchmarkSubjects: bench.length, randomSubjects: random.length, benchmarkVerdictsOfRules1to14: verdicts, randomRuleHits: ruleHits },
  };
}
