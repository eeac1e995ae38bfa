import { ruleSetWith } from '../fixtures/ruleSetWith.js';
import {
  type AgentSnapshot,
  type AssignmentResult,
  assignCustomer,
  compileRuleSet,
  explain,
  type RuleSet,
  RuleSetError,
  type RuleState,
} from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { seedAgents, seedRuleSet } from '../fixtures/seedRuleSet.js';

// Wednesday 2026-11-25 10:00 in Beijing: inside office hours.
const WEEKDAY_10AM = '2026-11-25T10:00:00+08:00';

/** Assigns `count` subjects one after another, feeding counts and rule state back like a store would. */
function stream(ruleSet: RuleSet, agents: AgentSnapshot[], count: number, now = WEEKDAY_10AM): string[] {
  const picks: string[] = [];
  let ruleState: Record<string, RuleState> = {};
  for (let i = 0; i < count; i++) {
    const result = assignCustomer({ ruleSet, subject: { id: `c-${i}`, fields: {} }, agents, ruleState, now });
    if (result.agentId === null) throw new Error(`unassigned: ${result.reason}`);
    picks.push(result.agentId);
    ruleState = result.ruleState;
    const agent = agents.find((a) => a.id === result.agentId)!;
    agent.assigned = { day: (agent.assigned?.day ?? 0) + 1 };
    agent.serving = ((agent.serving as number | undefined) ?? 0) + 1;
  }
  return picks;
}

describe('assignCustomer: the seed rule set', () => {
  const ruleSet = seedRuleSet();

  it('sends a Beijing customer to the Beijing rule and records an effective auto record', () => {
    const result = assignCustomer({
      ruleSet,
      subject: { id: 'c-1', fields: { region: '北京', level: 1, tags: [] } },
      agents: seedAgents(),
      now: WEEKDAY_10AM,
    });
    expect(result.outcome).toBe('assigned');
    expect(result.ruleId).toBe('beijing');
    expect(result.agentId).toBe('zhang-san');
    expect(result.record).toMatchObject({
      type: 'auto',
      status: 'effective',
      subject: { id: 'c-1', kind: 'customer' },
      agentId: 'zhang-san',
      previousAgentId: null,
      ruleId: 'beijing',
      requestedBy: { id: 'system', role: 'system' },
      version: 1,
      expiresAt: null,
    });
    expect(result.transitions).toEqual([
      { recordId: result.record!.id, from: null, to: 'effective', at: new Date(WEEKDAY_10AM), by: { id: 'system', role: 'system' } },
    ]);
    expect(result.effects.map((e) => e.type)).toEqual(['stats.assigned', 'subject.setAgent', 'stats.serving', 'notify']);
  });

  it('prefers the VIP rule for a level-3 Beijing customer, because it comes first', () => {
    const result = assignCustomer({
      ruleSet,
      subject: { id: 'c-2', fields: { region: '北京', level: 3 } },
      agents: seedAgents(),
      now: WEEKDAY_10AM,
    });
    expect(result.ruleId).toBe('vip');
    expect(result.trace.map((t) => [t.ruleId, t.verdict])).toEqual([
      ['holiday', 'outside_schedule'],
      ['vip', 'chosen'],
    ]);
  });

  it('gives A, B, B, A, B, B for weights 1:2 with fewestAssigned from zero', () => {
    const rs = ruleSetWith({ agents: [{ id: 'A', weight: 1 }, { id: 'B', weight: 2 }], proportional: true, order: { by: 'fewestAssigned', period: 'day' } });
    expect(stream(rs, [{ id: 'A' }, { id: 'B' }], 6)).toEqual(['A', 'B', 'B', 'A', 'B', 'B']);
  });

  it('ignores weights when the rule is not proportional', () => {
    const rs = ruleSetWith({ agents: [{ id: 'A', weight: 1 }, { id: 'B', weight: 5 }], order: { by: 'fewestAssigned', period: 'day' } });
    expect(stream(rs, [{ id: 'A' }, { id: 'B' }], 4)).toEqual(['A', 'B', 'A', 'B']);
  });

  it('sends everyone to the holiday duty rule during National Day, in turn', () => {
    const picks = stream(ruleSet, seedAgents(), 4, '2026-10-03T15:00:00+08:00');
    expect(picks).toEqual(['duty-1', 'duty-2', 'duty-1', 'duty-2']);
  });

  it('falls back to the default rule when no rule applies, and names it $default', () => {
    const result = assignCustomer({ ruleSet, subject: { id: 'c-3', fields: { region: '上海', level: 1 } }, agents: seedAgents(), now: WEEKDAY_10AM });
    expect(result.ruleId).toBe('$default');
    expect(result.agentId).toBe('wang-wu');
    expect(result.ruleState).toEqual({ $default: { lastAgentId: 'wang-wu' } });
    expect(result.effects).toContainEqual({ type: 'ruleState.set', ruleId: '$default', state: { lastAgentId: 'wang-wu' } });
  });
});

