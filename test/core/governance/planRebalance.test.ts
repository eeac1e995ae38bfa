import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgentSnapshot, type AssignmentRecord, compileRuleSet, InputError, type PortfolioEntry, planRebalance, type RuleSet } from '../../../src/index.js';

const NOW = new Date('2026-11-02T02:00:00Z');

interface Case {
  /** Per agent: the rule's subjects it has, its weight, capacity (null: none) and subjects of other rules in its care. */
  agents: { count: number; weight: number; capacity: number | null; others: number }[];
  proportional: boolean;
}

function ruleSetOf(input: Case): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    rules: [
      {
        id: 'main',
        name: 'Everyone',
        enabled: true,
        agents: input.agents.map((agent, index) => ({ id: `a${index}`, weight: agent.weight })),
        proportional: input.proportional,
        order: { by: 'roundRobin' },
      },
    ],
  };
}

function effective(subjectId: string, agentId: string, ruleId: string | null): AssignmentRecord {
  const at = new Date(NOW.getTime() - 1000);
  return {
    id: `r-${subjectId}`,
    type: 'auto',
    status: 'effective',
    subject: { id: subjectId, kind: 'customer' },
    agentId,
    previousAgentId: null,
    ruleId,
    requestedBy: { id: 'system', role: 'system' },
    createdAt: at,
    updatedAt: at,
    expiresAt: null,
    history: [],
    version: 1,
  };
}

function portfolioOf(input: Case): PortfolioEntry[] {
  return input.agents.flatMap((agent, index) =>
    Array.from({ length: agent.count }, (_, n) => {
      const id = `s-${index}-${n}`;
      return {
        subject: { id, kind: 'customer' as const },
        fields: {},
        agentId: `a${index}`,
        previousAgentId: null,
        agentSince: new Date(NOW.getTime() - (n + 1) * 60_000 - index),
        pending: null,
        effective: effective(id, `a${index}`, 'main'),
      };
    }),
  );
}

function snapshotsOf(input: Case): AgentSnapshot[] {
  return input.agents.map((agent, index) => ({ id: `a${index}`, capacity: agent.capacity, serving: { total: agent.count + agent.others } }));
}

/** The bounds of a count within 1 of its share. */
function bounds(input: Case): { lo: number; hi: number }[] {
  const total = input.agents.reduce((sum, agent) => sum + agent.count, 0);
  const weightOf = (weight: number) => (input.proportional ? weight : 1);
  const weights = input.agents.reduce((sum, agent) => sum + weightOf(agent.weight), 0);
  return input.agents.map((agent) => {
    const share = (total * weightOf(agent.weight)) / weights;
    return { lo: Math.max(0, Math.ceil(share - 1 - 1e-9)), hi: Math.floor(share + 1 + 1e-9) };
  });
}

function distance(counts: readonly number[], limits: readonly { lo: number; hi: number }[]): number {
  return counts.reduce((sum, count, i) => sum + Math.max(0, limits[i]!.lo - count, count - limits[i]!.hi), 0);
}

