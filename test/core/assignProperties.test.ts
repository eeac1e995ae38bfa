import {
  type AgentSnapshot,
  assignCustomer,
  compileRuleSet,
  createAssigner,
  isScheduleOpen,
  periodRange,
  type LeaveRange,
  type Order,
  type Participant,
  type Presence,
  type Rule,
  type RuleSet,
  type Schedule,
  type SubjectInput,
} from 'dedicated-agent';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const AGENT_IDS = ['a', 'b', 'c', 'd', 'e'];
const PRESENCES: Presence[] = ['online', 'busy', 'away', 'offline'];
const START = Date.parse('2026-03-06T00:00:00Z'); // spans the New York DST change

const capsArb = fc.record({ day: fc.integer({ min: 0, max: 6 }), month: fc.integer({ min: 5, max: 25 }) }, { requiredKeys: [] });

/** Shifts: day, night spanning midnight (in another zone), weekends only, with a holiday. */
const shiftArb: fc.Arbitrary<Schedule> = fc.constantFrom<Schedule>(
  { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '09:00', to: '17:00' }] },
  { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Asia/Shanghai' },
  { weekdays: [6, 7], hours: [{ from: '00:00', to: '24:00' }] },
  { hours: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:00' }], exceptDates: [{ from: '2026-03-09', to: '2026-03-09' }] },
);

/** Leave inside the streams' fortnight, as dates or instants. */
const leaveArb: fc.Arbitrary<LeaveRange[]> = fc.array(
  fc.oneof(
    fc.tuple(fc.integer({ min: 5, max: 20 }), fc.nat(3)).map(([day, length]) => ({
      from: `2026-03-${String(day).padStart(2, '0')}`,
      to: `2026-03-${String(day + length).padStart(2, '0')}`,
    })),
    fc.tuple(fc.integer({ min: 0, max: 14 * 24 }), fc.integer({ min: 1, max: 48 })).map(([hour, length]) => ({
      from: new Date(START + hour * 3_600_000).toISOString(),
      to: new Date(START + (hour + length) * 3_600_000).toISOString(),
    })),
  ),
  { maxLength: 2 },
);

const ruleArb: fc.Arbitrary<Omit<Rule, 'id' | 'name'>> = fc.record(
  {
    enabled: fc.boolean(),
    appliesTo: fc.constantFrom('customer' as const, 'contact' as const, 'any' as const),
    when: fc.constantFrom('level >= 3', "region == 'north'", "'vip' in tags", 'level < 2 || region == null'),
    schedule: fc.constantFrom(
      { hours: [{ from: '09:00', to: '17:00' }] },
      { weekdays: [6, 7] as (6 | 7)[], hours: [{ from: '22:00', to: '06:00' }] },
    ),
    agents: fc
      .tuple(
        fc.uniqueArray(fc.record({ id: fc.constantFrom(...AGENT_IDS, 'ghost'), weight: fc.integer({ min: 1, max: 4 }) }), {
          minLength: 1,
          maxLength: 6,
          selector: (a) => a.id,
        }),
        fc.option(fc.record({ where: fc.constantFrom("'vip' in agent.skills", "'zh' in agent.languages"), weight: fc.integer({ min: 1, max: 3 }) }), {
          freq: 3,
        }),
      )
      .map(([listed, selector]): Participant[] => (selector === null ? listed : [...listed, selector])),
    proportional: fc.boolean(),
    order: fc.oneof(
      fc.record({ by: fc.constant('fewestAssigned' as const), period: fc.constantFrom('day' as const, 'week' as const, 'month' as const) }),
      fc.record({ by: fc.constant('fewestServing' as const), period: fc.constantFrom('day' as const, 'year' as const) }, { requiredKeys: ['by'] }),
      fc.constant({ by: 'roundRobin' as const }),
      fc.constant({ by: 'leastUtilised' as const }),
      fc.constant({ by: 'longestIdle' as const }),
    ),
    eligibility: fc.record(
      {
        presence: fc.subarray(PRESENCES, { minLength: 1 }),
        ignoreCapacity: fc.boolean(),
        agentWhen: fc.constantFrom("'zh' in agent.languages", 'agent.capacity == null || agent.capacity > 2'),
        maxAssigned: capsArb,
      },
      { requiredKeys: [] },
    ),
    sticky: fc.boolean(),
    onNoAgent: fc.constantFrom('next' as const, 'stop' as const),
  },
  { requiredKeys: ['enabled', 'agents', 'order'] },
);

const ruleSetArb: fc.Arbitrary<RuleSet> = fc
  .record({
    rules: fc.array(ruleArb, { maxLength: 4 }),
    defaultRule: fc.option(ruleArb.map(({ when: _w, appliesTo: _a, ...rest }) => ({ ...rest, name: 'Default' }))),
    confirmation: fc.boolean(),
  })
  .map(({ rules, defaultRule, confirmation }) => ({
    version: 1 as const,
    timeZone: 'America/New_York',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: confirmation },
      application: { enabled: false, adminApproval: false, agentConfirmation: false },
    },
    rules: rules.map((rule, i) => ({ ...rule, id: `r${i}`, name: `Rule ${i}` })),
    defaultRule,
  }));

