/**
 * Part 5: the latency of single `assignCustomer` decisions on the §8
 * workload, each timed on its own with `process.hrtime.bigint()` (the count
 * update that follows each decision is outside the timed span), after a
 * warm-up. The timer's own cost is measured and reported, not subtracted.
 */
import { library } from '../library.js';
import { type BenchAgent, benchSubjects, benchWorkload } from '../benchWorkload.js';
import { countAssignment } from '../contenders/contender.js';
import type { BenchOptions } from '../harness/benchOptions.js';
import type { Figure, SectionResult } from '../harness/figure.js';
import { DECISION_SUBJECTS } from './agreementSection.js';

const { assignCustomer, compileRuleSet } = library;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Measures per-decision latency.
 *
 * @param options - quick: 100,000 decisions; full: 1,000,000
 * @returns p50, p99 and p99.9 in microseconds
 * @example
 * ```ts
 * const { figures } = await latencySection(options);
 * ```
 */
export async function latencySection(options: BenchOptions): Promise<SectionResult> {
  const samples = options.quick ? 100_000 : 1_000_000;
  const workload = benchWorkload(200);
  const subjects = benchSubjects(DECISION_SUBJECTS);
  const ruleSet = compileRuleSet(workload.ruleSet);
  const agents = workload.agents();
  const byId = new Map<string, BenchAgent>(agents.map((agent) => [agent.id, agent]));
  const nanos = new Float64Array(samples);
  const warmup = 50_000;
  for (let i = -warmup; i < samples; i++) {
    const { subject, nowMs } = subjects[(i + warmup) % subjects.length]!;
    const start = process.hrtime.bigint();
    const { agentId } = assignCustomer({ ruleSet, subject, agents, now: nowMs });
    const end = process.hrtime.bigint();
    if (i >= 0) nanos[i] = Number(end - start);
    if (agentId !== null) countAssignment(byId, agentId);
  }
  const timer = new Float64Array(100_000);
  for (let i = 0; i < timer.length; i++) {
    const start = process.hrtime.bigint();
    timer[i] = Number(process.hrtime.bigint() - start);
  }
  nanos.sort();
  timer.sort();
  const timerMedianUs = percentile(timer, 50) / 1000;
  const figure = (p: number): Figure => ({
    id: `latency.p${p}`,
    section: 'latency',
    label: `assignCustomer latency p${p}`,
    value: percentile(nanos, p) / 1000,
    unit: 'µs',
    goal: null,
    ratio: null,
    pass: null,
    ...(p === 50 ? { note: `${samples.toLocaleString('en-US')} single decisions, each timed alone; the timer itself takes ${timerMedianUs.toFixed(3)} µs` } : {}),
  });
  return {
    figures: [figure(50), figure(99), figure(99.9)],
    details: { samples, maxUs: nanos[nanos.length - 1]! / 1000, timerMedianUs },
  };
}
