import assert from 'node:assert/strict';
import type { AssignmentResult } from '../core/types.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { T0, allRecords, drainOutbox, ruleSetWith, storeState, testClock } from './conformanceFixtures.js';

const c1 = { id: 'c-1', kind: 'customer' as const };

/**
 * Idempotency guarantee: the same `idempotencyKey` never creates a second
 * record and returns the first call's result.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * idempotencyConformance(harness);
 * ```
 */
export function idempotencyConformance({ describe, test }: ConformanceHarness): void {
  describe('idempotency', () => {
    test("returns the first call's result for a repeated key, Dates revived, and writes nothing new", async (store) => {
      const ruleSet = ruleSetWith(['a', 'b'], { by: 'roundRobin' }, { auto: { agentConfirmation: true }, pendingTimeout: 'PT1H' });
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock });
      const first = await svc.autoAssign({ id: 'c-1', fields: { level: 1 } }, { idempotencyKey: 'crm-42' });
      await drainOutbox(store);
      const before = await storeState(store, [c1], ruleSet, T0);

      clock.advance(60_000);
      const again = await svc.autoAssign({ id: 'c-1', fields: { level: 2 } }, { idempotencyKey: 'crm-42' });
      assert.deepEqual(again, plain(first));
      assert.ok(again.at instanceof Date && again.record!.createdAt instanceof Date && again.record!.expiresAt instanceof Date);
      assert.ok(again.record!.history[0]!.at instanceof Date);
      assert.deepEqual(await storeState(store, [c1], ruleSet, T0), before);
      assert.deepEqual(await drainOutbox(store), []);
    });

    test('gives 10 concurrent calls with one key one record and one result', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      const results = await Promise.all(Array.from({ length: 10 }, () => svc.autoAssign({ id: 'c-1' }, { idempotencyKey: 'k' })));
      const records = await allRecords(store);
      assert.equal(records.length, 1);
      for (const result of results) {
        assert.equal(result.outcome, 'assigned');
        assert.equal(result.record?.id, records[0]!.id);
      }
    });

    test('keeps a key used for one subject from creating a record for another', async (store) => {
      await store.upsertAgents([{ id: 'a' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock: testClock() });
      const [first, second] = await Promise.all([
        svc.autoAssign({ id: 'c-1' }, { idempotencyKey: 'same' }),
        svc.autoAssign({ id: 'c-2' }, { idempotencyKey: 'same' }),
      ]);
      assert.deepEqual(plain(second!), plain(first!));
      assert.equal((await allRecords(store)).length, 1);
    });
  });
}

/** The result with its lazily computed trace and field findings read, as a replay returns it. */
function plain(result: AssignmentResult): AssignmentResult {
  return { ...result, trace: result.trace, fieldFindings: result.fieldFindings };
}