describe('assignCustomer: ordering', () => {
  it('rotates round robin after the last agent in participant order, wrapping', () => {
    const rs = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    const agents = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const next = (lastAgentId?: string) =>
      assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents, ruleState: lastAgentId ? { r: { lastAgentId } } : {}, now: WEEKDAY_10AM }).agentId;
    expect([next(), next('a'), next('b'), next('c'), next('gone')]).toEqual(['a', 'b', 'c', 'a', 'a']);
  });

  it('skips ineligible agents in turn without losing the rotation', () => {
    const rs = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], eligibility: { presence: ['online'] } });
    const agents: AgentSnapshot[] = [{ id: 'a' }, { id: 'b', presence: 'offline' }, { id: 'c' }];
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents, ruleState: { r: { lastAgentId: 'a' } }, now: WEEKDAY_10AM });
    expect(result.agentId).toBe('c');
  });

  it('distributes smooth weighted round robin 5:1:1 as a, a, b, a, c, a, a', () => {
    const rs = ruleSetWith({ agents: [{ id: 'a', weight: 5 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }], proportional: true });
    expect(stream(rs, [{ id: 'a' }, { id: 'b' }, { id: 'c' }], 7)).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('orders fewestServing by the period count, or the total when no period is set', () => {
    const agents: AgentSnapshot[] = [
      { id: 'a', serving: { total: 1, week: 4 } },
      { id: 'b', serving: { total: 3, week: 0 } },
    ];
    const byTotal = ruleSetWith({ order: { by: 'fewestServing' } });
    const byWeek = ruleSetWith({ order: { by: 'fewestServing', period: 'week' } });
    expect(assignCustomer({ ruleSet: byTotal, subject: { id: 's' }, agents, now: WEEKDAY_10AM }).agentId).toBe('a');
    expect(assignCustomer({ ruleSet: byWeek, subject: { id: 's' }, agents, now: WEEKDAY_10AM }).agentId).toBe('b');
  });

  it('gives ties to participant order, not to the order of the agents array', () => {
    const rs = ruleSetWith({ agents: [{ id: 'b' }, { id: 'a' }], order: { by: 'fewestAssigned', period: 'week' } });
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }, { id: 'b' }], now: WEEKDAY_10AM });
    expect(result.agentId).toBe('b');
  });
});

