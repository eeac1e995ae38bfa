import assert from 'node:assert/strict';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { HOUR, admin, agentCounts, ruleSetWith, testClock } from './conformanceFixtures.js';

/** 07:00 in Beijing on Tuesday 2026-11-03 = 23:00 UTC on Monday. */
const MORNING = Date.parse('2026-11-03T07:00:00+08:00');

/**
 * Counting periods: the store counts in the rule set's periods, which start at
 * local midnight in its zone.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * periodConformance(harness);
 * ```
 */
export function periodConformance({ describe, test }: ConformanceHarness): void {
  describe('periods', () => {
    test("resets day counts at local midnight in the rule set's zone, not at UTC midnight", async (store) => {
      const ruleSet = ruleSetWith(['a', 'b'], { by: 'fewestAssigned', period: 'day' });
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock(MORNING);
      const svc = createAssignmentService({ store, ruleSet, clock });
      const picks: (string | null)[] = [];
      for (const id of ['c-1', 'c-2', 'c-3']) picks.push((await svc.autoAssign({ id })).agentId);
      assert.deepEqual(picks, ['a', 'b', 'a']);

      // 09:00 local is after UTC midnight but the same local day: a has 2, b has 1.
      clock.set(MORNING + 2 * HOUR);
      assert.equal((await svc.autoAssign({ id: 'c-4' })).agentId, 'b');
      assert.deepEqual((await agentCounts(store, ruleSet, MORNING + 2 * HOUR, 'a')).assigned?.day, 2);

      // 00:10 local the next day: fresh day counts, so the tie goes to a again.
      const nextDay = Date.parse('2026-11-04T00:10:00+08:00');
      clock.set(nextDay);
      const a = await agentCounts(store, ruleSet, nextDay, 'a');
      assert.equal(a.assigned?.day, 0);
      assert.equal(a.assigned?.week, 2, 'the week goes on');
      assert.equal((await svc.autoAssign({ id: 'c-5' })).agentId, 'a');
    });

    test('counts serving by when the care began, and takes it back from that period when the care ends', async (store) => {
      const ruleSet = ruleSetWith(['a', 'b'], { by: 'fewestServing', period: 'day' });
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock(MORNING);
      const svc = createAssignmentService({ store, ruleSet, clock });
      assert.equal((await svc.autoAssign({ id: 'c-1' })).agentId, 'a');

      const nextDay = MORNING + 24 * HOUR;
      clock.set(nextDay);
      await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'b', actor: admin });
      const a = await agentCounts(store, ruleSet, nextDay, 'a');
      const b = await agentCounts(store, ruleSet, nextDay, 'b');
      assert.deepEqual(a.serving, { total: 0, day: 0, week: 0, month: 0, quarter: 0, year: 0 });
      assert.deepEqual(b.serving, { total: 1, day: 1, week: 1, month: 1, quarter: 1, year: 1 });
      const aYesterday = await agentCounts(store, ruleSet, MORNING, 'a');
      assert.equal(typeof aYesterday.serving === 'object' ? aYesterday.serving.day : undefined, 0);
    });

    test('keeps every period exact when care ends in a later period than it began, and when a clock goes back', async (store) => {
      const ruleSet = ruleSetWith(['a']);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock(MORNING);
      const svc = createAssignmentService({ store, ruleSet, clock });
      const counts = async (at: number) => {
        const { assigned, serving } = await agentCounts(store, ruleSet, at, 'a');
        return { assignedDay: assigned?.day, assignedWeek: assigned?.week, serving };
      };
      const day2 = MORNING + 24 * HOUR;
      const day3 = MORNING + 48 * HOUR;

      await svc.autoAssign({ id: 'c-1' });
      clock.set(day2);
      await svc.autoAssign({ id: 'c-2' });
      // c-1's care began on day 1: it ends there, not on day 2.
      await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'b', actor: admin });
      assert.deepEqual(await counts(day2), {
        assignedDay: 1,
        assignedWeek: 2,
        serving: { total: 1, day: 1, week: 1, month: 1, quarter: 1, year: 1 },
      });
      assert.deepEqual(await counts(MORNING), {
        assignedDay: 1,
        assignedWeek: 2,
        serving: { total: 1, day: 0, week: 1, month: 1, quarter: 1, year: 1 },
      });

      // A server whose clock is a day behind decides on day 1 after day 2 has begun.
      clock.set(MORNING + HOUR);
      await svc.autoAssign({ id: 'c-3' });
      assert.deepEqual(await counts(MORNING), {
        assignedDay: 2,
        assignedWeek: 3,
        serving: { total: 2, day: 1, week: 2, month: 2, quarter: 2, year: 2 },
      });
      assert.deepEqual((await counts(day2)).serving, { total: 2, day: 1, week: 2, month: 2, quarter: 2, year: 2 });
      assert.equal((await counts(day2)).assignedDay, 1);

      clock.set(day3);
      await svc.autoAssign({ id: 'c-4' });
      assert.deepEqual(await counts(day3), {
        assignedDay: 1,
        assignedWeek: 4,
        serving: { total: 3, day: 1, week: 3, month: 3, quarter: 3, year: 3 },
      });
      assert.deepEqual(await counts(day2), {
        assignedDay: 1,
        assignedWeek: 4,
        serving: { total: 3, day: 1, week: 3, month: 3, quarter: 3, year: 3 },
      });
      assert.equal((await counts(MORNING)).assignedDay, 2);
    });
  });
}
