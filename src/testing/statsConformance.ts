import assert from 'node:assert/strict';
import { InputError, NotSupportedError } from '../core/errors.js';
import type { AssignmentStats } from '../core/reports/types.js';
import type { AssignmentStore } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { AssignmentService } from '../service/types.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { HOUR, MINUTE, T0, admin, agentActor, ruleSetWith, sales, testClock, typedError } from './conformanceFixtures.js';

const DAY = 24 * HOUR;
/** The window: Monday 2026-11-02 10:00 (T0, the first record) to Wednesday 08:00, Beijing time. */
const FROM = new Date(T0);
const TO = new Date(T0 + 2 * DAY - 2 * HOUR);

/**
 * Statistics through the store (`assignmentStats`): a fixed history driven
 * through the service — automatic assignments with the agent's confirmation
 * under a 2:1 proportional rule (confirmed, declined, expired, cancelled,
 * still pending, ended by a manual reassignment), manual assignments,
 * applications approved and rejected, across three days and many hours,
 * with records just outside the window on both sides — gives exactly the
 * same figures from every store. A store without `assignmentStats` makes
 * `svc.stats` fail with `NotSupportedError`.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * statsConformance(harness);
 * ```
 */
export function statsConformance({ describe, test }: ConformanceHarness): void {
  describe('statistics', () => {
    test('aggregates a fixed history into exact figures per agent, rule, type, status, day and hour', async (store) => {
      const svc = await driveHistory(store);
      if (store.assignmentStats === undefined) {
        await assert.rejects(svc.stats({ from: FROM, to: TO }), typedError(NotSupportedError, 'not_supported'));
        return;
      }
      const { waiting, ruleSetChanges, ...stats } = await svc.stats({ from: FROM, to: TO });
      assert.deepEqual(ruleSetChanges, []);
      assert.deepEqual(stats, EXPECTED);
      // The queue as it is now, whatever the window: everyone of this history got an agent or was refused by hand.
      assert.equal(waiting?.size, (await store.queueStats(waiting!.at)).size);
    });

    test('reads days and hours in the zone asked for, and computes only the sections asked for', async (store) => {
      const svc = await driveHistory(store);
      if (store.assignmentStats === undefined) return;
      const { waiting: _now, ruleSetChanges: _none, ...utc } = await svc.stats({ from: FROM.toISOString(), to: TO.getTime(), timeZone: 'UTC', groupBy: ['hour', 'day'] });
      assert.deepEqual(Object.keys(utc).sort(), ['days', 'from', 'hours', 'records', 'timeZone', 'to']);
      assert.equal(utc.timeZone, 'UTC');
      // Wednesday 07:00 in Beijing is Tuesday 23:00 UTC: two days, the second with eight records.
      assert.deepEqual(
        utc.days?.map((day) => [day.date, day.records]),
        [
          ['2026-11-02', 5],
          ['2026-11-03', 8],
        ],
      );
      assert.deepEqual(
        utc.hours?.filter((hour) => hour.records > 0).map((hour) => [hour.hour, hour.records]),
        [
          [1, 2],
          [2, 2],
          [3, 2],
          [4, 1],
          [5, 1],
          [6, 1],
          [7, 1],
          [8, 1],
          [12, 1],
          [23, 1],
        ],
      );
      const midnight = new Date(T0 + 14 * HOUR); // Tuesday 00:00 in Beijing
      const { waiting: _alsoNow, ruleSetChanges: _noneEither, ...types } = await svc.stats({ from: FROM, to: midnight, groupBy: ['type'] });
      assert.deepEqual(types, { from: FROM, to: midnight, timeZone: 'Asia/Shanghai', records: 5, types: { auto: 4, manual: 0, application: 1 } });
    });
    test('refuses a malformed query with invalid_input naming the path, before reading anything', async (store) => {
      if (store.assignmentStats === undefined) return;
      const query = { from: FROM, to: TO, timeZone: 'Asia/Shanghai', sections: ['agent'] };
      const refused = async (given: unknown, path: string) => {
        await assert.rejects(async () => store.assignmentStats!(given as never), (error: unknown) => error instanceof InputError && error.path === path);
      };
      await refused({ ...query, from: 'yesterday' }, 'query.from');
      await refused({ ...query, to: new Date(T0 - 1) }, 'query.to');
      await refused({ ...query, timeZone: 'Asia/Shangai' }, 'query.timeZone');
      await refused({ ...query, sections: ['agent', 'week'] }, 'query.sections[1]');
      await refused({ ...query, groupBy: ['agent'] }, 'query.groupBy');
    });
  });
}

