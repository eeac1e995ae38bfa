import assert from 'node:assert/strict';
import type { Notification } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { MINUTE, T0, admin, customers, drainOutbox, recordingNotifier, ruleSetWith, testClock } from './conformanceFixtures.js';

/**
 * The outbox: notifications are committed with their change and delivered at
 * least once, with leases so that dispatchers do not share entries.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * outboxConformance(harness);
 * ```
 */
export function outboxConformance({ describe, test }: ConformanceHarness): void {
  describe('outbox', () => {
    test('commits notifications with their change and none for a refused call', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      await svc.autoAssign({ id: 'c-1' });
      await assert.rejects(svc.assignManually({ subject: { id: 'c-1' }, agentId: 'a', actor: admin }));
      await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'b', actor: admin });
      const entries = await drainOutbox(store);
      const summary = entries.map(({ notification: n }) => `${n.event}:${n.recipient.type === 'agent' ? n.recipient.id : n.recipient.type}`);
      assert.deepEqual(summary, ['assigned:a', 'assigned:b', 'unassigned:a']);
      for (const { notification, attempts, lastError } of entries) {
        assert.equal(attempts, 0);
        assert.equal(lastError ?? null, null, 'no error before the first attempt');
        assert.ok(notification.at instanceof Date);
        assert.deepEqual(notification.subject, { id: 'c-1', kind: 'customer' });
      }
    });

    test('hides a claimed entry until its lease ends, then offers it again with the attempt counted', async (store) => {
      await store.upsertAgents([{ id: 'a' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock: testClock() });
      await svc.autoAssign({ id: 'c-1' });
      const leaseEnd = new Date(T0 + 5 * MINUTE);
      const [claimed, ...more] = await store.claimOutbox(new Date(T0), 10, leaseEnd);
      assert.equal(more.length, 0);
      assert.equal(claimed?.attempts, 0);
      assert.deepEqual(await store.claimOutbox(new Date(T0 + MINUTE), 10, new Date(T0 + 2 * MINUTE)), [], 'leased to the first claimer');
      const [again] = await store.claimOutbox(leaseEnd, 10, new Date(T0 + 10 * MINUTE));
      assert.equal(again?.notification.id, claimed?.notification.id);
      assert.equal(again?.attempts, 1);

      await store.failOutbox(again!.notification.id, new Date(T0 + 20 * MINUTE), 'smtp timeout');
      assert.deepEqual(await store.claimOutbox(new Date(T0 + 19 * MINUTE), 10, new Date(T0 + 30 * MINUTE)), []);
      const [retried] = await store.claimOutbox(new Date(T0 + 20 * MINUTE), 10, new Date(T0 + 30 * MINUTE));
      assert.equal(retried?.attempts, 2);
      assert.equal(retried?.lastError, 'smtp timeout', 'the last error is kept with the entry');
      await store.completeOutbox([retried!.notification.id]);
      assert.deepEqual(await drainOutbox(store), []);
    });

    test('delivers each notification exactly once when two dispatchers run at once within a lease', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const ruleSet = ruleSetWith(['a', 'b']);
      const clock = testClock();
      const first = recordingNotifier();
      const second = recordingNotifier();
      const dispatch = { batchSize: 7 };
      const one = createAssignmentService({ store, ruleSet, clock, notifier: first, dispatch });
      const other = createAssignmentService({ store, ruleSet, clock, notifier: second, dispatch });
      await Promise.all(customers(40).map((subject) => one.autoAssign(subject)));

      const [a, b] = await Promise.all([one.dispatchNotifications(), other.dispatchNotifications()]);
      const delivered: Notification[] = [...first.sent, ...second.sent];
      assert.equal(a.delivered + b.delivered, 40);
      assert.equal(new Set(delivered.map((notification) => notification.id)).size, 40, 'no notification twice');
      assert.deepEqual(await drainOutbox(store), []);
    });

    test('keeps the attempt count and the last error of each failed delivery, and returns the failures', async (store) => {
      await store.upsertAgents([{ id: 'a' }]);
      const clock = testClock();
      let calls = 0;
      const notifier = {
        send: () => {
          calls++;
          throw new Error(`mail server down (${calls})`);
        },
      };
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock, notifier, dispatch: { backoffBaseMs: MINUTE } });
      const recordId = (await svc.autoAssign({ id: 'c-1' })).record?.id;
      const first = await svc.dispatchNotifications();
      assert.equal(first.failed, 1);
      assert.deepEqual(first.failures, [
        {
          id: first.failures[0]?.id,
          recipient: { type: 'agent', id: 'a' },
          event: 'assigned',
          recordId,
          error: 'mail server down (1)',
          attempts: 1,
          nextAttemptAt: new Date(T0 + MINUTE),
        },
      ]);
      clock.advance(MINUTE);
      const second = await svc.dispatchNotifications();
      assert.equal(second.failures[0]?.attempts, 2);
      assert.deepEqual(second.failures[0]?.nextAttemptAt, new Date(T0 + 3 * MINUTE), 'back-off doubles');
      const [entry, ...rest] = await drainOutbox(store);
      assert.equal(rest.length, 0);
      assert.equal(entry?.attempts, 2);
      assert.equal(entry?.lastError, 'mail server down (2)');
    });

    test('leaves the outbox alone without a notifier', async (store) => {
      await store.upsertAgents([{ id: 'a' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock: testClock() });
      await svc.autoAssign({ id: 'c-1' });
      assert.deepEqual(await svc.dispatchNotifications(), { delivered: 0, failed: 0, failures: [] });
      assert.equal((await drainOutbox(store)).length, 1);
    });
  });
}