describe('assignCustomer: eligibility', () => {
  const base = { agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e' }, { id: 'f' }, { id: 'g' }], order: { by: 'roundRobin' } } as const;

  it('excludes unknown, excluded, disabled, absent, full and non-matching agents, each with its reason', () => {
    const rs = ruleSetWith({
      ...base,
      agents: [...base.agents],
      eligibility: { presence: ['online', 'busy'], agentWhen: "'zh' in agent.languages" },
    });
    const agents: AgentSnapshot[] = [
      { id: 'b', languages: ['zh'] },
      { id: 'c', enabled: false, languages: ['zh'] },
      { id: 'd', presence: 'away', languages: ['zh'] },
      { id: 'e', capacity: 2, serving: 2, languages: ['zh'] },
      { id: 'f', languages: ['en'] },
      { id: 'g', presence: 'busy', capacity: 2, serving: { total: 1 }, languages: ['zh'] },
    ];
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents, now: WEEKDAY_10AM, excludeAgentIds: ['b'] });
    expect(result.agentId).toBe('g');
    expect(result.trace[0]!.excluded).toEqual([
      { agentId: 'a', reason: 'unknown' },
      { agentId: 'b', reason: 'excluded' },
      { agentId: 'c', reason: 'disabled' },
      { agentId: 'd', reason: 'presence' },
      { agentId: 'e', reason: 'capacity' },
      { agentId: 'f', reason: 'agent_condition' },
    ]);
  });

  it('assigns past capacity only when the rule ignores capacity', () => {
    const agents: AgentSnapshot[] = [{ id: 'a', capacity: 1, serving: 1 }];
    const strict = ruleSetWith({ agents: [{ id: 'a' }] });
    const lenient = ruleSetWith({ agents: [{ id: 'a' }], eligibility: { ignoreCapacity: true } });
    expect(assignCustomer({ ruleSet: strict, subject: { id: 's' }, agents, now: WEEKDAY_10AM }).reason).toBe('no_eligible_agent');
    expect(assignCustomer({ ruleSet: lenient, subject: { id: 's' }, agents, now: WEEKDAY_10AM }).agentId).toBe('a');
  });

  it('prefers the previous agent of a sticky rule when eligible, and does not move the rotation', () => {
    const rs = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], sticky: true });
    const agents = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const sticky = assignCustomer({ ruleSet: rs, subject: { id: 's', previousAgentId: 'c' }, agents, now: WEEKDAY_10AM });
    expect(sticky.agentId).toBe('c');
    expect(sticky.trace[0]!.pickedBy).toBe('sticky');
    expect(sticky.ruleState).toEqual({});
    const gone = assignCustomer({ ruleSet: rs, subject: { id: 's', previousAgentId: 'c' }, agents: [{ id: 'a' }, { id: 'b' }, { id: 'c', enabled: false }], now: WEEKDAY_10AM });
    expect(gone.agentId).toBe('a');
  });

  it('lets agentWhen compare the agent with the subject', () => {
    const rs = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }], eligibility: { agentWhen: 'language in agent.languages' } });
    const agents: AgentSnapshot[] = [{ id: 'a', languages: ['en'] }, { id: 'b', languages: ['ja', 'zh'] }];
    expect(assignCustomer({ ruleSet: rs, subject: { id: 's', fields: { language: 'zh' } }, agents, now: WEEKDAY_10AM }).agentId).toBe('b');
  });
});

