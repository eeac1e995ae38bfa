import { ruleSetWith } from '../fixtures/ruleSetWith.js';
import {
  type AgentSnapshot,
  AssignmentError,
  assignCustomer,
  createAssigner,
  explain,
  type Rule,
  type RuleSet,
  validateRuleSet,
} from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { readAvailability } from '../../src/core/availability/readAvailability.js';

// Wednesday 2026-11-25 10:00 in Beijing.
const WEDNESDAY_10AM = '2026-11-25T10:00:00+08:00';
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;

function pick(ruleSet: RuleSet, agents: AgentSnapshot[], now: string, previousAgentId?: string) {
  return assignCustomer({ ruleSet, subject: { id: 'c-1', fields: {}, previousAgentId }, agents, now });
}

describe('shifts and leave', () => {
  const fewest = ruleSetWith({ order: { by: 'fewestAssigned', period: 'day' } });

  it('does not pick an agent off shift, and explain says until when in the rule set zone', () => {
    const agents: AgentSnapshot[] = [
      { id: 'a', schedule: { weekdays: [2], hours: [{ from: '09:00', to: '18:00' }] } },
      { id: 'b', assigned: { day: 5 } },
    ];
    const result = pick(fewest, agents, WEDNESDAY_10AM);
    expect(result.agentId).toBe('b');
    const exclusion = result.trace[0]!.excluded![0]!;
    expect(exclusion).toMatchObject({ agentId: 'a', reason: 'off_shift', timeZone: 'Asia/Shanghai' });
    expect(exclusion.until).toEqual(new Date('2026-12-01T09:00:00+08:00'));
    expect(explain(result)).toContain('a: not a candidate, off shift until Tue 09:00.');
  });

  it('reads a night shift 22:00–06:00 in the agent own zone, not the rule set zone', () => {
    // Night shift in London (UTC+0 in winter) = 06:00–14:00 in Beijing.
    const agents: AgentSnapshot[] = [
      { id: 'a', schedule: { weekdays: [...EVERY_DAY], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/London' } },
      { id: 'b', assigned: { day: 9 } },
    ];
    expect(pick(fewest, agents, '2026-11-25T13:59:00+08:00').agentId).toBe('a');
    expect(pick(fewest, agents, '2026-11-25T14:00:00+08:00').agentId).toBe('b');
    expect(pick(fewest, agents, '2026-11-25T06:00:00+08:00').agentId).toBe('a');
    expect(pick(fewest, agents, '2026-11-25T05:59:00+08:00').agentId).toBe('b');
  });

  it('keeps a shift on wall-clock time on both sides of a DST change', () => {
    const ruleSet = ruleSetWith({ order: { by: 'fewestAssigned', period: 'day' } }, { timeZone: 'America/New_York' });
    const agents: AgentSnapshot[] = [
      { id: 'a', schedule: { weekdays: [...EVERY_DAY], hours: [{ from: '09:00', to: '17:00' }] } },
      { id: 'b', assigned: { day: 9 } },
    ];
    // Summer time ends on Sunday 2026-11-01: 09:00 is 13:00Z before and 14:00Z after.
    expect(pick(ruleSet, agents, '2026-10-31T13:00:00Z').agentId).toBe('a');
    expect(pick(ruleSet, agents, '2026-11-02T13:30:00Z').agentId).toBe('b');
    expect(pick(ruleSet, agents, '2026-11-02T14:00:00Z').agentId).toBe('a');
    const before = pick(ruleSet, [{ id: 'a', schedule: agents[0]!.schedule }], '2026-10-31T22:00:00Z');
    expect(before.retryAt).toEqual(new Date('2026-11-01T14:00:00Z'));
  });

  it('keeps an agent on leave out for whole local days given as dates, and explain names the last day', () => {
    const agents: AgentSnapshot[] = [{ id: 'a', leave: [{ from: '2026-11-24', to: '2026-11-26' }] }, { id: 'b', assigned: { day: 3 } }];
    expect(pick(fewest, agents, '2026-11-23T23:59:59+08:00').agentId).toBe('a');
    const during = pick(fewest, agents, WEDNESDAY_10AM);
    expect(during.agentId).toBe('b');
    expect(during.trace[0]!.excluded![0]).toMatchObject({ reason: 'on_leave', until: new Date('2026-11-27T00:00:00+08:00') });
    expect(explain(during)).toContain('a: not a candidate, on leave until 26 Nov.');
    expect(pick(fewest, agents, '2026-11-26T23:59:59+08:00').agentId).toBe('b');
    expect(pick(fewest, agents, '2026-11-27T00:00:00+08:00').agentId).toBe('a');
  });

  it('reads leave given as instants with offsets: from inclusive, to the moment the agent is back', () => {
    const agents: AgentSnapshot[] = [
      { id: 'a', leave: [{ from: '2026-11-25T09:30:00+08:00', to: '2026-11-25T14:00:00+08:00' }] },
      { id: 'b', assigned: { day: 3 } },
    ];
    expect(pick(fewest, agents, '2026-11-25T09:29:59+08:00').agentId).toBe('a');
    expect(pick(fewest, agents, '2026-11-25T09:30:00+08:00').agentId).toBe('b');
    const during = pick(fewest, agents, WEDNESDAY_10AM);
    expect(explain(during)).toContain('on leave until 25 Nov 14:00');
    expect(pick(fewest, agents, '2026-11-25T14:00:00+08:00').agentId).toBe('a');
  });

  it('returns no_eligible_agent with retryAt at the earliest shift start when only shifts and leave stand in the way', () => {
    const agents: AgentSnapshot[] = [
      { id: 'a', schedule: { hours: [{ from: '13:00', to: '18:00' }] } },
      { id: 'b', schedule: { hours: [{ from: '11:30', to: '12:00' }] }, leave: [{ from: '2026-11-25', to: '2026-11-25' }] },
    ];
    const result = pick(fewest, agents, WEDNESDAY_10AM);
    expect(result).toMatchObject({ outcome: 'unassigned', reason: 'no_eligible_agent' });
    expect(result.retryAt).toEqual(new Date('2026-11-25T13:00:00+08:00'));
    expect(explain(result)).toContain('Retry at 2026-11-25T05:00:00.000Z');
  });

  it('counts caps in retryAt: the next day start for an agent at its daily cap, then its next shift; the week start when the week is capped too', () => {
    const ruleSet = ruleSetWith({ order: { by: 'fewestAssigned', period: 'day' }, eligibility: { maxAssigned: { week: 50 } } });
    const atCap: AgentSnapshot = { id: 'a', maxAssigned: { day: 20 }, assigned: { day: 20, week: 20 } };
    const shifted: AgentSnapshot = { ...atCap, id: 'b', schedule: { hours: [{ from: '09:00', to: '17:00' }] } };
    expect(pick(ruleSet, [atCap], WEDNESDAY_10AM).retryAt).toEqual(new Date('2026-11-26T00:00:00+08:00'));
    expect(pick(ruleSet, [shifted], WEDNESDAY_10AM).retryAt).toEqual(new Date('2026-11-26T09:00:00+08:00'));
    // Capped for the day and the week (the rule's cap): back on Monday (weeks start on Monday).
    expect(pick(ruleSet, [{ ...atCap, assigned: { day: 20, week: 50 } }], WEDNESDAY_10AM).retryAt).toEqual(new Date('2026-11-30T00:00:00+08:00'));
    // Off shift until 13:00 comes before a cap lifted at midnight.
    const offShift: AgentSnapshot = { id: 'c', schedule: { hours: [{ from: '13:00', to: '18:00' }] } };
    expect(pick(ruleSetWith({ agents: [{ id: 'a' }, { id: 'c' }] }), [atCap, offShift], WEDNESDAY_10AM).retryAt).toEqual(
      new Date('2026-11-25T13:00:00+08:00'),
    );
  });

  it('sets no retryAt when nobody is excluded by a shift, leave or cap', () => {
    const result = pick(fewest, [{ id: 'a', enabled: false }], WEDNESDAY_10AM);
    expect(result).toMatchObject({ reason: 'no_eligible_agent', retryAt: null });
  });

  it('lets a sticky rule fall back to its order when the previous agent is off shift, and says so', () => {
    const ruleSet = ruleSetWith({ sticky: true, order: { by: 'fewestAssigned', period: 'day' } });
    const agents: AgentSnapshot[] = [{ id: 'a' }, { id: 'b', schedule: { hours: [{ from: '13:00', to: '18:00' }] } }];
    const result = pick(ruleSet, agents, WEDNESDAY_10AM, 'b');
    expect(result.agentId).toBe('a');
    expect(result.trace[0]).toMatchObject({ pickedBy: 'order', stickyFallback: { agentId: 'b', reason: 'off_shift' } });
    expect(explain(result)).toContain('Sticky fell back to the order: the previous agent b is not a candidate, off shift until Wed 13:00.');
    expect(pick(ruleSet, agents, '2026-11-25T13:00:00+08:00', 'b').trace[0]!.pickedBy).toBe('sticky');
  });

  it('refuses a malformed shift, leave or cap with a path naming the agent', () => {
    const bad = (agent: Partial<AgentSnapshot>) => () => pick(fewest, [{ id: 'a' }, { id: 'b', ...agent }], WEDNESDAY_10AM);
    expect(bad({ leave: [{ from: '2026-11-26', to: '2026-11-24' }] })).toThrow(/agents\[1\]\.leave\[0\]\.to/);
    expect(bad({ leave: [{ from: '2026-11-26T10:00', to: '2026-11-27' }] })).toThrow(/agents\[1\]\.leave\[0\]\.from/);
    expect(bad({ schedule: { hours: [{ from: '25:00', to: '06:00' }] } })).toThrow(/agents\[1\]\.schedule\.hours\[0\]\.from/);
    expect(bad({ maxAssigned: { day: -1 } })).toThrow(/agents\[1\]\.maxAssigned\.day/);
    expect(bad({ maxAssigned: { hour: 3 } as never })).toThrow(/agents\[1\]\.maxAssigned\.hour/);
    expect(bad({ lastAssignedAt: 'yesterday' })).toThrow(AssignmentError);
  });
});

describe('caps per period', () => {
  it('applies the lower of the rule cap and the agent cap, in the rule set zone, and resets at the period boundary', () => {
    const ruleSet = ruleSetWith({ order: { by: 'fewestAssigned', period: 'month' }, eligibility: { maxAssigned: { day: 3 } } });
    const assigner = createAssigner(ruleSet, {
      agents: [
        { id: 'a', maxAssigned: { day: 2 } },
        { id: 'b', assigned: { month: 100 } },
      ],
    });
    const picks = ['23:00:00', '23:10:00', '23:20:00', '23:30:00'].map((t) => assigner.assign({ id: t }, `2026-11-25T${t}+08:00`).agentId);
    expect(picks).toEqual(['a', 'a', 'b', 'b']);
    // 2026-11-26 00:00 in Beijing is 16:00Z on the 25th: a new day there.
    expect(assigner.assign({ id: 'next-day' }, '2026-11-25T16:00:00Z').agentId).toBe('a');
  });

  it('reports limit_reached with the period and the cap', () => {
    const ruleSet = ruleSetWith({ order: { by: 'fewestAssigned', period: 'day' }, eligibility: { maxAssigned: { week: 10 } } });
    const result = pick(ruleSet, [{ id: 'a', assigned: { week: 10 } }, { id: 'b', assigned: { day: 4 } }], WEDNESDAY_10AM);
    expect(result.agentId).toBe('b');
    expect(result.trace[0]!.excluded).toEqual([{ agentId: 'a', reason: 'limit_reached', period: 'week', limit: 10 }]);
    expect(explain(result)).toContain('a: not a candidate, at the cap of 10 automatic assignment(s) this week.');
  });

  it('stops the catch-up burst of an agent back from leave under fewestAssigned by month', () => {
    const ruleSet = ruleSetWith({ order: { by: 'fewestAssigned', period: 'month' } });
    const assigner = createAssigner(ruleSet, {
      agents: [
        { id: 'a', assigned: { month: 0 }, maxAssigned: { day: 20 } },
        { id: 'b', assigned: { month: 120 } },
      ],
    });
    const picks = Array.from({ length: 30 }, (_, i) => assigner.assign({ id: `c-${i}` }, Date.parse(WEDNESDAY_10AM) + i * 60_000).agentId);
    expect(picks.filter((id) => id === 'a')).toHaveLength(20);
    expect(picks.slice(20).every((id) => id === 'b')).toBe(true);
  });
});

describe('orders', () => {
  it('longestIdle: never-assigned first, then the oldest last assignment, ties by participant order', () => {
    const ruleSet = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], order: { by: 'longestIdle' } });
    const agents: AgentSnapshot[] = [
      { id: 'a', lastAssignedAt: '2026-11-25T09:00:00+08:00' },
      { id: 'b', lastAssignedAt: '2026-11-25T08:00:00+08:00' },
      { id: 'c', lastAssignedAt: null },
      { id: 'd' },
    ];
    const result = pick(ruleSet, agents, WEDNESDAY_10AM);
    expect(result.agentId).toBe('c');
    expect(explain(result)).toContain('c: never assigned');
    const assigner = createAssigner(ruleSet, { agents });
    const picks = Array.from({ length: 5 }, (_, i) => assigner.assign({ id: `c-${i}` }, Date.parse(WEDNESDAY_10AM) + i).agentId);
    expect(picks).toEqual(['c', 'd', 'b', 'a', 'c']);
    expect(assigner.agents().find((a) => a.id === 'c')!.lastAssignedAt).toEqual(new Date(Date.parse(WEDNESDAY_10AM) + 4));
    const tie = ruleSetWith({ agents: [{ id: 'b' }, { id: 'a' }], order: { by: 'longestIdle' } });
    const at = '2026-11-25T09:00:00+08:00';
    expect(pick(tie, [{ id: 'a', lastAssignedAt: at }, { id: 'b', lastAssignedAt: at }], WEDNESDAY_10AM).agentId).toBe('b');
  });

  it('leastUtilised: smallest serving / capacity, per weight when proportional, agents without a capacity last', () => {
    const agents: AgentSnapshot[] = [
      { id: 'a', serving: 5, capacity: 10 },
      { id: 'b', serving: 6, capacity: 20 },
      { id: 'c', serving: 0 },
    ];
    const plain = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], order: { by: 'leastUtilised' } });
    const result = pick(plain, agents, WEDNESDAY_10AM);
    expect(result.agentId).toBe('b');
    expect(result.trace[0]!.candidates!.map((c) => [c.agentId, c.capacity])).toEqual([
      ['a', 10],
      ['b', 20],
      ['c', null],
    ]);
    expect(explain(result)).toContain('c: 0 subject(s) in care, no capacity (ranked after every agent with one)');
    const weighted = ruleSetWith({
      agents: [{ id: 'a', weight: 2 }, { id: 'b' }, { id: 'c' }],
      proportional: true,
      order: { by: 'leastUtilised' },
    });
    // a: 0.5 / 2 = 0.25 beats b: 0.3.
    expect(pick(weighted, agents, WEDNESDAY_10AM).agentId).toBe('a');
    const full = agents.map((a) => (a.id === 'c' ? a : { ...a, serving: a.capacity! }));
    expect(pick(plain, full, WEDNESDAY_10AM).agentId).toBe('c');
  });

  it('validates the new orders and caps', () => {
    const issues = (rule: unknown) => {
      const result = validateRuleSet(ruleSetWith(rule as Partial<Rule>));
      return result.ok ? [] : result.issues.map((i) => [i.code, i.path.join('.')]);
    };
    expect(issues({ order: { by: 'longestIdle', period: 'day' } })).toEqual([['unknown_key', 'rules.0.order.period']]);
    expect(issues({ order: { by: 'leastUtilised' } })).toEqual([]);
    expect(issues({ eligibility: { maxAssigned: { day: 1.5 } } })).toEqual([['invalid_value', 'rules.0.eligibility.maxAssigned.day']]);
    expect(issues({ agents: [{ where: 'agent.skills ==' }] })[0]).toEqual(['expression_syntax', 'rules.0.agents.0.where']);
    expect(issues({ agents: [{ where: "'vip' in agent.skills", weight: 0 }] })).toEqual([['invalid_weight', 'rules.0.agents.0.weight']]);
    // A selector sees only the agent: a subject field is unknown there.
    expect(issues({ agents: [{ where: "region == 'north'" }] })).toEqual([['unknown_field', 'rules.0.agents.0.where']]);
  });
});