// Mostly eligible agents, so most decisions have several candidates to order.
const mostly = <T>(usual: T, rare: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: rare });

const agentArb: fc.Arbitrary<AgentSnapshot> = fc.record(
  {
    id: fc.constantFrom(...AGENT_IDS),
    enabled: mostly(true, fc.constant(false)),
    presence: mostly<Presence>('online', fc.constantFrom(...PRESENCES)),
    capacity: fc.option(fc.integer({ min: 0, max: 5 })),
    languages: fc.subarray(['zh', 'en']),
    skills: fc.subarray(['vip', 'retail']),
    assigned: fc.record({ day: fc.nat(5), week: fc.nat(10), month: fc.nat(20) }),
    serving: fc.record({ total: fc.nat(6), day: fc.nat(3), year: fc.nat(6) }),
    schedule: shiftArb,
    leave: leaveArb,
    maxAssigned: capsArb,
    lastAssignedAt: fc.option(fc.integer({ min: -3 * 86_400_000, max: 0 }).map((ms) => new Date(START + ms))),
  },
  { requiredKeys: ['id'] },
);

const agentsArb = fc.uniqueArray(agentArb, { selector: (a) => a.id, maxLength: 5 });

const subjectArb: fc.Arbitrary<SubjectInput> = fc.record({
  id: fc.constantFrom('s1', 's2'),
  kind: fc.constantFrom('customer' as const, 'contact' as const),
  fields: fc.record(
    { level: fc.integer({ min: 0, max: 5 }), region: fc.constantFrom('north', 'south'), tags: fc.subarray(['vip', 'new']) },
    { requiredKeys: [] },
  ),
  previousAgentId: fc.option(fc.constantFrom(...AGENT_IDS)),
});

const instantArb = fc.integer({ min: 0, max: 14 * 24 * 60 }).map((minutes) => START + minutes * 60_000);

const localDates = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, timeZone: string): string {
  let format = localDates.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    localDates.set(timeZone, format);
  }
  return format.format(ms);
}

/** Reference reading of an agent's shift and leave, from the public helpers and the README's words. */
function isOn(agent: AgentSnapshot, ms: number, ruleSetZone: string): boolean {
  const zone = agent.schedule?.timeZone ?? ruleSetZone;
  for (const range of agent.leave ?? []) {
    if (range.from.length === 10) {
      const day = localDate(ms, zone);
      if (range.from <= day && day <= range.to) return false;
    } else if (Date.parse(range.from) <= ms && ms < Date.parse(range.to)) return false;
  }
  return agent.schedule === undefined || isScheduleOpen(agent.schedule, ms, ruleSetZone);
}

function isCapped(rule: Omit<Rule, 'id' | 'name'>, agent: AgentSnapshot): boolean {
  return (['day', 'week', 'month', 'quarter', 'year'] as const).some((period) => {
    const caps = [rule.eligibility?.maxAssigned?.[period], agent.maxAssigned?.[period]].filter((c) => c !== undefined);
    return caps.length > 0 && (agent.assigned?.[period] ?? 0) >= Math.min(...caps);
  });
}

