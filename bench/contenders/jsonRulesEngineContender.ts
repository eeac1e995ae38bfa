/**
 * Contender (a): what a developer writes today with json-rules-engine to get
 * "the first matching rule" — one engine holding the 20 rules with
 * descending priorities (the engine runs one priority group after the other)
 * and `engine.stop()` on the first success, each rule's office hours written
 * as conditions on `weekday` and `minuteOfDay` facts computed per decision
 * with date-fns-tz, then a linear pick over the matched rule's participants.
 * With `trace`, the engine's results of the rules it evaluated (each with its
 * conditions' results, which the engine computes anyway) and the pick's
 * exclusions and candidates are collected, as "why this agent".
 */
import type { AgentParticipant } from '../../src/index.js';
import { toZonedTime } from 'date-fns-tz';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { BENCH_TIME_ZONE, type BenchAgent, type BenchSubject, type BenchWorkload } from '../benchWorkload.js';
import { type Contender, type ContenderOptions, countAssignment, resultSink } from './contender.js';

type Operator =
  | 'equal'
  | 'in'
  | 'contains'
  | 'doesNotContain'
  | 'greaterThanInclusive'
  | 'lessThan'
  | 'startsWith'
  | 'lengthAtLeast';

const is = (fact: string, operator: Operator, value: unknown) => ({ fact, operator, value });

const WORKDAYS = [1, 2, 3, 4, 5];
const hours = (days: number[], from: number, to: number): TopLevelCondition => ({
  all: [is('weekday', 'in', days), is('minuteOfDay', 'greaterThanInclusive', from), is('minuteOfDay', 'lessThan', to)],
});
const OFFICE = hours(WORKDAYS, 540, 1080);
const EXTENDED = hours(WORKDAYS, 480, 1200);
const DAYTIME = hours(WORKDAYS, 480, 1080);
const WEEKEND = hours([6, 7], 540, 1080);
/** 18:00–09:00 on workdays; the hours after midnight belong to the evening before. */
const NIGHT: TopLevelCondition = {
  any: [
    { all: [is('weekday', 'in', WORKDAYS), is('minuteOfDay', 'greaterThanInclusive', 1080)] },
    { all: [is('weekday', 'in', [2, 3, 4, 5, 6]), is('minuteOfDay', 'lessThan', 540)] },
  ],
};

/** Each rule of the workload, by id, as json-rules-engine conditions: subject condition and schedule. */
const RULES: Record<string, TopLevelCondition[]> = {
  'r01-government': [{ all: [is('industry', 'equal', 'government')] }, OFFICE],
  'r02-vip': [{ any: [is('vip', 'equal', true), is('tags', 'contains', 'vip')] }, OFFICE],
  'r03-key-accounts': [{ all: [is('level', 'greaterThanInclusive', 4), is('revenue', 'greaterThanInclusive', 1_000_000)] }, OFFICE],
  'r04-partners': [{ any: [is('source', 'equal', 'partner'), is('tags', 'contains', 'partner')] }, OFFICE],
  'r05-churn': [{ all: [is('tags', 'contains', 'churn-risk'), is('level', 'greaterThanInclusive', 2)] }, OFFICE],
  'r06-japanese': [{ all: [is('language', 'equal', 'ja')] }, OFFICE],
  'r07-night': [{ all: [is('region', 'equal', 'NA')] }, NIGHT],
  'r08-emea-finance': [{ all: [is('region', 'in', ['EU', 'MEA']), is('industry', 'equal', 'finance')] }, OFFICE],
  'r09-apac-growth': [
    { all: [is('region', 'equal', 'APAC'), is('revenue', 'greaterThanInclusive', 50_000), is('tags', 'doesNotContain', 'trial')] },
    OFFICE,
  ],
  'r10-senior-callers': [{ all: [is('channel', 'equal', 'phone'), is('age', 'greaterThanInclusive', 65)] }, OFFICE],
  'r11-na-top-tier': [
    {
      all: [
        is('region', 'equal', 'NA'),
        is('revenue', 'greaterThanInclusive', 10_000),
        is('level', 'greaterThanInclusive', 4),
        is('vip', 'equal', false),
      ],
    },
    OFFICE,
  ],
  'r12-health-es': [
    { all: [is('industry', 'equal', 'health'), is('language', 'equal', 'es'), is('age', 'greaterThanInclusive', 65)] },
    OFFICE,
  ],
  'r13-weekend': [{ any: [is('region', 'equal', 'NA'), is('region', 'equal', 'LATAM')] }, WEEKEND],
  'r14-long-standing': [
    {
      all: [
        is('level', 'greaterThanInclusive', 3),
        is('revenue', 'greaterThanInclusive', 500_000),
        is('tags', 'lengthAtLeast', 3),
        is('industry', 'startsWith', 'fin'),
      ],
    },
    OFFICE,
  ],
  'r15-na-inbound': [
    { all: [is('region', 'equal', 'NA'), is('channel', 'in', ['web', 'chat', 'email']), is('revenue', 'greaterThanInclusive', 10_000)] },
    OFFICE,
  ],
  'r16-na-phone': [{ all: [is('region', 'equal', 'NA'), is('channel', 'equal', 'phone')] }, EXTENDED],
  'r17-latam': [{ all: [is('region', 'equal', 'LATAM')] }, OFFICE],
  'r18-eu': [{ all: [is('region', 'equal', 'EU')] }, OFFICE],
  'r19-apac': [{ all: [is('region', 'equal', 'APAC')] }, OFFICE],
  'r20-everyone': [DAYTIME],
};

