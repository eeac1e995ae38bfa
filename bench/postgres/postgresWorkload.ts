/**
 * The §8 workload as the PostgreSQL section runs it through the service: the
 * same 20 rules and 200 agents as every other section (agents as profiles —
 * the store keeps its own counts, so everybody starts at zero), subjects with
 * distinct ids and the fields of the benchmark subjects (so rule 15 matches
 * first), and a clock that starts at 10:00 New York on an office day and
 * runs at the speed of real time, so every rule's schedule is as open as in
 * the decision section and a run of a few minutes stays in one day.
 */
import { fromZonedTime } from 'date-fns-tz';
import type { AgentProfile, Clock, RuleSet } from '../../src/index.js';
import { BENCH_TIME_ZONE, type BenchFields, benchSubjects, benchWorkload } from '../benchWorkload.js';

/** What every process of the PostgreSQL section shares. */
export interface PostgresWorkload {
  readonly ruleSet: RuleSet;
  /** The 200 agents' profiles (enabled, presence, capacity), no counts. */
  readonly profiles: AgentProfile[];
  /** Field sets of the benchmark subjects, to cycle through. */
  readonly fieldSets: readonly BenchFields[];
}

/** 10:00 New York on Wednesday 4 March 2026: the instant the benchmark clock starts at. */
export const POSTGRES_CLOCK_START_MS = fromZonedTime('2026-03-04T10:00:00', BENCH_TIME_ZONE).getTime();

/**
 * The workload.
 *
 * @returns the rule set, the agents' profiles and the subjects' field sets
 * @example
 * ```ts
 * const { ruleSet, profiles } = postgresWorkload();
 * await store.upsertAgents(profiles);
 * ```
 */
export function postgresWorkload(): PostgresWorkload {
  const workload = benchWorkload(200);
  return {
    ruleSet: workload.ruleSet,
    profiles: workload.agents().map(({ id, enabled, presence, capacity }) => ({ id, enabled, presence, capacity })),
    fieldSets: benchSubjects(4096).map((entry) => entry.subject.fields),
  };
}

/**
 * The benchmark clock: `POSTGRES_CLOCK_START_MS` at the real instant
 * `anchorMs` (epoch ms), then advancing with real time. Every process gets the
 * same anchor, so all of them count in the same day.
 *
 * @param anchorMs - `Date.now()` of the parent when the section started
 * @returns a clock for `createAssignmentService`
 * @example
 * ```ts
 * const clock = benchClock(Date.now());
 * ```
 */
export function benchClock(anchorMs: number): Clock {
  return { now: () => new Date(POSTGRES_CLOCK_START_MS + (Date.now() - anchorMs)) };
}