describe('skill groups', () => {
  const ruleSet = ruleSetWith({
    agents: [{ id: 'lead' }, { where: "'vip' in agent.skills" }],
    order: { by: 'fewestAssigned', period: 'day' },
  });

  it('makes every matching agent a participant after the listed ones, in id order, and picks up an agent added later', () => {
    const agents: AgentSnapshot[] = [
      { id: 'lead', assigned: { day: 5 }, skills: ['vip'] },
      { id: 'zoe', skills: ['vip'], assigned: { day: 2 } },
      { id: 'max', skills: ['vip'], assigned: { day: 2 } },
      { id: 'sam', skills: ['retail'] },
    ];
    const result = pick(ruleSet, agents, WEDNESDAY_10AM);
    expect(result.agentId).toBe('max');
    expect(result.trace[0]!.candidates!.map((c) => [c.agentId, c.selector])).toEqual([
      ['lead', undefined],
      ['max', 1],
      ['zoe', 1],
    ]);
    expect(explain(result)).toContain('max (via selector agents[1])');
    agents.push({ id: 'amy', skills: ['vip'] });
    expect(pick(ruleSet, agents, WEDNESDAY_10AM).agentId).toBe('amy');
    const replaced = agents.map((a) =>
      a.id === 'sam' ? { ...a, skills: ['vip'], assigned: { day: 0 } } : a.id === 'amy' ? { ...a, assigned: { day: 3 } } : a,
    );
    expect(pick(ruleSet, replaced, WEDNESDAY_10AM).agentId).toBe('sam');
  });

  it('rotates round robin over selected agents, and createAssigner follows profile changes', () => {
    const rotating = ruleSetWith({ agents: [{ where: "'vip' in agent.skills" }], order: { by: 'roundRobin' } });
    const assigner = createAssigner(rotating, {
      agents: [{ id: 'b', skills: ['vip'] }, { id: 'a', skills: ['vip'] }, { id: 'c' }],
    });
    const at = Date.parse(WEDNESDAY_10AM);
    expect([0, 1, 2].map((i) => assigner.assign({ id: `c-${i}` }, at + i).agentId)).toEqual(['a', 'b', 'a']);
    assigner.updateAgent('c', { skills: ['vip'] });
    expect([3, 4].map((i) => assigner.assign({ id: `c-${i}` }, at + i).agentId)).toEqual(['b', 'c']);
  });
});