/**
 * The json-rules-engine contender over a stream of subjects.
 *
 * @param workload - the §8 workload (200 agents)
 * @param subjects - the stream it decides, cycling
 * @param options - `trace`: also collect why each rule failed and why each participant was or was not a candidate
 * @returns the contender (asynchronous, as json-rules-engine is), with its own copy of the agents
 * @example
 * ```ts
 * const a = jsonRulesEngineContender(benchWorkload(200), benchSubjects(4096));
 * await a.decide(0); // 'agent-00101'
 * ```
 */
export function jsonRulesEngineContender(workload: BenchWorkload, subjects: readonly BenchSubject[], options: ContenderOptions = {}): Contender {
  const traced = options.trace === true;
  const agents = workload.agents();
  const byId = new Map<string, BenchAgent>(agents.map((agent) => [agent.id, agent]));
  const rules = workload.ruleSet.rules;
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator<string, string>('startsWith', (value, prefix) => typeof value === 'string' && value.startsWith(prefix));
  engine.addOperator<unknown[], number>('lengthAtLeast', (value, length) => Array.isArray(value) && value.length >= length);
  rules.forEach((rule, index) => {
    const conditions = RULES[rule.id];
    if (conditions === undefined) throw new Error(`json-rules-engine contender has no conditions for rule ${rule.id}`);
    const properties: RuleProperties = {
      name: rule.id,
      // Higher runs first; one rule per priority, so rules run one after the other.
      priority: rules.length - index,
      conditions: { all: conditions },
      event: { type: 'matched', params: { index } },
    };
    engine.addRule(properties);
  });
  // First match wins: stop before the next priority group.
  engine.on('success', () => {
    engine.stop();
  });

  /** Why each participant was or was not a candidate (traced mode). */
  interface PickTrace {
    excluded: { agentId: string; reason: string }[];
    candidates: { agentId: string; count: number }[];
  }

  function pick(index: number, why: PickTrace | null): BenchAgent | null {
    const rule = rules[index]!;
    const presence = rule.eligibility?.presence;
    let best: BenchAgent | null = null;
    for (const participant of rule.agents) {
      const agent = byId.get((participant as AgentParticipant).id);
      if (agent === undefined || !agent.enabled) {
        why?.excluded.push({ agentId: (participant as AgentParticipant).id, reason: agent === undefined ? 'unknown' : 'disabled' });
        continue;
      }
      if (presence !== undefined && !presence.includes(agent.presence)) {
        why?.excluded.push({ agentId: agent.id, reason: 'presence' });
        continue;
      }
      if (agent.capacity !== null && agent.serving >= agent.capacity) {
        why?.excluded.push({ agentId: agent.id, reason: 'capacity' });
        continue;
      }
      why?.candidates.push({ agentId: agent.id, count: agent.assigned.day });
      if (best === null || agent.assigned.day < best.assigned.day) best = agent;
    }
    return best;
  }

  async function decide(i: number): Promise<string | null> {
    const { subject, nowMs } = subjects[i]!;
    const local = toZonedTime(nowMs, BENCH_TIME_ZONE);
    const { events, failureResults } = await engine.run({
      ...subject.fields,
      weekday: local.getDay() === 0 ? 7 : local.getDay(),
      minuteOfDay: local.getHours() * 60 + local.getMinutes(),
    });
    const matched = events[0];
    const why: PickTrace | null = traced ? { excluded: [], candidates: [] } : null;
    const agent = matched === undefined ? null : pick(matched.params!.index as number, why);
    if (traced) {
      // The engine's own record of each failed rule, with its conditions' results.
      resultSink.trace = { failed: failureResults.map((result) => ({ ruleId: result.name, conditions: result.conditions })), matched: events[0] ?? null, pick: why };
    }
    if (agent === null) return null;
    countAssignment(byId, agent.id);
    return agent.id;
  }

  let cursor = 0;
  return {
    label: `json-rules-engine + linear pick${traced ? ', results read' : ''} (a)`,
    decide,
    async run(count) {
      for (let k = 0; k < count; k++) {
        await decide(cursor);
        cursor = cursor + 1 === subjects.length ? 0 : cursor + 1;
      }
    },
  };
}