describe('assignCustomer: when nobody is assigned', () => {
  it('says auto_disabled, already_assigned and pending_exists before evaluating any rule', () => {
    const off = ruleSetWith({}, { settings: { ...ruleSetWith({}).settings, auto: { enabled: false, agentConfirmation: false } } });
    const rs = ruleSetWith({});
    const agents = [{ id: 'a' }];
    expect(assignCustomer({ ruleSet: off, subject: { id: 's' }, agents, now: WEEKDAY_10AM }).reason).toBe('auto_disabled');
    expect(assignCustomer({ ruleSet: rs, subject: { id: 's', agentId: 'a' }, agents, now: WEEKDAY_10AM }).reason).toBe('already_assigned');
    expect(assignCustomer({ ruleSet: rs, subject: { id: 's', pending: true }, agents, now: WEEKDAY_10AM }).reason).toBe('pending_exists');
  });

  it('stops at a rule with onNoAgent stop instead of trying later rules or the default', () => {
    const rs: RuleSet = {
      ...ruleSetWith({ agents: [{ id: 'a' }], onNoAgent: 'stop' }),
      defaultRule: { name: 'Default', enabled: true, agents: [{ id: 'b' }], order: { by: 'roundRobin' } },
    };
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a', enabled: false }, { id: 'b' }], now: WEEKDAY_10AM });
    expect(result).toMatchObject({ outcome: 'unassigned', reason: 'no_eligible_agent', agentId: null, record: null });
    expect(result.trace.map((t) => t.ruleId)).toEqual(['r']);
  });

  it('gives outside_schedule with retryAt at the next opening for a customer created on Friday night', () => {
    const rs = ruleSetWith({ schedule: { hours: [{ from: '09:00', to: '18:00' }] } });
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: '2026-11-27T20:00:00+08:00' });
    expect(result.reason).toBe('outside_schedule');
    expect(result.retryAt).toEqual(new Date('2026-11-30T09:00:00+08:00'));
  });

  it('prefers no_eligible_agent over outside_schedule, and says no_rule_applies when nothing matched', () => {
    const rs: RuleSet = {
      ...ruleSetWith({ id: 'closed', schedule: { hours: [{ from: '09:00', to: '10:00' }] } }),
    };
    rs.rules.push({ id: 'empty', name: 'Nobody', enabled: true, agents: [{ id: 'x' }], order: { by: 'roundRobin' } });
    const night = '2026-11-25T23:00:00+08:00';
    expect(assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: night }).reason).toBe('no_eligible_agent');
    const none = ruleSetWith({ when: "region == 'x'" });
    expect(assignCustomer({ ruleSet: none, subject: { id: 's' }, agents: [{ id: 'a' }], now: night }).reason).toBe('no_rule_applies');
  });

  it('waits for the agent when auto confirmation is on: pending record, count raised, subject unchanged', () => {
    const base = ruleSetWith({});
    const rs = { ...base, settings: { ...base.settings, auto: { enabled: true, agentConfirmation: true }, pendingTimeout: 'PT2H' } };
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: WEEKDAY_10AM });
    expect(result.outcome).toBe('pending_confirmation');
    expect(result.record!.expiresAt).toEqual(new Date(Date.parse(WEEKDAY_10AM) + 2 * 3600_000));
    const types = result.effects.map((e) => e.type);
    expect(types).toContain('stats.assigned');
    expect(types).not.toContain('subject.setAgent');
    expect(types).not.toContain('stats.serving');
    expect(result.effects).toContainEqual(expect.objectContaining({ type: 'notify', event: 'confirmation_requested', recipient: { type: 'agent', id: 'a' } }));
  });

  it('replaces the current agent only with reassign, never with the same agent', () => {
    const rs = ruleSetWith({ order: { by: 'fewestAssigned', period: 'day' } });
    const agents: AgentSnapshot[] = [{ id: 'a' }, { id: 'b', assigned: { day: 9 } }];
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's', agentId: 'a' }, agents, now: WEEKDAY_10AM, reassign: true });
    expect(result.agentId).toBe('b');
    expect(result.record!.previousAgentId).toBe('a');
    expect(result.effects).toContainEqual({ type: 'stats.serving', agentId: 'a', delta: -1, at: new Date(WEEKDAY_10AM) });
    expect(result.effects).toContainEqual(expect.objectContaining({ type: 'notify', event: 'unassigned', recipient: { type: 'agent', id: 'a' } }));
  });
});