describe('createAssigner with shifts', () => {
  it('brings an agent back when its shift starts and drops it when its shift ends, as time advances', () => {
    const ruleSet = ruleSetWith({ order: { by: 'fewestAssigned', period: 'month' } });
    const assigner = createAssigner(ruleSet, {
      agents: [
        { id: 'a', schedule: { weekdays: [...EVERY_DAY], hours: [{ from: '09:00', to: '12:00' }] } },
        { id: 'b', assigned: { month: 1000 } },
      ],
    });
    const at = (time: string) => assigner.assign({ id: time }, `2026-11-25T${time}+08:00`).agentId;
    expect(at('08:00:00')).toBe('b');
    expect(at('09:00:00')).toBe('a');
    expect(at('11:59:59')).toBe('a');
    expect(at('12:00:00')).toBe('b');
    expect(at('23:00:00')).toBe('b');
    expect(assigner.assign({ id: 'next' }, '2026-11-26T09:00:00+08:00').agentId).toBe('a');
  });
});

describe('readAvailability', () => {
  it('returns a clean copy of the availability fields, or every issue with its path and code', () => {
    const good = readAvailability(
      {
        id: 'a',
        schedule: { hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/London' },
        leave: [{ from: '2026-12-01', to: '2026-12-03' }, { from: '2026-12-24T12:00:00+08:00', to: '2026-12-27T09:00:00+08:00' }],
        maxAssigned: { day: 20 },
        lastAssignedAt: '2026-11-25T02:00:00Z',
      },
      ['agents', 0],
    );
    expect(good).toEqual({
      ok: true,
      value: {
        schedule: { hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/London' },
        leave: [{ from: '2026-12-01', to: '2026-12-03' }, { from: '2026-12-24T12:00:00+08:00', to: '2026-12-27T09:00:00+08:00' }],
        maxAssigned: { day: 20 },
        lastAssignedAt: new Date('2026-11-25T02:00:00Z'),
      },
    });
    const bad = readAvailability(
      {
        schedule: { weekdays: [] },
        leave: [{ from: '2026-12-03', to: '2026-12-01' }, { from: '2026-12-24T12:00:00+08:00', to: '2026-12-24T12:00:00+08:00' }],
        maxAssigned: { day: 2.5, hour: 1 },
        lastAssignedAt: 'soon',
      },
      ['agents', 2],
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['invalid_value', 'agents.2.schedule.weekdays'],
      ['invalid_date_range', 'agents.2.leave.0.to'],
      ['invalid_date_range', 'agents.2.leave.1.to'],
      ['unknown_key', 'agents.2.maxAssigned.hour'],
      ['invalid_value', 'agents.2.maxAssigned.day'],
      ['invalid_value', 'agents.2.lastAssignedAt'],
    ]);
  });
});

describe('createAssigner rankings with many different shifts', () => {
  it('agrees with assignCustomer at every step when participants work more shifts than it groups by', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `agent-${String(i).padStart(2, '0')}`);
    const ruleSet = ruleSetWith({ agents: ids.map((id) => ({ id })), order: { by: 'fewestAssigned', period: 'day' } });
    // Twelve different shifts: each starts an hour after the previous one and lasts six hours.
    const agents: AgentSnapshot[] = ids.map((id, i) => ({
      id,
      schedule: { weekdays: [...EVERY_DAY], hours: [{ from: `${String(i * 2).padStart(2, '0')}:00`, to: `${String((i * 2 + 6) % 24).padStart(2, '0')}:00` }] },
      ...(i % 5 === 0 && { leave: [{ from: '2026-11-26', to: '2026-11-26' }] }),
    }));
    const assigner = createAssigner(ruleSet, { agents });
    let now = Date.parse('2026-11-25T00:00:00+08:00');
    for (let i = 0; i < 400; i++) {
      now += 7 * 60_000;
      const expected = assigner.preview({ id: `c-${i}` }, now);
      const decision = assigner.assign({ id: `c-${i}` }, now);
      expect(decision.agentId).toBe(expected.agentId);
      expect(decision.retryAt).toEqual(expected.retryAt);
    }
  });
});
