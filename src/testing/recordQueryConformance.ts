import assert from 'node:assert/strict';
import { AssignmentError } from '../core/errors.js';
import type { AssignmentRecord } from '../core/types.js';
import type { AssignmentStore } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { AssignmentService } from '../service/types.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { HOUR, T0, admin, allRecords, ruleSetWith, sales, sequentialIds, testClock, typedError } from './conformanceFixtures.js';

/**
 * The record screen: queries by time range, type, status, subject and agent,
 * newest first, with cursor pages that stay stable.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * recordQueryConformance(harness);
 * ```
 */
export function recordQueryConformance({ describe, test }: ConformanceHarness): void {
  describe('record queries', () => {
    test('filters by time range, type, status, subject and agent, newest first', async (store) => {
      const { svc } = await history(store);
      const all = await allRecords(store);
      assert.equal(all.length, 6);
      assertNewestFirst(all);

      const ids = async (filter: Parameters<AssignmentService['records']>[0]) => (await svc.records(filter)).items.map((record) => record.id);
      const expected = (keep: (record: AssignmentRecord) => boolean) => all.filter(keep).map((record) => record.id);
      assert.deepEqual(await ids({ from: T0 + HOUR, to: T0 + 3 * HOUR }), expected((r) => +r.createdAt >= T0 + HOUR && +r.createdAt < T0 + 3 * HOUR));
      assert.deepEqual(await ids({ types: ['manual', 'application'] }), expected((r) => r.type !== 'auto'));
      assert.deepEqual(await ids({ statuses: ['ended', 'pending_approval'] }), expected((r) => r.status === 'ended' || r.status === 'pending_approval'));
      assert.deepEqual(await ids({ subjectId: 'c-1' }), expected((r) => r.subject.id === 'c-1'));
      assert.deepEqual(await ids({ subjectId: 'c-1', subjectKind: 'contact' }), []);
      assert.deepEqual(await ids({ agentId: 'b' }), expected((r) => r.agentId === 'b'));
      assert.deepEqual(await ids({ agentId: 'b', types: ['auto'], statuses: ['effective'] }), expected((r) => r.agentId === 'b' && r.type === 'auto' && r.status === 'effective'));
      assert.ok((await ids({ types: ['manual'] })).length > 0, 'the history has every kind of record the filters test');
    });

    test('pages with a cursor that stays stable when records are inserted between pages', async (store) => {
      const { svc, clock } = await history(store);
      const all = await allRecords(store);
      const first = await svc.records({ limit: 4 });
      assert.deepEqual(first.items.map((record) => record.id), all.slice(0, 4).map((record) => record.id));
      assert.ok(first.nextCursor !== null);

      clock.advance(HOUR);
      await svc.autoAssign({ id: 'c-9' });
      const second = await svc.records({ limit: 4, cursor: first.nextCursor });
      assert.deepEqual(second.items.map((record) => record.id), all.slice(4).map((record) => record.id));
      assert.equal(second.nextCursor, null);

      // Pages of one record cross the two records made at the same instant without overlap or gap.
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: AssignmentRecord[]; nextCursor: string | null } = await svc.records({ limit: 1, cursor });
        walked.push(...page.items.map((record) => record.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      assert.deepEqual(walked, (await allRecords(store)).map((record) => record.id));
      assert.equal(walked.length, all.length + 1);
    });

    test('refuses an unreadable cursor with AssignmentError invalid_input', async (store) => {
      await assert.rejects(store.queryRecords({ limit: 10, cursor: 'not-a-cursor' }), typedError(AssignmentError, 'invalid_input'));
    });
  });
}

function assertNewestFirst(records: readonly AssignmentRecord[]): void {
  for (let index = 1; index < records.length; index++) {
    const newer = records[index - 1]!;
    const older = records[index]!;
    const ordered = +newer.createdAt > +older.createdAt || (+newer.createdAt === +older.createdAt && newer.id > older.id);
    assert.ok(ordered, `${newer.id} before ${older.id}`);
  }
}

/** Six records an hour apart: auto, manual (ending the auto one), application awaiting approval, more autos. */
async function history(store: AssignmentStore) {
  await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
  const clock = testClock();
  const ruleSet = ruleSetWith(['a', 'b'], { by: 'roundRobin' }, { application: { adminApproval: true } });
  const svc = createAssignmentService({ store, ruleSet, clock, ids: sequentialIds('r') });
  await svc.autoAssign({ id: 'c-1' }); // r-1 → a
  clock.advance(HOUR);
  await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'b', actor: admin }); // ends r-1
  clock.advance(HOUR);
  await svc.autoAssign({ id: 'c-2' });
  clock.advance(HOUR);
  const applied = await svc.apply({ subject: { id: 'c-2' }, agentId: 'a', actor: sales, canView: true });
  assert.equal(applied.record.status, 'pending_approval');
  clock.advance(HOUR);
  await svc.autoAssign({ id: 'c-3', kind: 'contact' });
  await svc.autoAssign({ id: 'c-4' }); // same instant as the previous one
  return { svc, clock };
}