describe('assignCustomer: inputs', () => {
  it('rejects an invalid rule set with every issue', () => {
    const bad = { ...ruleSetWith({ when: 'region ==' }), timeZone: 'Mars/Base' } as RuleSet;
    try {
      assignCustomer({ ruleSet: bad, subject: { id: 's' }, agents: [], now: WEEKDAY_10AM });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSetError);
      expect((error as RuleSetError).issues.map((i) => i.code).sort()).toEqual(['expression_syntax', 'invalid_time_zone']);
    }
  });

  it('names the malformed input: subject, agent entry, clock', () => {
    const rs = ruleSetWith({});
    const call = (patch: object) => () => assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: WEEKDAY_10AM, ...patch });
    expect(call({ subject: { id: '' } })).toThrow(/subject\.id/);
    expect(call({ subject: { id: 's', kind: 'lead' } })).toThrow(/subject\.kind/);
    expect(call({ agents: [{ id: 'a' }, null] })).toThrow(/agents\[1\]/);
    expect(call({ now: 'yesterday' })).toThrow(/now/);
  });

  it('reads only own keys of the input: an unknown one is refused with did-you-mean, an inherited one is ignored', () => {
    const rs = ruleSetWith({});
    const base = { ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: WEEKDAY_10AM };
    expect(() => assignCustomer({ ...base, agent: [] } as never)).toThrow('input.agent: unknown option, did you mean agents?');
    const inheriting = Object.assign(Object.create({ reassign: 'yes', recordId: 7 }) as object, base);
    expect(() => assignCustomer(inheriting as never)).toThrow(/input must be an object/);
    const polluted = Object.prototype as Record<string, unknown>;
    polluted.excludeAgentIds = ['a'];
    try {
      expect(assignCustomer(base).agentId).toBe('a');
    } finally {
      delete polluted.excludeAgentIds;
    }
  });

  it('names each wrongly typed member of the input, and calls a getter once, refusing one that throws', () => {
    const rs = ruleSetWith({});
    const call = (patch: object) => () => assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: WEEKDAY_10AM, ...patch });
    expect(call({ reassign: 'yes' })).toThrow(/^reassign must be a boolean/);
    expect(call({ excludeAgentIds: 'a' })).toThrow(/^excludeAgentIds/);
    expect(call({ ruleState: [] })).toThrow(/^ruleState must be an object/);
    expect(call({ recordId: '' })).toThrow(/^recordId/);
    let reads = 0;
    const counted = {
      ruleSet: rs,
      subject: { id: 's' },
      agents: [{ id: 'a' }],
      get now() {
        reads++;
        return WEEKDAY_10AM;
      },
    };
    expect(assignCustomer(counted).agentId).toBe('a');
    expect(reads).toBe(1);
    const throwing = {
      ruleSet: rs,
      subject: { id: 's' },
      agents: [{ id: 'a' }],
      get now(): string {
        throw new Error('clock unplugged');
      },
    };
    expect(() => assignCustomer(throwing)).toThrow('input.now must be a data property, got a getter that throws');
  });

  it("reads the subject's own members once each, a getter included, and refuses one that throws naming it", () => {
    const ruleSet = ruleSetWith({ when: "region == 'north'" });
    let reads = 0;
    const subject = {
      get id() {
        reads++;
        return 'c-1';
      },
      fields: { region: 'north' },
    };
    expect(assignCustomer({ ruleSet, subject, agents: [{ id: 'a' }], now: WEEKDAY_10AM }).subject).toEqual({ id: 'c-1', kind: 'customer' });
    expect(reads).toBe(1);
    // Inherited members are not the subject's: a polluted prototype gives neither an id nor fields.
    const inherited = Object.create({ id: 'c-2', fields: { region: 'north' } }) as { id: string };
    expect(() => assignCustomer({ ruleSet, subject: inherited, agents: [{ id: 'a' }], now: WEEKDAY_10AM })).toThrow(/^subject\.id must be/);
    for (const member of ['id', 'kind', 'fields', 'pending', 'agentId', 'previousAgentId']) {
      const throwing = Object.defineProperty({ id: 'c-3' }, member, {
        enumerable: true,
        get() {
          throw new Error('unplugged');
        },
      });
      expect(() => assignCustomer({ ruleSet, subject: throwing, agents: [{ id: 'a' }], now: WEEKDAY_10AM })).toThrow(
        `subject.${member} must be a data property, got a getter that throws`,
      );
    }
  });

  it('compiles a rule set once and reuses it', () => {
    const rs = ruleSetWith({});
    expect(compileRuleSet(rs)).toBe(compileRuleSet(rs));
  });

  it('sees agents added to or replaced in the same agents array between calls', () => {
    const rs = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }] });
    const agents: AgentSnapshot[] = [{ id: 'x' }, { id: 'a', enabled: false }];
    const first = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents, now: WEEKDAY_10AM });
    expect(first.reason).toBe('no_eligible_agent');
    agents[0] = { id: 'b' };
    expect(assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents, now: WEEKDAY_10AM }).agentId).toBe('b');
    agents.push({ id: 'a' });
    agents[1] = { id: 'y' };
    expect(assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents, now: WEEKDAY_10AM, excludeAgentIds: ['b'] }).agentId).toBe('a');
  });
});