/** Every final distribution reachable without exceeding capacity: the least distance to the shares, then the fewest moves. */
function bruteForce(input: Case): { distance: number; moves: number } {
  const limits = bounds(input);
  const total = input.agents.reduce((sum, agent) => sum + agent.count, 0);
  const ceilings = input.agents.map((agent) => (agent.capacity === null ? total : Math.max(agent.count, agent.count + Math.max(0, agent.capacity - agent.count - agent.others))));
  let best = { distance: Number.POSITIVE_INFINITY, moves: Number.POSITIVE_INFINITY };
  const counts: number[] = [];
  const visit = (index: number, left: number) => {
    if (index === input.agents.length - 1) {
      if (left > ceilings[index]!) return;
      counts[index] = left;
      const found = {
        distance: distance(counts, limits),
        moves: counts.reduce((sum, count, i) => sum + Math.max(0, input.agents[i]!.count - count), 0),
      };
      if (found.distance < best.distance || (found.distance === best.distance && found.moves < best.moves)) best = found;
      return;
    }
    for (let count = 0; count <= Math.min(left, ceilings[index]!); count++) {
      counts[index] = count;
      visit(index + 1, left - count);
    }
  };
  visit(0, total);
  return best;
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  agents: fc.array(
    fc.record({
      count: fc.nat({ max: 6 }),
      weight: fc.integer({ min: 1, max: 3 }),
      capacity: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
      others: fc.nat({ max: 2 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  proportional: fc.boolean(),
});

describe('planRebalance', () => {
  it('moves 9:3:0 (shares 4 each) to 5:4:3 in 4 moves, the most recently joined subjects first, the furthest below its share served first', () => {
    const input: Case = {
      agents: [
        { count: 9, weight: 1, capacity: null, others: 0 },
        { count: 3, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 1, capacity: null, others: 0 },
      ],
      proportional: false,
    };
    const plan = planRebalance({ ruleSet: compileRuleSet(ruleSetOf(input)), ruleId: 'main', portfolio: portfolioOf(input), agents: snapshotsOf(input), now: NOW });
    expect(plan.participants.map((participant) => [participant.before, participant.after])).toEqual([
      [9, 5],
      [3, 4],
      [0, 3],
    ]);
    // s-0-0 joined a0 last (a minute before now), s-0-1 before it, …
    expect(plan.moves.map((move) => [move.subject.id, move.to])).toEqual([
      ['s-0-0', 'a2'],
      ['s-0-1', 'a2'],
      ['s-0-2', 'a2'],
      ['s-0-3', 'a1'],
    ]);
    expect(plan.balanced).toBe(true);
  });

  it('gives 1:2 weights their shares when proportional, and equal shares when not', () => {
    const input: Case = {
      agents: [
        { count: 9, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 2, capacity: null, others: 0 },
      ],
      proportional: true,
    };
    const plan = (proportional: boolean) =>
      planRebalance({ ruleSet: compileRuleSet(ruleSetOf({ ...input, proportional })), ruleId: 'main', portfolio: portfolioOf(input), agents: snapshotsOf(input), now: NOW });
    expect(plan(true).participants.map((participant) => [participant.share, participant.after])).toEqual([
      [3, 4],
      [6, 5],
    ]);
    expect(plan(false).participants.map((participant) => participant.after)).toEqual([5, 4]);
  });

  it('never fills a receiver above its capacity and says when the shares are out of reach', () => {
    const input: Case = {
      agents: [
        { count: 8, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 1, capacity: 2, others: 1 },
      ],
      proportional: false,
    };
    const plan = planRebalance({ ruleSet: compileRuleSet(ruleSetOf(input)), ruleId: 'main', portfolio: portfolioOf(input), agents: snapshotsOf(input), now: NOW });
    expect(plan.participants.map((participant) => participant.after)).toEqual([7, 1]);
    expect(plan.balanced).toBe(false);
  });

  it('leaves out disabled and on-leave participants, and refuses an unknown rule at ruleId', () => {
    const input: Case = {
      agents: [
        { count: 6, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 1, capacity: null, others: 0 },
      ],
      proportional: false,
    };
    const agents = snapshotsOf(input);
    agents[2] = { ...agents[2]!, enabled: false };
    agents[3] = { ...agents[3]!, leave: [{ from: '2026-11-01', to: '2026-11-03' }] };
    const ruleSet = compileRuleSet(ruleSetOf(input));
    const plan = planRebalance({ ruleSet, ruleId: 'main', portfolio: portfolioOf(input), agents, now: NOW });
    // 6 between two: share 3 each, and 4:2 is already within 1 of it.
    expect(plan.participants.map((participant) => [participant.agentId, participant.share, participant.after])).toEqual([
      ['a0', 3, 4],
      ['a1', 3, 2],
    ]);
    expect(() => planRebalance({ ruleSet, ruleId: 'nope', portfolio: [], agents, now: NOW })).toThrow(InputError);
  });

  it('stops after maxMoves, and counts only the subjects the rule brought', () => {
    const input: Case = {
      agents: [
        { count: 6, weight: 1, capacity: null, others: 0 },
        { count: 0, weight: 1, capacity: null, others: 0 },
      ],
      proportional: false,
    };
    const portfolio = portfolioOf(input).map((entry, index) => (index < 2 ? { ...entry, effective: { ...entry.effective!, ruleId: null } } : entry));
    const ruleSet = compileRuleSet(ruleSetOf(input));
    const plan = planRebalance({ ruleSet, ruleId: 'main', portfolio, agents: snapshotsOf(input), now: NOW, maxMoves: 1 });
    expect(plan.participants.map((participant) => [participant.before, participant.after])).toEqual([
      [4, 3],
      [0, 1],
    ]);
    expect(plan.moves.map((move) => move.subject.id)).toEqual(['s-0-2']);
  });

  it('property: reaches the least distance to the shares with the fewest moves (brute force), never above capacity, nobody both giving and receiving', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const plan = planRebalance({ ruleSet: compileRuleSet(ruleSetOf(input)), ruleId: 'main', portfolio: portfolioOf(input), agents: snapshotsOf(input), now: NOW });
        const after = plan.participants.map((participant) => participant.after);
        const best = bruteForce(input);
        expect({ distance: distance(after, bounds(input)), moves: plan.moves.length }).toEqual(best);
        input.agents.forEach((agent, i) => {
          if (agent.capacity !== null && after[i]! > agent.count) expect(after[i]! + agent.others).toBeLessThanOrEqual(agent.capacity);
        });
        const givers = new Set(plan.moves.map((move) => move.from));
        expect(plan.moves.some((move) => givers.has(move.to))).toBe(false);
        expect(plan.balanced).toBe(best.distance === 0);
      }),
      { numRuns: 400 },
    );
  });

  it('property: a plan stopped after k moves and planned again from there makes the remaining moves', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.nat({ max: 10 }), (input, k) => {
        const ruleSet = compileRuleSet(ruleSetOf(input));
        const portfolio = portfolioOf(input);
        const agents = snapshotsOf(input);
        const whole = planRebalance({ ruleSet, ruleId: 'main', portfolio, agents, now: NOW });
        const done = whole.moves.slice(0, k);
        const moved = new Map(done.map((move, n) => [move.subject.id, { move, n }]));
        const state = portfolio.map((entry) => {
          const found = moved.get(entry.subject.id);
          if (found === undefined) return entry;
          const agentSince = new Date(NOW.getTime() + found.n + 1);
          return { ...entry, agentId: found.move.to, agentSince, effective: effective(entry.subject.id, found.move.to, 'main') };
        });
        const served = agents.map((agent) => {
          const delta = done.filter((move) => move.to === agent.id).length - done.filter((move) => move.from === agent.id).length;
          return { ...agent, serving: { total: (agent.serving as { total: number }).total + delta } };
        });
        const rest = planRebalance({ ruleSet, ruleId: 'main', portfolio: state, agents: served, now: NOW });
        expect(rest.moves).toEqual(whole.moves.slice(k));
      }),
      { numRuns: 300 },
    );
  });
});
