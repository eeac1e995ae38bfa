import { describe, expect, it } from 'vitest';
import { compileRuleSet, compileSubjectFilter, InputError, type PortfolioEntry, planTransfer, type RuleSet } from '../../../src/index.js';

const NOW = new Date('2026-11-02T02:00:00Z');

const ruleSet = compileRuleSet({
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  fields: { tier: 'number' },
  rules: [{ id: 'main', name: 'Everyone', enabled: true, agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], order: { by: 'fewestServing' } }],
} satisfies RuleSet);

function entry(id: string, tier: number, pending = false): PortfolioEntry {
  return {
    subject: { id, kind: 'customer' },
    fields: { tier },
    agentId: 'a',
    previousAgentId: null,
    agentSince: NOW,
    pending: pending ? ({ id: `p-${id}`, status: 'pending_approval' } as PortfolioEntry['pending']) : null,
    effective: null,
  };
}

const portfolio = [entry('s-3', 1), entry('s-1', 2), entry('s-2', 3, true), entry('s-4', 3)];
const all = compileSubjectFilter(undefined, ruleSet, 'where');

describe('planTransfer', () => {
  it('gives fewest-serving picks b, c, b with a excluded, counting each move before the next decision', () => {
    const plan = planTransfer({
      ruleSet,
      from: 'a',
      to: 'rules',
      where: all,
      limit: Number.POSITIVE_INFINITY,
      portfolio,
      agents: [{ id: 'a', serving: 4 }, { id: 'b', serving: 1 }, { id: 'c', serving: 1 }],
      ruleState: {},
      now: NOW,
    });
    expect(plan.moves.map((move) => [move.subject.id, move.to, move.ruleId])).toEqual([
      ['s-1', 'b', 'main'],
      ['s-3', 'c', 'main'],
      ['s-4', 'b', 'main'],
    ]);
    expect(plan.skipped).toEqual([{ subject: { id: 's-2', kind: 'customer' }, reason: 'pending_exists' }]);
    expect(plan.considered.map((subject) => subject.id)).toEqual(['s-1', 's-2', 's-3', 's-4']);
  });

  it('stops at the limit, keeps to where, and leaves subjects nobody can take', () => {
    const plan = planTransfer({
      ruleSet,
      from: 'a',
      to: 'rules',
      where: compileSubjectFilter('tier >= 2', ruleSet, 'where'),
      limit: 1,
      portfolio,
      agents: [{ id: 'a' }, { id: 'b', enabled: false }, { id: 'c', capacity: 0 }],
      ruleState: {},
      now: NOW,
    });
    expect(plan.moves).toEqual([]);
    expect(plan.skipped.map((skip) => [skip.subject.id, skip.reason])).toEqual([
      ['s-1', 'no_eligible_agent'],
      ['s-2', 'pending_exists'],
      ['s-4', 'no_eligible_agent'],
    ]);
    const named = planTransfer({ ruleSet, from: 'a', to: 'z', where: all, limit: 2, portfolio, agents: [], ruleState: {}, now: NOW });
    expect(named.moves.map((move) => [move.subject.id, move.to, move.ruleId])).toEqual([
      ['s-1', 'z', null],
      ['s-3', 'z', null],
    ]);
  });

  it('refuses a where over an undeclared field, naming the path', () => {
    let caught: unknown;
    try {
      compileSubjectFilter({ all: [{ field: 'city', op: 'eq', value: '北京' }] }, ruleSet, 'input.where');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).path).toBe('input.where.all[0].field');
  });
});
