import { type AssignmentStore, createAssignmentService, InputError, NotSupportedError, type StatsOptions } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStatsText } from '../../src/cli/formatStatsText.js';
import { renderStatsReport } from '../../src/cli/renderStatsReport.js';
import { ruleSetWith } from '../fixtures/ruleSetWith.js';
import { admin, agent, HOUR, MINUTE, T0 } from './serviceFixtures.js';

const window = { from: new Date(T0), to: new Date(T0 + 24 * HOUR) };

describe('svc.stats', () => {
  it('fails with NotSupportedError (code not_supported) on a store without assignmentStats', async () => {
    const { assignmentStats: _, ...store } = createMemoryStore();
    const svc = createAssignmentService({ store: store as AssignmentStore, ruleSet: ruleSetWith({}) });
    const failure = await svc.stats(window).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotSupportedError);
    expect(failure).toMatchObject({ code: 'not_supported', method: 'assignmentStats' });
  });

  it.each([
    [{ to: window.to }, 'options.from'],
    [{ ...window, to: new Date(T0 - 1) }, 'options.to'],
    [{ ...window, from: '2026-11-02T10:00' }, 'options.from'],
    [{ ...window, timeZone: 'Mars/Olympus' }, 'options.timeZone'],
    [{ ...window, groupBy: ['agent', 'week'] }, 'options.groupBy[1]'],
    [{ ...window, groupBy: ['day', 'day'] }, 'options.groupBy[1]'],
    [{ ...window, groupBy: 'day' }, 'options.groupBy'],
    [{ ...window, group: ['day'] }, 'options.group'],
  ])('refuses %o with InputError naming %s, before asking the store', async (options, path) => {
    let asked = 0;
    const memory = createMemoryStore();
    const assignmentStats: AssignmentStore['assignmentStats'] = (query) => {
      asked++;
      return memory.assignmentStats!(query);
    };
    const store: AssignmentStore = { ...memory, assignmentStats };
    const svc = createAssignmentService({ store, ruleSet: ruleSetWith({}) });
    const failure = await svc.stats(options as unknown as StatsOptions).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect(failure).toMatchObject({ code: 'invalid_input', path });
    expect(asked).toBe(0);
  });

  it('suggests groupBy for a mistyped key', async () => {
    const svc = createAssignmentService({ store: createMemoryStore(), ruleSet: ruleSetWith({}) });
    await expect(svc.stats({ ...window, groupby: ['day'] } as unknown as StatsOptions)).rejects.toMatchObject({ suggestion: 'groupBy' });
  });

  it("measures a skill group's members against the selector's weight: 2:1:1 asks for 1/2, 1/4, 1/4", async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'lead' }, { id: 'v-1', skills: ['vip'] }, { id: 'v-2', skills: ['vip'] }, { id: 'other' }]);
    const ruleSet = ruleSetWith({
      proportional: true,
      agents: [{ id: 'lead', weight: 2 }, { where: "'vip' in agent.skills", weight: 1 }],
    });
    let now = T0;
    const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date(now) } });
    for (let i = 0; i < 8; i++) {
      await svc.autoAssign({ id: `c-${i}` });
      now += MINUTE;
    }
    const { rules } = await svc.stats({ ...window, groupBy: ['rule'] });
    expect(rules).toEqual([
      {
        ruleId: 'r',
        ruleName: 'Rule',
        assignments: 8,
        participants: [
          { agentId: 'lead', assignments: 4, share: 0.5, targetShare: 0.5, deviation: 0 },
          { agentId: 'v-1', assignments: 2, share: 0.25, targetShare: 0.25, deviation: 0 },
          { agentId: 'v-2', assignments: 2, share: 0.25, targetShare: 0.25, deviation: 0 },
        ],
        maxDeviation: 0,
      },
    ]);
  });

  it('lists a participant that took nothing with target 0, and every day of the window even without records', async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'a' }, { id: 'b', presence: 'offline' }]);
    const svc = createAssignmentService({ store, ruleSet: ruleSetWith({}), clock: { now: () => new Date(T0) } });
    await svc.autoAssign({ id: 'c-1' });
    const stats = await svc.stats({ from: new Date(T0 - 48 * HOUR), to: new Date(T0 + HOUR), groupBy: ['rule', 'day'] });
    expect(stats.rules?.[0]?.participants).toEqual([
      { agentId: 'a', assignments: 1, share: 1, targetShare: 1, deviation: 0 },
      { agentId: 'b', assignments: 0, share: 0, targetShare: 0, deviation: 0 },
    ]);
    expect(stats.days?.map((day) => [day.date, day.records])).toEqual([
      ['2026-10-31', 0],
      ['2026-11-01', 0],
      ['2026-11-02', 1],
    ]);
  });

  it('property: every section accounts for every record, rates lie in [0, 1] and medians never exceed p90', async () => {
    const step = fc.record({
      action: fc.constantFrom('confirm', 'decline', 'expire', 'cancel', 'keep'),
      gapMinutes: fc.integer({ min: 0, max: 600 }),
      answerMinutes: fc.integer({ min: 1, max: 300 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const store = createMemoryStore();
        await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
        const ruleSet = ruleSetWith(
          { agents: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
          {
            settings: {
              manual: { enabled: true, agentConfirmation: false },
              auto: { enabled: true, agentConfirmation: true },
              application: { enabled: false, adminApproval: false, agentConfirmation: false },
              pendingTimeout: 'PT6H',
            },
          },
        );
        let now = T0;
        const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date(now) } });
        for (const [i, { action, gapMinutes, answerMinutes }] of steps.entries()) {
          now += gapMinutes * MINUTE;
          const record = (await svc.autoAssign({ id: `c-${i}` })).record;
          if (record === null) continue;
          now += answerMinutes * MINUTE;
          if (action === 'confirm') await svc.confirm(record.id, agent(record.agentId));
          else if (action === 'decline') await svc.decline(record.id, agent(record.agentId));
          else if (action === 'cancel') await svc.cancel(record.id, admin);
          else if (action === 'expire') {
            now += 6 * HOUR;
            await svc.expirePending();
          }
        }
        const stats = await svc.stats({ from: new Date(T0), to: new Date(now + 1) });
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
        expect(stats.records).toBe(steps.length);
        expect(sum(stats.agents!.map((row) => row.records))).toBe(stats.records);
        expect(sum(Object.values(stats.types!))).toBe(stats.records);
        expect(sum(Object.values(stats.statuses!))).toBe(stats.records);
        expect(sum(stats.days!.map((day) => day.records))).toBe(stats.records);
        expect(sum(stats.hours!.map((hour) => hour.records))).toBe(stats.records);
        expect(sum(stats.rules!.map((rule) => rule.assignments))).toBe(stats.types!.auto);
        for (const row of stats.agents!) {
          expect(row.confirmed).toBeLessThanOrEqual(row.asked);
          if (row.acceptanceRate !== null) expect(row.acceptanceRate).toBeGreaterThanOrEqual(0);
          if (row.acceptanceRate !== null) expect(row.acceptanceRate).toBeLessThanOrEqual(1);
          if (row.confirmationTime !== null) {
            expect(row.confirmationTime.count).toBe(row.confirmed);
            expect(row.confirmationTime.medianMs).toBeLessThanOrEqual(row.confirmationTime.p90Ms);
          }
        }
        for (const rule of stats.rules!) expect(sum(rule.participants.map((p) => p.share))).toBeCloseTo(1, 9);
      }),
      { numRuns: 40 },
    );
  });

  it('marks the rule-set versions saved inside the window, oldest first, and none outside it', async () => {
    const store = createMemoryStore();
    let now = T0 - HOUR;
    const svc = createAssignmentService({ store, clock: { now: () => new Date(now) } });
    const first = ruleSetWith({ agents: [{ id: 'a' }] });
    await svc.saveRuleSet(first, { actor: admin, note: 'before the window' });
    now = T0 + 2 * HOUR;
    const second = ruleSetWith({ agents: [{ id: 'a' }, { id: 'b' }] });
    await svc.saveRuleSet(second, { actor: admin, note: '加入 b' });
    now = T0 + 5 * HOUR;
    await svc.saveRuleSet(first, { actor: admin });
    const stats = await svc.stats(window);
    expect(stats.ruleSetChanges?.map(({ at, note, actor }) => [at.getTime() - T0, note, actor.id])).toEqual([
      [2 * HOUR, '加入 b', admin.id],
      [5 * HOUR, null, admin.id],
    ]);
    // The report marks them, in the reader's language.
    expect(formatStatsText(stats, 'zh-CN')).toContain('本期间规则集变更 2 次');
    expect(formatStatsText(stats, 'en')).toMatch(/The rules changed 2 times in this window\n {2}2026-11-02 12:00 {2}admin-1 saved rule set \w+ — 加入 b/);
    const page = renderStatsReport(stats, { source: 'memory', generatedAt: new Date(T0), locale: 'zh-CN' });
    expect(page.match(/<li data-revision="/g)).toHaveLength(2);
  });
});