/**
 * The fixed history (Beijing time; a, b take part in the rule with weights
 * 2 and 1, so smooth weighted round robin offers a, b, a, a, b, a, a, b).
 */
async function driveHistory(store: AssignmentStore): Promise<AssignmentService> {
  await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  await store.upsertSubjects(['before', 'c-6', 'c-7', 'c-8', 'c-9', 'c-12'].map((id) => ({ id })));
  const ruleSet = ruleSetWith([{ id: 'a', weight: 2 }, { id: 'b', weight: 1 }], { by: 'roundRobin' }, {
    auto: { agentConfirmation: true },
    application: { adminApproval: true },
    pendingTimeout: 'PT2H',
  });
  const clock = testClock(T0 - MINUTE);
  const svc = createAssignmentService({ store, ruleSet, clock });
  const at = (day: number, hour: number, minute = 0) => clock.set(T0 + day * DAY + (hour - 10) * HOUR + minute * MINUTE);
  const offer = async (id: string) => (await svc.autoAssign({ id })).record!.id;
  const apply = async (id: string, agentId: string) => (await svc.apply({ subject: { id }, agentId, actor: sales, canView: true })).record.id;

  await svc.assignManually({ subject: { id: 'before' }, agentId: 'c', actor: admin }); // 09:59, before the window
  at(0, 10);
  const c0 = await offer('c-0'); // a
  at(0, 10, 30);
  await svc.confirm(c0, agentActor('a')); // 30 min
  at(0, 11);
  const c1 = await offer('c-1'); // b
  at(0, 11, 15);
  await svc.decline(c1, agentActor('b'));
  at(0, 12);
  await offer('c-2'); // a, expires at 14:00
  at(0, 14, 30);
  await svc.expirePending();
  at(0, 15);
  const c3 = await offer('c-3'); // a
  at(0, 17);
  await svc.confirm(c3, agentActor('a')); // 2 h
  at(0, 20);
  const c12 = await apply('c-12', 'c');
  at(0, 20, 45);
  await svc.approve(c12, admin); // 45 min

  at(1, 9);
  const c4 = await offer('c-4'); // b
  at(1, 9, 10);
  await svc.confirm(c4, agentActor('b')); // 10 min
  at(1, 9, 30);
  const c5 = await offer('c-5'); // a
  at(1, 9, 40);
  await svc.cancel(c5, admin);
  at(1, 10);
  await svc.assignManually({ subject: { id: 'c-6' }, agentId: 'c', actor: admin });
  at(1, 11);
  const c7 = await apply('c-7', 'c');
  at(1, 12);
  await svc.approve(c7, admin); // 1 h
  at(1, 13);
  const c8 = await apply('c-8', 'b');
  at(1, 13, 30);
  await svc.reject(c8, admin);
  at(1, 14);
  const c9 = await apply('c-9', 'a');
  at(1, 16);
  await svc.assignManually({ subject: { id: 'c-0' }, agentId: 'c', actor: admin }); // ends a's care of c-0
  at(1, 18);
  await svc.approve(c9, admin); // 4 h
  at(2, 7);
  await offer('c-11'); // a, still pending
  at(2, 8);
  await offer('c-10'); // b, at the window's end: outside
  return svc;
}

