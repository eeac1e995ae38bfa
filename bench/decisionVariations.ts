/**
 * Variations of the SPEC §8 decision workload (issue 16): how many
 * participants the deciding rule has, which rule decides, and whether the
 * trace is read. Each variation changes one thing; everything else is the §8
 * workload of `benchWorkload.ts`.
 */
import type { Rule } from '../src/index.js';
import {
  BASE_AGENT_COUNT,
  type BenchSubject,
  type BenchWorkload,
  MATCHING_RULE_ID,
  benchSubjects,
  benchWorkload,
} from './benchWorkload.js';

/** One variation: its workload, its subjects and the rule that must decide every one of them. */
export interface DecisionVariation {
  /** Stable key for `results.json`, e.g. `participants-2000`. */
  readonly id: string;
  readonly label: string;
  readonly workload: BenchWorkload;
  readonly subjects: readonly BenchSubject[];
  /** The rule that decides every subject (checked before timing). */
  readonly ruleId: string;
  /** How many rules are evaluated before it and fail. */
  readonly failedBefore: number;
  /** How many participants the deciding rule has. */
  readonly participants: number;
  /** Whether the contenders produce and read the trace. */
  readonly trace: boolean;
}

/** Participants of rule 15 in the base workload (agents 40–159). */
const RULE_15_BASE = 120;

/**
 * The §8 workload whose rule 15 has exactly `count` participants: the agent
 * count grows by whole copies of the 200 base agents until rule 15's list
 * (which grows with it, copy after copy) holds `count`, and the list is then
 * cut at `count`. The other rules grow with the agent count as in the scale
 * section; they are evaluated and fail, so their lists are never scanned.
 */
function withParticipants(count: number): BenchWorkload {
  const copies = Math.max(1, Math.ceil(count / RULE_15_BASE));
  const workload = benchWorkload(copies * BASE_AGENT_COUNT);
  const rules = workload.ruleSet.rules.map((rule): Rule => (rule.id === MATCHING_RULE_ID ? { ...rule, agents: rule.agents.slice(0, count) } : rule));
  const listed = rules.find((rule) => rule.id === MATCHING_RULE_ID)!.agents;
  if (listed.length !== count) throw new Error(`rule 15 has ${listed.length} participants, not ${count}`);
  return { ...workload, ruleSet: { ...workload.ruleSet, rules } };
}

/** The benchmark subjects with one field changed, so that another rule decides. */
function subjectsWith(count: number, patch: Partial<BenchSubject['subject']['fields']>): BenchSubject[] {
  return benchSubjects(count).map(({ subject, nowMs }) => ({ subject: { ...subject, fields: { ...subject.fields, ...patch } }, nowMs }));
}

/**
 * The variations measured side by side with the §8 figures.
 *
 * - §8 as it is: rule 15 decides after 14 failed rules, 120 participants;
 * - 20, 200 and 2,000 participants in rule 15;
 * - first match at rule 1 (`industry: 'government'`, 10 participants) and at
 *   rule 20 (`region: 'MEA'`: rules 1–19 fail, the catch-all rule's 200
 *   participants are scanned);
 * - §8 with the trace read (and written by the hand-written contender), and
 *   the same at rule 20.
 *
 * @param subjectCount - how many subjects each variation cycles through
 * @returns the variations, §8 first
 * @example
 * ```ts
 * for (const variation of decisionVariations(4096)) console.log(variation.label);
 * ```
 */
export function decisionVariations(subjectCount: number): DecisionVariation[] {
  const base = benchWorkload(BASE_AGENT_COUNT);
  const subjects = benchSubjects(subjectCount);
  const atRule20 = subjectsWith(subjectCount, { region: 'MEA' });
  const participants = (count: number): DecisionVariation => ({
    id: `participants-${count}`,
    label: `${count.toLocaleString('en-US')} participants in rule 15`,
    workload: withParticipants(count),
    subjects,
    ruleId: MATCHING_RULE_ID,
    failedBefore: 14,
    participants: count,
    trace: false,
  });
  return [
    { id: 'spec', label: '§8: rule 15, 120 participants', workload: base, subjects, ruleId: MATCHING_RULE_ID, failedBefore: 14, participants: 120, trace: false },
    participants(20),
    participants(200),
    participants(2000),
    {
      id: 'rule-1',
      label: 'first match at rule 1 (10 participants)',
      workload: base,
      subjects: subjectsWith(subjectCount, { industry: 'government' }),
      ruleId: 'r01-government',
      failedBefore: 0,
      participants: 10,
      trace: false,
    },
    { id: 'rule-20', label: 'first match at rule 20 (200 participants)', workload: base, subjects: atRule20, ruleId: 'r20-everyone', failedBefore: 19, participants: 200, trace: false },
    { id: 'spec-trace', label: '§8, trace read', workload: base, subjects, ruleId: MATCHING_RULE_ID, failedBefore: 14, participants: 120, trace: true },
    { id: 'rule-20-trace', label: 'rule 20, trace read', workload: base, subjects: atRule20, ruleId: 'r20-everyone', failedBefore: 19, participants: 200, trace: true },
  ];
}
