import assert from 'node:assert/strict';
import { WorkflowError } from '../core/errors.js';
import type { AssignmentRecord } from '../core/types.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import {
  T0,
  admin,
  agentActor,
  agentCounts,
  allRecords,
  customers,
  ruleSetWith,
  sequentialIds,
  storeState,
  testClock,
} from './conformanceFixtures.js';

/**
 * Concurrency guarantees: concurrent calls never give a subject two agents or
 * two open records, never lose an update, and keep round robin and count-based
 * fairness exact.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * concurrencyConformance(harness);
 * ```
 */
export function concurrencyConformance({ describe, test }: ConformanceHarness): void {
  describe('concurrency', () => {
    test('splits 300 concurrent autoAssign calls 100/100/100 by round robin, with one effective record per subject', async (store) => {
      const ruleSet = ruleSetWith(['a', 'b', 'c']);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds() });
      const subjects = customers(300);
      const results = await Promise.all(subjects.map((subject) => svc.autoAssign(subject)));

      const byAgent = new Map<string, number>();
      for (const result of results) {
        assert.equal(result.outcome, 'assigned');
        byAgent.set(result.agentId!, (byAgent.get(result.agentId!) ?? 0) + 1);
      }
      assert.deepEqual(Object.fromEntries(byAgent), { a: 100, b: 100, c: 100 });

      const state = await storeState(store, subjects, ruleSet, T0);
      assert.equal(state.records.length, 300);
      const recordOf = new Map(state.records.map((record) => [record.subject.id, record]));
      assert.equal(recordOf.size, 300, 'every subject has exactly one record');
      for (const subject of state.subjects) {
        assert.ok(subject !== null);
        assert.equal(recordOf.get(subject.id)?.status, 'effective');
        assert.equal(subject.agentId, recordOf.get(subject.id)?.agentId);
      }
      for (const agent of state.agents) {
        assert.equal(agent.assigned?.day, 100, `assigned today of ${agent.id}`);
        assert.deepEqual(typeof agent.serving === 'object' ? agent.serving.total : agent.serving, 100);
      }
      assert.equal(state.ruleState.main?.lastAgentId, 'c');
    });

    test('gives one subject one record and one agent under 20 concurrent autoAssign calls', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      const results = await Promise.all(Array.from({ length: 20 }, () => svc.autoAssign({ id: 'c-1', fields: { n: 1 } })));
      const assigned = results.filter((result) => result.outcome === 'assigned');
      assert.equal(assigned.length, 1);
      assert.ok(results.every((result) => result.outcome === 'assigned' || result.reason === 'already_assigned'));
      const records = await allRecords(store);
      assert.equal(records.length, 1);
      assert.equal((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId, assigned[0]!.agentId);
    });

    test('keeps one pending record per subject when 20 concurrent calls must wait for confirmation', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const ruleSet = ruleSetWith(['a', 'b'], { by: 'roundRobin' }, { auto: { agentConfirmation: true } });
      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      const results = await Promise.all(Array.from({ length: 20 }, () => svc.autoAssign({ id: 'c-1' })));
      assert.equal(results.filter((result) => result.outcome === 'pending_confirmation').length, 1);
      assert.equal(results.filter((result) => result.reason === 'pending_exists').length, 19);
      assert.equal((await allRecords(store)).length, 1);
      assert.equal((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId, null);
    });

    test('keeps fewestAssigned exact under concurrency: 120 calls give 20/40/60 for weights 1:2:3', async (store) => {
      const ruleSet = ruleSetWith(
        [
          { id: 'a', weight: 1 },
          { id: 'b', weight: 2 },
          { id: 'c', weight: 3 },
        ],
        { by: 'fewestAssigned', period: 'day' },
      );
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      await Promise.all(customers(120).map((subject) => svc.autoAssign(subject)));
      for (const [id, expected] of [
        ['a', 20],
        ['b', 40],
        ['c', 60],
      ] as const) {
        assert.equal((await agentCounts(store, ruleSet, T0, id)).assigned?.day, expected, `assigned today of ${id}`);
      }
    });

    test('lets exactly one of concurrent confirm, decline and cancel win; the others are refused with WorkflowError', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const ruleSet = ruleSetWith(['a', 'b'], { by: 'roundRobin' }, { auto: { agentConfirmation: true } });
      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      const offers = await Promise.all(customers(6).map((subject) => svc.autoAssign(subject)));
      await Promise.all(
        offers.map(async ({ record }) => {
          const offer = record!;
          const agent = agentActor(offer.agentId);
          const events = await Promise.allSettled([
            svc.confirm(offer.id, agent),
            svc.decline(offer.id, agent),
            svc.cancel(offer.id, admin),
          ]);
          const won = events.flatMap((event) => (event.status === 'fulfilled' ? [event.value.record] : []));
          assert.equal(won.length, 1, `one event wins on ${offer.id}`);
          for (const event of events) {
            if (event.status === 'rejected') assert.ok(event.reason instanceof WorkflowError, String(event.reason));
          }
          const stored = (await store.queryRecords({ limit: 10, subjectId: offer.subject.id })).items;
          assert.equal(stored.length, 1);
          assert.equal(stored[0]!.status, won[0]!.status);
          assert.equal(stored[0]!.version, 2);
          const subject = await store.subject(offer.subject);
          assert.equal(subject?.agentId, won[0]!.status === 'effective' ? offer.agentId : null);
        }),
      );
    });

    test('never gives a subject two agents when manual, automatic and application calls race', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const ruleSet = ruleSetWith(['a', 'b', 'c']);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      const subjects = customers(10);
      await Promise.all(subjects.map((subject) => svc.autoAssign(subject)));
      await Promise.allSettled(
        subjects.flatMap((subject) => [
          svc.assignManually({ subject, agentId: 'a', actor: admin }),
          svc.assignManually({ subject, agentId: 'b', actor: admin }),
          svc.autoAssign(subject, { reassign: true }),
          svc.apply({ subject, agentId: 'c', actor: { id: 'sales-1', role: 'business' }, canView: true }),
        ]),
      );
      const state = await storeState(store, subjects, ruleSet, T0);
      let serving = 0;
      for (const subject of state.subjects) {
        const effective = state.records.filter((record) => record.subject.id === subject!.id && record.status === 'effective');
        assert.equal(effective.length, 1, `one effective record for ${subject!.id}`);
        assert.equal(subject!.agentId, effective[0]!.agentId);
        serving++;
      }
      const total = state.agents.reduce((sum, agent) => sum + (typeof agent.serving === 'object' ? (agent.serving.total ?? 0) : 0), 0);
      assert.equal(total, serving, 'serving totals count every subject exactly once');
      assertHistoriesConsistent(state.records);
    });
  });
}

/** Every record's history starts with its creation and ends in its status, versions counting its transitions. */
function assertHistoriesConsistent(records: readonly AssignmentRecord[]): void {
  for (const record of records) {
    assert.equal(record.history[0]?.from, null);
    assert.equal(record.history[record.history.length - 1]?.to, record.status);
    assert.equal(record.version, record.history.length);
  }
}
