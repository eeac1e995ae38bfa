import assert from 'node:assert/strict';
import { StoreError } from '../core/errors.js';
import type { AssignmentStore } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { T0, agentCounts, allRecords, drainOutbox, ruleSetWith, sequentialIds, testClock } from './conformanceFixtures.js';

/** `count` customers `prefix-0` … with a level, as an import file would give them. */
function* importedCustomers(count: number, prefix = 'm'): Generator<{ id: string; fields: { level: number } }> {
  for (let index = 0; index < count; index++) yield { id: `${prefix}-${index}`, fields: { level: index % 5 } };
}

/** The store, with the commit of its `failAt`-th transaction that commits failing (as a lost disk or a refused write would). */
function failingCommit(store: AssignmentStore, failAt: number): AssignmentStore {
  let commits = 0;
  return {
    ...store,
    transaction: (work) =>
      store.transaction((tx) =>
        work({
          ...tx,
          commit(changes) {
            commits++;
            if (commits === failAt) throw new StoreError('commit refused by the test');
            return tx.commit(changes);
          },
        }),
      ),
  };
}

/**
 * Bulk writes: `autoAssignMany`'s batches of many subjects (the store's
 * `lockSubjects` and `commit` with hundreds of subjects, its set-based paths
 * where it has them) and `idempotentResults`, the optional port method for
 * many keys at once: counts and round robin exact across batches, whole
 * batches committed or none of one, a re-run with the same keys creating
 * nothing twice, and digest notifications.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * bulkConformance(harness);
 * ```
 */
export function bulkConformance({ describe, test }: ConformanceHarness): void {
  describe('bulk writes (autoAssignMany)', () => {
    test('assigns 300 customers in batches of 128 by round robin 100/100/100: one effective record, one notification each, counts exact', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const ruleSet = ruleSetWith(['a', 'b', 'c']);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds() });
      const summary = await svc.autoAssignMany(importedCustomers(300), { batchSize: 128 });
      assert.deepEqual(summary, { subjects: 300, batches: 3, assigned: { a: 100, b: 100, c: 100 }, pendingConfirmation: {}, unassigned: {}, queued: {}, repeated: 0 });
      const records = await allRecords(store);
      assert.equal(records.length, 300);
      assert.equal(new Set(records.map((record) => record.subject.id)).size, 300);
      assert.ok(records.every((record) => record.status === 'effective'));
      for (const id of ['a', 'b', 'c']) {
        const counts = await agentCounts(store, ruleSet, T0, id);
        assert.equal(counts.assigned?.day, 100, `${id} assigned today`);
        assert.equal(typeof counts.serving === 'number' ? counts.serving : counts.serving?.total, 100, `${id} serving`);
      }
      assert.deepEqual((await store.subject({ id: 'm-299', kind: 'customer' }))?.fields, { level: 4 });
      assert.equal((await drainOutbox(store)).length, 300);
    });

    test('keeps the batches before a failed commit, nothing of its batch or after; the same keys then continue and create nothing twice', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const ruleSet = ruleSetWith(['a', 'b']);
      const key = (subject: { id: string }) => `import-1:${subject.id}`;
      const failing = createAssignmentService({ store: failingCommit(store, 3), ruleSet, clock: testClock(), retry: { attempts: 1 } });
      await assert.rejects(failing.autoAssignMany(importedCustomers(100), { batchSize: 20, idempotencyKey: key }), StoreError);
      assert.equal((await allRecords(store)).length, 40);
      assert.equal(await store.subject({ id: 'm-40', kind: 'customer' }), null);

      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      const summary = await svc.autoAssignMany(importedCustomers(100), { batchSize: 20, idempotencyKey: key });
      assert.equal(summary.repeated, 40);
      assert.deepEqual(summary.assigned, { a: 30, b: 30 });
      const records = await allRecords(store);
      assert.equal(records.length, 100);
      assert.equal(new Set(records.map((record) => record.subject.id)).size, 100);
      assert.equal((await agentCounts(store, ruleSet, T0, 'a')).assigned?.day, 50);
      assert.equal((await agentCounts(store, ruleSet, T0, 'b')).assigned?.day, 50);
    });

    test("sends each agent one assigned_digest per batch with notify: 'digest', counting that batch's customers", async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      await svc.autoAssignMany(importedCustomers(50), { batchSize: 30, notify: 'digest' });
      const sent = (await drainOutbox(store)).map(({ notification }) => notification);
      assert.ok(sent.every((notification) => notification.event === 'assigned_digest' && notification.recordId === null));
      assert.deepEqual(
        sent.map((notification) => [notification.recipient, notification.agentId, notification.count]).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)),
        [
          [{ type: 'agent', id: 'a' }, 'a', 10],
          [{ type: 'agent', id: 'a' }, 'a', 15],
          [{ type: 'agent', id: 'b' }, 'b', 10],
          [{ type: 'agent', id: 'b' }, 'b', 15],
        ],
      );
    });

    test('gives a result again, trace and all, to an autoAssign with a key an import used (a kept trace is read back, not stored twice)', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      const first = await svc.autoAssign({ id: 'solo' }, { idempotencyKey: 'k-solo' });
      await svc.autoAssignMany(importedCustomers(120), { batchSize: 110, idempotencyKey: (subject) => `k-${subject.id}` });
      assert.ok(first.trace.length > 0);
      assert.deepEqual(JSON.parse(JSON.stringify(await svc.autoAssign({ id: 'solo' }, { idempotencyKey: 'k-solo' }))), JSON.parse(JSON.stringify(first)));
      const again = await svc.autoAssign({ id: 'm-115' }, { idempotencyKey: 'k-m-115' });
      assert.equal(again.outcome, 'assigned');
      assert.ok(again.trace.length > 0, 'the trace of an imported customer is given again');
      assert.equal(again.trace.at(-1)?.verdict, 'chosen');
      assert.equal(again.agentId, again.record?.agentId);
    });

    test('answers idempotentResults (when the store has it) for each key in order, undefined for a key never used', async (store) => {
      await store.upsertAgents([{ id: 'a' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock: testClock() });
      await svc.autoAssignMany(importedCustomers(3), { idempotencyKey: (subject) => `k-${subject.id}` });
      const found = await store.transaction(async (tx) => (tx.idempotentResults === undefined ? null : tx.idempotentResults(['k-m-2', 'unused', 'k-m-0'])));
      if (found === null) return;
      assert.equal(found.length, 3);
      assert.equal((found[0] as { subject: { id: string } }).subject.id, 'm-2');
      assert.equal(found[1], undefined);
      assert.equal((found[2] as { subject: { id: string } }).subject.id, 'm-0');
    });
  });
}