describe('availability and caps', () => {
  it('never picks an agent off shift, on leave or at a cap', () => {
    fc.assert(
      fc.property(ruleSetArb, agentsArb, subjectArb, instantArb, (ruleSet, agents, subject, now) => {
        const result = assignCustomer({ ruleSet, subject, agents, now });
        if (result.agentId === null) return;
        const rule = result.ruleId === '$default' ? ruleSet.defaultRule! : ruleSet.rules.find((r) => r.id === result.ruleId)!;
        const agent = agents.find((a) => a.id === result.agentId)!;
        expect(isOn(agent, now, ruleSet.timeZone)).toBe(true);
        expect(isCapped(rule, agent)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('sets retryAt, for shifts, leave, caps and closed rules, to the earliest instant some participant kept out by them is on or such a rule opens, and no earlier', () => {
    let checked = 0;
    let capped = 0;
    fc.assert(
      fc.property(ruleSetArb, agentsArb, subjectArb, instantArb, (ruleSet, agents, subject, now) => {
        const result = assignCustomer({ ruleSet, subject: { ...subject, previousAgentId: null }, agents, now });
        if (result.reason !== 'no_eligible_agent') return;
        const ruleOf = (id: string) => (id === '$default' ? ruleSet.defaultRule! : ruleSet.rules.find((rule) => rule.id === id)!);
        // Each participant kept out only by shift, leave or caps, and when it could be on again.
        const waiting = result.trace.flatMap((entry) =>
          (entry.excluded ?? []).flatMap((e) => {
            const agent = agents.find((a) => a.id === e.agentId)!;
            if (e.reason === 'off_shift' || e.reason === 'on_leave') return [(t: number) => isOn(agent, t, ruleSet.timeZone)];
            if (e.reason !== 'limit_reached' || !passesAgentWhen(ruleOf(entry.ruleId), agent)) return [];
            const lifted = capsLiftAt(ruleOf(entry.ruleId), agent, now, ruleSet.timeZone);
            return [(t: number) => t >= lifted && isOn(agent, t, ruleSet.timeZone)];
          }),
        );
        // A matching rule that was closed: the rules may decide differently once it opens.
        for (const entry of result.trace) {
          const opensAt = entry.verdict === 'outside_schedule' ? entry.opensAt : null;
          if (opensAt != null) waiting.push((t: number) => t >= opensAt.getTime());
        }
        if (result.retryAt === null) {
          // Nobody comes on within the horizon (the streams' caps and shifts always lift well within it).
          expect(waiting).toEqual([]);
          return;
        }
        checked++;
        if (result.trace.some((entry) => entry.excluded?.some((e) => e.reason === 'limit_reached'))) capped++;
        const retryAt = result.retryAt.getTime();
        expect(retryAt).toBeGreaterThan(now);
        expect(waiting.some((on) => on(retryAt))).toBe(true);
        const step = (retryAt - now) / 24;
        for (const t of [now, retryAt - 1, ...Array.from({ length: 23 }, (_, i) => Math.floor(now + (i + 1) * step))]) {
          if (t >= retryAt) continue;
          expect(waiting.some((on) => on(t))).toBe(false);
        }
      }),
      { numRuns: 600 },
    );
    // The property must have met retryAt cases, caps among them, not only vacuous ones.
    expect(checked).toBeGreaterThan(2);
    expect(capped).toBeGreaterThan(0);
  });
});

/** Reference reading of the streams' two `agentWhen` conditions. */
function passesAgentWhen(rule: Omit<Rule, 'id' | 'name'>, agent: AgentSnapshot): boolean {
  const when = rule.eligibility?.agentWhen;
  if (when === undefined) return true;
  if (when === "'zh' in agent.languages") return agent.languages?.includes('zh') ?? false;
  return agent.capacity == null || agent.capacity > 2;
}

/** When every reached cap is lifted: the latest end of a capped period (the rule set's zone, weeks from Monday). */
function capsLiftAt(rule: Omit<Rule, 'id' | 'name'>, agent: AgentSnapshot, now: number, timeZone: string): number {
  let lifted = now;
  for (const period of ['day', 'week', 'month', 'quarter', 'year'] as const) {
    const caps = [rule.eligibility?.maxAssigned?.[period], agent.maxAssigned?.[period]].filter((c) => c !== undefined);
    if (caps.length > 0 && (agent.assigned?.[period] ?? 0) >= Math.min(...caps)) {
      lifted = Math.max(lifted, periodRange(period, now, timeZone).end.getTime());
    }
  }
  return lifted;
}

describe('assignCustomer invariants', () => {
  it('picks only an eligible participant of the rule it names, and the trace agrees with the result', () => {
    fc.assert(
      fc.property(ruleSetArb, agentsArb, subjectArb, instantArb, fc.subarray(AGENT_IDS, { maxLength: 2 }), (ruleSet, agents, subject, now, exclude) => {
        const result = assignCustomer({ ruleSet, subject, agents, now, excludeAgentIds: exclude });
        const chosen = result.trace.filter((t) => t.verdict === 'chosen');
        if (result.agentId === null) {
          expect(chosen).toEqual([]);
          expect(result.record).toBeNull();
          return;
        }
        expect(chosen).toHaveLength(1);
        expect(chosen[0]!.ruleId).toBe(result.ruleId);
        expect(chosen[0]!.agentId).toBe(result.agentId);
        const rule = result.ruleId === '$default' ? ruleSet.defaultRule! : ruleSet.rules.find((r) => r.id === result.ruleId)!;
        const agent = agents.find((a) => a.id === result.agentId)!;
        const listed = rule.agents.map((p) => ('id' in p ? p.id : null));
        if (!listed.includes(agent.id)) expect(chosen[0]!.candidates!.find((c) => c.agentId === agent.id)!.selector).toBeDefined();
        expect(exclude).not.toContain(agent.id);
        expect(agent.enabled).not.toBe(false);
        if (rule.eligibility?.presence) expect(rule.eligibility.presence).toContain(agent.presence ?? 'online');
        if (!rule.eligibility?.ignoreCapacity && typeof agent.capacity === 'number') {
          expect((agent.serving as { total?: number } | undefined)?.total ?? 0).toBeLessThan(agent.capacity);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never lets a count order pass over a candidate with a smaller count per weight', () => {
    fc.assert(
      fc.property(ruleSetArb, agentsArb, subjectArb, instantArb, (ruleSet, agents, subject, now) => {
        const result = assignCustomer({ ruleSet, subject, agents, now });
        const entry = result.trace.find((t) => t.verdict === 'chosen');
        if (entry?.pickedBy !== 'order' || entry.order === 'roundRobin') return;
        const picked = entry.candidates!.find((c) => c.agentId === entry.agentId)!;
        for (const other of entry.candidates!) {
          expect(picked.key!).toBeLessThanOrEqual(other.key!);
          if (other.key === picked.key) expect(picked.position).toBeLessThanOrEqual(other.position);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same inputs give the same result, record id included', () => {
    fc.assert(
      fc.property(ruleSetArb, agentsArb, subjectArb, instantArb, (ruleSet, agents, subject, now) => {
        const first = assignCustomer({ ruleSet, subject, agents, now });
        const second = assignCustomer({ ruleSet, subject, agents: structuredClone(agents), now });
        expect(JSON.parse(JSON.stringify(second))).toEqual(JSON.parse(JSON.stringify(first)));
      }),
      { numRuns: 150 },
    );
  });

  it('decides over an agents array it kept from earlier decisions, snapshots replaced and counts changed in place, as over a fresh copy', () => {
    // Mostly the case the scan has a fast path for: rules ordered by a count alone, agents without limits of their own.
    const plainAgentArb = fc.tuple(agentArb, fc.boolean()).map(([agent, keepLimits]) => {
      if (keepLimits) return agent;
      const { schedule: _s, leave: _l, maxAssigned: _m, ...plain } = agent;
      return plain;
    });
    const simple = (rule: Rule): Rule => ({
      ...rule,
      proportional: false,
      order: { by: 'fewestAssigned', period: 'day' },
      eligibility: { presence: rule.eligibility?.presence ?? PRESENCES },
    });
    const simpleRuleSetArb = fc
      .tuple(ruleSetArb, fc.boolean())
      .map(([ruleSet, simplify]): RuleSet => (simplify ? { ...ruleSet, rules: ruleSet.rules.map(simple) } : ruleSet));
    // Between two decisions: the snapshot at a place replaced (same id, any profile), or its day count changed on the same object.
    const change = fc.record({ place: fc.nat(4), replacement: fc.option(plainAgentArb, { freq: 2 }), day: fc.nat(6) });
    const stepsArb = fc.array(fc.tuple(subjectArb, instantArb, change), { minLength: 2, maxLength: 8 });
    const plainAgentsArb = fc.uniqueArray(plainAgentArb, { selector: (a) => a.id, maxLength: 5 });
    fc.assert(
      fc.property(simpleRuleSetArb, plainAgentsArb, stepsArb, (plain, initial, steps) => {
        const ruleSet = compileRuleSet(plain);
        const kept = initial.map((agent) => ({ ...agent }));
        for (const [subject, now, { place, replacement, day }] of steps) {
          if (kept.length > 0) {
            const k = place % kept.length;
            if (replacement !== null) kept[k] = { ...replacement, id: kept[k]!.id };
            else kept[k]!.assigned = { ...kept[k]!.assigned, day };
          }
          const result = assignCustomer({ ruleSet, subject, agents: kept, now });
          const fresh = assignCustomer({ ruleSet, subject, agents: kept.map((agent) => ({ ...agent })), now });
          expect([result.outcome, result.agentId, result.ruleId, result.reason]).toEqual([fresh.outcome, fresh.agentId, fresh.ruleId, fresh.reason]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('createAssigner', () => {
  it('chooses exactly what assignCustomer would choose given the same state, subject after subject, as agents change', () => {
    const change = fc.record(
      {
        enabled: fc.boolean(),
        presence: fc.constantFrom(...PRESENCES),
        capacity: fc.option(fc.integer({ min: 0, max: 5 })),
        schedule: shiftArb,
        leave: leaveArb,
        maxAssigned: capsArb,
        skills: fc.subarray(['vip', 'retail']),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        ruleSetArb,
        agentsArb,
        fc.array(
          fc.tuple(subjectArb, fc.integer({ min: 0, max: 36 * 60 }), fc.option(fc.tuple(fc.nat(4), change), { freq: 4 })),
          { minLength: 1, maxLength: 25 },
        ),
        (ruleSet, agents, steps) => {
          const assigner = createAssigner(ruleSet, { agents });
          let now = START;
          steps.forEach(([subject, gapMinutes, update], i) => {
            now += gapMinutes * 60_000;
            if (update !== null && agents.length > 0) assigner.updateAgent(agents[update[0] % agents.length]!.id, update[1]);
            const expected = assigner.preview({ ...subject, id: `s${i}` }, now);
            const fromScratch = assignCustomer({ ruleSet, subject: { ...subject, id: `s${i}` }, agents: assigner.agents(), ruleState: assigner.ruleState(), now });
            const decision = assigner.assign({ ...subject, id: `s${i}` }, now);
            expect(decision.agentId).toBe(fromScratch.agentId);
            expect(decision.agentId).toBe(expected.agentId);
            expect(decision.ruleId).toBe(fromScratch.ruleId);
            expect(decision.reason).toBe(fromScratch.reason);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps its rankings exact: on open count-ordered rules it agrees with assignCustomer at every step of a long stream', () => {
    const countRule = fc.record({
      agents: fc.uniqueArray(fc.record({ id: fc.constantFrom(...AGENT_IDS), weight: fc.integer({ min: 1, max: 3 }) }), {
        minLength: 2,
        maxLength: 5,
        selector: (a) => a.id,
      }),
      proportional: fc.boolean(),
      order: fc.constantFrom<Order>(
        { by: 'fewestAssigned', period: 'day' },
        { by: 'fewestAssigned', period: 'month' },
        { by: 'fewestServing', period: 'day' },
        { by: 'fewestServing' },
        { by: 'leastUtilised' },
        { by: 'longestIdle' },
      ),
      eligibility: fc.record({ ignoreCapacity: fc.boolean(), maxAssigned: capsArb }, { requiredKeys: ['ignoreCapacity'] }),
      confirmation: fc.boolean(),
    });
    const change = fc.record(
      {
        enabled: mostly(true, fc.constant(false)),
        presence: mostly<Presence>('online', fc.constant('away')),
        capacity: fc.option(fc.integer({ min: 1, max: 30 })),
        schedule: shiftArb,
        leave: leaveArb,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        countRule,
        agentsArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 240 }), fc.option(fc.tuple(fc.nat(4), change), { freq: 6 })), { minLength: 20, maxLength: 80 }),
        ({ confirmation, ...rule }, agents, steps) => {
          const ruleSet: RuleSet = {
            version: 1,
            timeZone: 'Asia/Shanghai',
            settings: {
              manual: { enabled: false, agentConfirmation: false },
              auto: { enabled: true, agentConfirmation: confirmation },
              application: { enabled: false, adminApproval: false, agentConfirmation: false },
            },
            rules: [{ id: 'r', name: 'R', enabled: true, ...rule }],
          };
          const assigner = createAssigner(ruleSet, { agents });
          let now = START;
          steps.forEach(([gapMinutes, update], i) => {
            now += gapMinutes * 60_000;
            if (update !== null && agents.length > 0) assigner.updateAgent(agents[update[0] % agents.length]!.id, update[1]);
            // preview rolls the periods over, then runs the scanning assignCustomer on the live counts.
            const expected = assigner.preview({ id: `s${i}` }, now);
            expect(assigner.assign({ id: `s${i}` }, now).agentId).toBe(expected.agentId);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps fewestAssigned exact over a long stream: 50 agents, 5,000 subjects, 100 each', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `agent-${i}`);
    const ruleSet: RuleSet = {
      version: 1,
      timeZone: 'Asia/Shanghai',
      settings: {
        manual: { enabled: false, agentConfirmation: false },
        auto: { enabled: true, agentConfirmation: false },
        application: { enabled: false, adminApproval: false, agentConfirmation: false },
      },
      rules: [{ id: 'r', name: 'R', enabled: true, agents: ids.map((id) => ({ id })), order: { by: 'fewestAssigned', period: 'year' } }],
    };
    const assigner = createAssigner(ruleSet, { agents: ids.map((id) => ({ id })) });
    const picks = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const { agentId } = assigner.assign({ id: `c-${i}` }, Date.parse('2026-11-25T10:00:00+08:00') + i * 1000);
      picks.set(agentId!, (picks.get(agentId!) ?? 0) + 1);
      if (i < 50) expect(agentId).toBe(ids[i]);
    }
    expect([...picks.values()]).toEqual(ids.map(() => 100));
  });

  it('resets day counts at midnight in the rule set zone, not in UTC', () => {
    const ruleSet: RuleSet = {
      version: 1,
      timeZone: 'Asia/Shanghai',
      settings: {
        manual: { enabled: false, agentConfirmation: false },
        auto: { enabled: true, agentConfirmation: false },
        application: { enabled: false, adminApproval: false, agentConfirmation: false },
      },
      rules: [{ id: 'r', name: 'R', enabled: true, agents: [{ id: 'a' }, { id: 'b' }], order: { by: 'fewestAssigned', period: 'day' } }],
    };
    const assigner = createAssigner(ruleSet, { agents: [{ id: 'a' }, { id: 'b', assigned: { day: 5 } }] });
    assigner.assign({ id: '1' }, '2026-11-25T23:59:00+08:00');
    expect(assigner.agents().map((a) => a.assigned?.day)).toEqual([1, 5]);
    assigner.assign({ id: '2' }, '2026-11-26T00:00:00+08:00');
    expect(assigner.agents().map((a) => a.assigned?.day)).toEqual([1, 0]);
    expect(assigner.agents().map((a) => a.assigned?.month)).toEqual([2, 0]);
  });
});
