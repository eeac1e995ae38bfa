import assert from 'node:assert/strict';
import { AssignmentError } from '../core/errors.js';
import { compileRuleSet } from '../core/ruleset/compileRuleSet.js';
import type { Schedule } from '../core/ruleset/types.js';
import type { AgentProfile, ChangeSet, PeriodBuckets } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import { periodRangesAt } from '../service/periodRangesAt.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { HOUR, MINUTE, T0, admin, agentCounts, ruleSetWith, testClock } from './conformanceFixtures.js';

/** A night shift in Berlin, leave as dates and as instants, caps per day and month. */
const NIGHT_SHIFT: Schedule = { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '22:00', to: '06:00' }], timeZone: 'Europe/Berlin' };
const LEAVE = [
  { from: '2026-12-21', to: '2027-01-03' },
  { from: '2026-11-20T13:00:00+08:00', to: '2026-11-20T18:00:00+08:00' },
];

/**
 * Availability: the store keeps the profile's `schedule`, `leave` and
 * `maxAssigned` as given (an update keeps those it does not give), refuses
 * malformed ones without writing anything, and maintains `lastAssignedAt` —
 * the instant of the agent's latest automatic assignment — in the commit that
 * counts it.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * availabilityConformance(harness);
 * ```
 */
export function availabilityConformance({ describe, test }: ConformanceHarness): void {
  describe('availability', () => {
    test('keeps schedule, leave and maxAssigned, and an update keeps the ones it does not give', async (store) => {
      await store.upsertAgents([{ id: 'a', presence: 'online', schedule: NIGHT_SHIFT, leave: LEAVE, maxAssigned: { day: 20, month: 300 } }]);
      await store.upsertAgents([{ id: 'a', presence: 'busy' }]);
      const ruleSet = ruleSetWith(['a']);
      const [profile] = await store.transaction(async (tx) => tx.agents(['a']));
      assert.deepEqual(profile, {
        id: 'a',
        presence: 'busy',
        schedule: NIGHT_SHIFT,
        leave: LEAVE,
        maxAssigned: { day: 20, month: 300 },
        lastAssignedAt: null,
      } satisfies AgentProfile);
      const snapshot = await agentCounts(store, ruleSet, T0, 'a');
      assert.deepEqual(
        { schedule: snapshot.schedule, leave: snapshot.leave, maxAssigned: snapshot.maxAssigned, lastAssignedAt: snapshot.lastAssignedAt },
        { schedule: NIGHT_SHIFT, leave: LEAVE, maxAssigned: { day: 20, month: 300 }, lastAssignedAt: null },
      );

      // A property given replaces the stored one as a whole.
      await store.upsertAgents([{ id: 'a', leave: [], maxAssigned: { week: 50 } }]);
      const [updated] = await store.transaction(async (tx) => tx.agents(['a']));
      assert.deepEqual(updated?.leave, []);
      assert.deepEqual(updated?.maxAssigned, { week: 50 });
      assert.deepEqual(updated?.schedule, NIGHT_SHIFT);
    });

    test('refuses a malformed schedule, leave, maxAssigned or a given lastAssignedAt with invalid_input naming the path, writing nothing', async (store) => {
      const cases: [unknown, string][] = [
        [{ id: 'bad', schedule: { hours: [{ from: '25:00', to: '06:00' }] } }, 'agents[1].schedule.hours[0].from'],
        [{ id: 'bad', leave: [{ from: '2026-12-03', to: '2026-12-01' }] }, 'agents[1].leave[0].to'],
        [{ id: 'bad', leave: [{ from: 'next monday', to: '2026-12-01' }] }, 'agents[1].leave[0].from'],
        [{ id: 'bad', maxAssigned: { day: -1 } }, 'agents[1].maxAssigned.day'],
        [{ id: 'bad', maxAssigned: { fortnight: 3 } }, 'agents[1].maxAssigned.fortnight'],
        [{ id: 'bad', lastAssignedAt: new Date(T0) }, 'agents[1].lastAssignedAt'],
      ];
      for (const [bad, path] of cases) {
        await assert.rejects(
          store.upsertAgents([{ id: 'fine' }, bad as AgentProfile]),
          (error) => error instanceof AssignmentError && error.code === 'invalid_input' && error.message.includes(path),
          path,
        );
      }
      assert.deepEqual(await store.transaction(async (tx) => tx.agents()), []);
    });

    test('sets lastAssignedAt to the instant of the latest automatic assignment, and manual assignments leave it alone', async (store) => {
      const ruleSet = ruleSetWith(['a', 'b']);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock(T0);
      const svc = createAssignmentService({ store, ruleSet, clock });
      const first = await svc.autoAssign({ id: 'c-1' });
      assert.equal(first.agentId, 'a');
      clock.advance(5 * MINUTE);
      assert.equal((await svc.autoAssign({ id: 'c-2' })).agentId, 'b');

      const lastOf = async (id: string) => (await agentCounts(store, ruleSet, clock.now().getTime(), id)).lastAssignedAt ?? null;
      assert.deepEqual(await lastOf('a'), first.record?.createdAt);
      assert.deepEqual(await lastOf('a'), new Date(T0));
      assert.deepEqual(await lastOf('b'), new Date(T0 + 5 * MINUTE));

      clock.advance(HOUR);
      await store.upsertSubjects([{ id: 'c-3' }]);
      await svc.assignManually({ subject: { id: 'c-3' }, agentId: 'a', actor: admin });
      assert.deepEqual(await lastOf('a'), new Date(T0), 'a manual assignment is not an automatic one');
      const [profile] = await store.transaction(async (tx) => tx.agents(['b']));
      assert.deepEqual(profile?.lastAssignedAt, new Date(T0 + 5 * MINUTE));

      // A profile update (the CRM syncing presence) keeps it.
      await store.upsertAgents([{ id: 'a', presence: 'away' }]);
      assert.deepEqual(await lastOf('a'), new Date(T0));
    });

    test('keeps the latest instant when one commit counts several, and an older one never moves it back', async (store) => {
      const ruleSet = ruleSetWith(['a']);
      await store.upsertAgents([{ id: 'a' }]);
      const periods = periodRangesAt(compileRuleSet(ruleSet), new Date(T0));
      const buckets: PeriodBuckets = {
        day: periods.day.start,
        week: periods.week.start,
        month: periods.month.start,
        quarter: periods.quarter.start,
        year: periods.year.start,
      };
      const assigned = (...ats: number[]): ChangeSet => ({
        records: [],
        subjects: [],
        ruleState: [],
        counters: ats.map((at) => ({ agentId: 'a', counter: 'assigned', delta: 1, buckets, at: new Date(at) })),
        outbox: [],
        idempotency: [],
      });
      await store.transaction(async (tx) => tx.commit(assigned(T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + MINUTE)));
      const snapshot = await agentCounts(store, ruleSet, T0, 'a');
      assert.deepEqual(snapshot.lastAssignedAt, new Date(T0 + 3 * MINUTE));
      assert.equal(snapshot.assigned?.day, 3);
      await store.transaction(async (tx) => tx.commit(assigned(T0)));
      assert.deepEqual((await agentCounts(store, ruleSet, T0, 'a')).lastAssignedAt, new Date(T0 + 3 * MINUTE));
    });

    test('rolls lastAssignedAt back with the transaction that failed', async (store) => {
      const ruleSet = ruleSetWith(['a']);
      await store.upsertAgents([{ id: 'a' }]);
      await createAssignmentService({ store, ruleSet, clock: testClock(T0) }).autoAssign({ id: 'c-1' });
      const failure = new Error('id source down');
      let calls = 0;
      // The record's id is given, the notification's fails: after the decision counted the assignment.
      const ids = () => {
        if (++calls % 2 === 0) throw failure;
        return `id-${calls}`;
      };
      const failing = createAssignmentService({ store, ruleSet, clock: testClock(T0 + HOUR), ids });
      await assert.rejects(failing.autoAssign({ id: 'c-2' }), (error) => error === failure);
      assert.deepEqual((await agentCounts(store, ruleSet, T0 + HOUR, 'a')).lastAssignedAt, new Date(T0));
    });
  });
}
