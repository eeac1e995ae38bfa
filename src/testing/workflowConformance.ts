import assert from 'node:assert/strict';
import { NotFoundError, WorkflowError } from '../core/errors.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { HOUR, MINUTE, T0, admin, agentActor, agentCounts, allRecords, customers, ruleSetWith, sales, testClock, typedError } from './conformanceFixtures.js';

/**
 * Workflow through the store: expiry, re-offer and releasing an agent.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * workflowConformance(harness);
 * ```
 */
export function workflowConformance({ describe, test }: ConformanceHarness): void {
  describe('workflow', () => {
    test('expires overdue records and re-offers auto ones to agents who have not declined or let one expire', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const ruleSet = ruleSetWith(['a', 'b', 'c'], { by: 'roundRobin' }, {
        auto: { agentConfirmation: true, reofferOnDecline: true },
        pendingTimeout: 'PT1H',
      });
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock });
      const offer = (await svc.autoAssign({ id: 'c-1' })).record!;
      assert.equal(offer.agentId, 'a');

      clock.advance(30 * MINUTE);
      assert.deepEqual(await svc.expirePending(), []);
      clock.advance(30 * MINUTE);
      const expired = await svc.expirePending();
      assert.deepEqual(expired.map((record) => [record.id, record.status]), [[offer.id, 'expired']]);

      const [second] = (await store.queryRecords({ limit: 10, statuses: ['pending_confirmation'] })).items;
      assert.equal(second?.agentId, 'b');
      const declined = await svc.decline(second!.id, agentActor('b'));
      assert.equal(declined.record.status, 'declined');
      assert.equal(declined.reoffer?.agentId, 'c');
      const last = await svc.decline(declined.reoffer!.record!.id, agentActor('c'));
      assert.equal(last.reoffer?.outcome, 'unassigned', 'everybody passed');
      assert.equal(last.reoffer?.reason, 'no_eligible_agent');
      assert.equal((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId, null);
      assert.equal((await agentCounts(store, ruleSet, T0, 'c')).assigned?.day, 1, 'a re-offer counts as an assignment');
    });

    test('releases an agent: disables them, moves each subject by the rules, cancels offers, and a re-run finds nothing', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const ruleSet = ruleSetWith(['a', 'b', 'c'], { by: 'fewestServing' }, { application: { agentConfirmation: true } });
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock });
      for (const subject of customers(6)) await svc.autoAssign(subject); // a: c-0, c-3; b: c-1, c-4; c: c-2, c-5
      const offer = await svc.apply({ subject: { id: 'c-1' }, agentId: 'a', actor: sales, canView: true });
      clock.advance(HOUR);

      const released = await svc.releaseAgent('a', { actor: admin, reassign: true });
      assert.deepEqual(released.reassigned.map((subject) => subject.id).sort(), ['c-0', 'c-3']);
      assert.deepEqual(released.unassigned, []);
      const [agent] = await store.transaction(async (tx) => tx.agents(['a']));
      assert.equal(agent?.enabled, false);
      assert.deepEqual(await store.subjectsOfAgent('a'), []);
      const records = await allRecords(store);
      assert.equal(records.find((record) => record.id === offer.record.id)?.status, 'cancelled');
      assert.equal(records.filter((record) => record.agentId === 'a' && record.status === 'ended').length, 2);
      const a = await agentCounts(store, ruleSet, T0 + HOUR, 'a');
      assert.equal(typeof a.serving === 'object' ? a.serving.total : a.serving, 0);
      await assert.rejects(svc.assignManually({ subject: { id: 'c-1' }, agentId: 'a', actor: admin }), typedError(WorkflowError, 'forbidden'));

      assert.deepEqual(await svc.releaseAgent('a', { actor: admin, reassign: true }), { reassigned: [], unassigned: [] });
      assert.equal((await allRecords(store)).length, records.length);
    });

    test('releases without reassigning: subjects are left without an agent, and unknown agents are refused', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      for (const subject of customers(4)) await svc.autoAssign(subject);
      const released = await svc.releaseAgent('b', { actor: admin, reassign: false });
      assert.deepEqual(released.unassigned.map((subject) => subject.id).sort(), ['c-1', 'c-3']);
      assert.deepEqual(released.reassigned, []);
      assert.equal((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId, null);
      assert.equal((await store.subject({ id: 'c-1', kind: 'customer' }))?.previousAgentId, 'b');
      await assert.rejects(svc.releaseAgent('nobody', { actor: admin, reassign: false }), typedError(NotFoundError, 'not_found'));
    });
  });
}