const zeroTypes = { auto: 0, manual: 0, application: 0 };
const hour = (h: number, counts: Partial<typeof zeroTypes> = {}) => {
  const row = { hour: h, ...zeroTypes, ...counts };
  return { ...row, records: row.auto + row.manual + row.application };
};

const EXPECTED: AssignmentStats = {
  from: FROM,
  to: TO,
  timeZone: 'Asia/Shanghai',
  records: 13,
  agents: [
    {
      agentId: 'a',
      records: 6,
      auto: 5,
      manual: 0,
      applications: 1,
      pending: 1,
      effective: 2,
      ended: 1,
      declined: 0,
      expired: 1,
      cancelled: 1,
      rejected: 0,
      asked: 4,
      confirmed: 2,
      confirmationTime: { count: 2, medianMs: 30 * MINUTE, p90Ms: 2 * HOUR },
      approvalTime: { count: 1, medianMs: 4 * HOUR, p90Ms: 4 * HOUR },
      acceptanceRate: 2 / 4,
    },
    {
      agentId: 'b',
      records: 3,
      auto: 2,
      manual: 0,
      applications: 1,
      pending: 0,
      effective: 1,
      ended: 0,
      declined: 1,
      expired: 0,
      cancelled: 0,
      rejected: 1,
      asked: 2,
      confirmed: 1,
      confirmationTime: { count: 1, medianMs: 10 * MINUTE, p90Ms: 10 * MINUTE },
      approvalTime: null,
      acceptanceRate: 1 / 2,
    },
    {
      agentId: 'c',
      records: 4,
      auto: 0,
      manual: 2,
      applications: 2,
      pending: 0,
      effective: 4,
      ended: 0,
      declined: 0,
      expired: 0,
      cancelled: 0,
      rejected: 0,
      asked: 0,
      confirmed: 0,
      confirmationTime: null,
      approvalTime: { count: 2, medianMs: 45 * MINUTE, p90Ms: HOUR },
      acceptanceRate: null,
    },
  ],
  rules: [
    {
      ruleId: 'main',
      ruleName: 'Everyone',
      assignments: 7,
      participants: [
        { agentId: 'a', assignments: 5, share: 5 / 7, targetShare: 2 / 3, deviation: 5 / 7 - 2 / 3 },
        { agentId: 'b', assignments: 2, share: 2 / 7, targetShare: 1 / 3, deviation: 2 / 7 - 1 / 3 },
      ],
      maxDeviation: Math.max(Math.abs(5 / 7 - 2 / 3), Math.abs(2 / 7 - 1 / 3)),
    },
  ],
  types: { auto: 7, manual: 2, application: 4 },
  statuses: {
    pending_approval: 0,
    pending_confirmation: 1,
    effective: 7,
    rejected: 1,
    declined: 1,
    cancelled: 1,
    expired: 1,
    ended: 1,
  },
  days: [
    { date: '2026-11-02', records: 5, auto: 4, manual: 0, application: 1, agents: { a: 3, b: 1, c: 1 } },
    { date: '2026-11-03', records: 7, auto: 2, manual: 2, application: 3, agents: { a: 2, b: 2, c: 3 } },
    { date: '2026-11-04', records: 1, auto: 1, manual: 0, application: 0, agents: { a: 1 } },
  ],
  hours: [
    hour(0),
    hour(1),
    hour(2),
    hour(3),
    hour(4),
    hour(5),
    hour(6),
    hour(7, { auto: 1 }),
    hour(8),
    hour(9, { auto: 2 }),
    hour(10, { auto: 1, manual: 1 }),
    hour(11, { auto: 1, application: 1 }),
    hour(12, { auto: 1 }),
    hour(13, { application: 1 }),
    hour(14, { application: 1 }),
    hour(15, { auto: 1 }),
    hour(16, { manual: 1 }),
    hour(17),
    hour(18),
    hour(19),
    hour(20, { application: 1 }),
    hour(21),
    hour(22),
    hour(23),
  ],
};
