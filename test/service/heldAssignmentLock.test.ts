import { compileRuleSet } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it } from 'vitest';
import { HeldAssignmentLock } from '../../src/service/heldAssignmentLock.js';
import { periodRangesAt } from '../../src/service/periodRangesAt.js';
import { T0, seedWith } from './serviceFixtures.js';

describe('HeldAssignmentLock (decisions sharing one transaction)', () => {
  it("shows a later decision the earlier one's lastAssignedAt, as the store will keep it", async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'wang-wu' }, { id: 'zhao-liu' }]);
    const ruleSet = compileRuleSet(seedWith());
    const now = new Date(T0);
    await store.transaction(async (tx) => {
      const lock = await HeldAssignmentLock.take({ tx, ruleSet, now, nextId: () => 'x', tracesByRecord: false });
      expect(lock.agents.find((agent) => agent.id === 'wang-wu')?.lastAssignedAt).toBeNull();
      const periods = periodRangesAt(ruleSet, now);
      const buckets = { day: periods.day.start, week: periods.week.start, month: periods.month.start, quarter: periods.quarter.start, year: periods.year.start };
      const before = lock.agents;
      lock.record({ ruleState: [], counters: [{ agentId: 'wang-wu', counter: 'assigned', delta: 1, buckets, at: now }] });
      const wang = lock.agents.find((agent) => agent.id === 'wang-wu');
      expect(wang?.lastAssignedAt).toEqual(now);
      expect(wang?.assigned?.day).toBe(1);
      expect(before.find((agent) => agent.id === 'wang-wu')?.lastAssignedAt, 'earlier decisions keep their inputs').toBeNull();
      // An older instant never moves it back; serving changes leave it alone.
      lock.record({
        ruleState: [],
        counters: [
          { agentId: 'wang-wu', counter: 'assigned', delta: 1, buckets, at: new Date(T0 - 60_000) },
          { agentId: 'wang-wu', counter: 'serving', delta: 1, buckets, at: new Date(T0 + 60_000) },
        ],
      });
      expect(lock.agents.find((agent) => agent.id === 'wang-wu')?.lastAssignedAt).toEqual(now);
    });
  });
});