describe('explain', () => {
  it('says which rule matched and the numbers that picked the agent', () => {
    const agents: AgentSnapshot[] = [
      { id: 'li-lei', assigned: { day: 3 } },
      { id: 'han-meimei', assigned: { day: 2 } },
    ];
    const result: AssignmentResult = assignCustomer({
      ruleSet: seedRuleSet(),
      subject: { id: 'c-9', fields: { level: 5 } },
      agents,
      now: WEEKDAY_10AM,
    });
    const names: Record<string, string> = { 'li-lei': 'Li Lei', 'han-meimei': 'Han Meimei' };
    const text = explain(result, { agentName: (id) => names[id] ?? id });
    expect(text).toContain('c-9 (customer) → Li Lei by rule "VIP customers" (vip).');
    expect(text).toContain('Li Lei: 3 assignment(s) today against weight 2 = 1.5');
    expect(text).toContain('Han Meimei: 2 assignment(s) today against weight 1 = 2');
    // The holiday dates are 2026's only, so from late November the rule never opens again.
    expect(text).toContain('rule "National Day duty" (holiday): matched but outside its schedule; it does not open within a year.');
    expect(text).not.toContain('Ties go to');
  });

  it('mentions the tie-break only when the chosen agent tied with another', () => {
    const result = assignCustomer({ ruleSet: seedRuleSet(), subject: { id: 'c-10', fields: { level: 5 } }, agents: seedAgents(), now: WEEKDAY_10AM });
    expect(explain(result)).toContain('Ties go to the participant listed first.');
  });

  it('explains why nobody was assigned', () => {
    const rs = ruleSetWith({ schedule: { hours: [{ from: '09:00', to: '18:00' }] } });
    const result = assignCustomer({ ruleSet: rs, subject: { id: 's' }, agents: [{ id: 'a' }], now: '2026-11-27T20:00:00+08:00' });
    expect(explain(result)).toMatch(/^s \(customer\) not assigned: every matching rule is outside its schedule\. Retry at 2026-11-30T01:00:00\.000Z\./);
  });
});

describe('assignCustomer: conditions that read the clock', () => {
  it('counts daysSince in a rule condition and in an agent condition up to the decision instant', () => {
    const ruleSet = ruleSetWith({
      order: { by: 'fewestAssigned', period: 'day' },
      when: 'daysSince(signedUpAt) >= 30',
      eligibility: { agentWhen: 'daysSince(agent.since) >= 365' },
    });
    const agents: AgentSnapshot[] = [
      { id: 'a', attributes: { since: '2026-06-01' } },
      { id: 'b', attributes: { since: '2025-06-01' } },
    ];
    const subject = { id: 'c-1', fields: { signedUpAt: '2026-10-20' } };
    // 36 days after sign-up; only b has been on the team for a year.
    expect(assignCustomer({ ruleSet, subject, agents, now: '2026-11-25T10:00:00+08:00' })).toMatchObject({ outcome: 'assigned', agentId: 'b' });
    // 21 days after sign-up: the rule does not apply.
    expect(assignCustomer({ ruleSet, subject, agents, now: '2026-11-10T10:00:00+08:00' })).toMatchObject({ outcome: 'unassigned', reason: 'no_rule_applies' });
    // A year and a day after a joined: both are candidates, and a is listed first.
    expect(assignCustomer({ ruleSet, subject, agents, now: '2027-06-02T10:00:00+08:00' })).toMatchObject({ outcome: 'assigned', agentId: 'a' });
  });
});

describe('assignCustomer: retryAt over many closed rules', () => {
  it('gives the earliest opening among all closed rules, wherever they stand in a long list', () => {
    // 40 rules closed at 10:00; rule k opens at 11:00 on day 1 + (k * 7) % 40 after it, except rule 33, which opens first.
    const rules = Array.from({ length: 40 }, (_, k) => ({
      id: `r${k}`,
      name: `Rule ${k}`,
      enabled: true,
      agents: [{ id: 'a' }],
      order: { by: 'roundRobin' as const },
      schedule: { dates: [{ from: `2026-12-${String(1 + ((k * 7) % 40) % 28 + 1).padStart(2, '0')}`, to: '2026-12-31' }], hours: [{ from: '11:00', to: '12:00' }] },
    }));
    rules[33]!.schedule = { dates: [{ from: '2026-11-25', to: '2026-12-31' }], hours: [{ from: '11:00', to: '12:00' }] };
    const ruleSet = ruleSetWith({}, { rules });
    const result = assignCustomer({ ruleSet, subject: { id: 'c-1' }, agents: [{ id: 'a' }], now: WEEKDAY_10AM });
    expect(result).toMatchObject({ outcome: 'unassigned', reason: 'outside_schedule' });
    expect(result.retryAt).toEqual(new Date('2026-11-25T11:00:00+08:00'));
  });
});
