import assert from 'node:assert/strict';
import { InputError, WorkflowError } from '../core/errors.js';
import type { RuleSet } from '../core/ruleset/types.js';
import type { AssignmentStore, StoreTransaction } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { GovernanceMoveOutcome } from '../service/types.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { HOUR, MINUTE, T0, admin, agentActor, agentCounts, allRecords, customers, drainOutbox, ruleSetWith, sales, testClock, typedError } from './conformanceFixtures.js';

const NOTE = 'region handed over';

/**
 * Governance through the store: portfolio transfer (to a named agent, or by
 * the rules) and rebalance — previews equal to real runs, one manual record
 * with the note per move, both agents told, re-runs after a crash moving
 * nothing twice, shares within 1, capacity respected, the waiting queue
 * drained when a transfer frees a slot.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * governanceConformance(harness);
 * ```
 */
export function governanceConformance({ describe, test }: ConformanceHarness): void {
  describe('governance', () => {
    test('transfers to a named agent the subjects passing where: one manual record each with the note, both agents told, the preview equal to the run', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const ruleSet: RuleSet = { ...ruleSetWith(['a']), fields: { city: 'string' } };
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock });
      for (const [index, subject] of customers(5).entries()) await svc.autoAssign({ ...subject, fields: { city: index % 2 === 0 ? '北京' : '上海' } });
      await drainOutbox(store);
      clock.advance(HOUR);

      const input = { from: 'a', to: 'b', where: "city == '北京'", actor: admin, note: NOTE };
      const preview = await svc.transfer({ ...input, dryRun: true });
      assert.deepEqual(preview.moves.map((move) => [move.subject.id, move.to, move.recordId]), [['c-0', 'b', null], ['c-2', 'b', null], ['c-4', 'b', null]]);
      assert.equal((await allRecords(store)).length, 5, 'a preview writes nothing');
      const done = await svc.transfer(input);
      assert.deepEqual(withoutRecordIds(done.moves), withoutRecordIds(preview.moves));
      assert.deepEqual(done.skipped, []);

      const records = await allRecords(store);
      for (const move of done.moves) {
        const record = records.find((candidate) => candidate.id === move.recordId)!;
        assert.equal(record.type, 'manual');
        assert.equal(record.status, 'effective');
        assert.equal(record.agentId, 'b');
        assert.equal(record.previousAgentId, 'a');
        assert.equal(record.history[0]?.note, NOTE);
        assert.deepEqual(record.requestedBy, admin);
      }
      assert.deepEqual((await store.subjectsOfAgent('b')).map((subject) => subject.id).sort(), ['c-0', 'c-2', 'c-4']);
      const told = (await drainOutbox(store)).map(({ notification }) => `${notification.event}:${notification.recipient.type === 'agent' ? notification.recipient.id : ''}:${notification.subject.id}`);
      assert.deepEqual(told.sort(), ['assigned:b:c-0', 'assigned:b:c-2', 'assigned:b:c-4', 'unassigned:a:c-0', 'unassigned:a:c-2', 'unassigned:a:c-4']);
      const a = await agentCounts(store, ruleSet, T0 + HOUR, 'a');
      assert.equal(typeof a.serving === 'object' ? a.serving.total : a.serving, 2);

      assert.deepEqual(await svc.transfer(input), { dryRun: false, moves: [], skipped: [] }, 'a re-run finds nothing to move');
      assert.equal((await allRecords(store)).length, 8);
    });

    test('transfers by the rules with the giver excluded: round robin goes on, capacity and leave respected, counts move on between decisions', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b', capacity: 1 }, { id: 'c' }, { id: 'd', leave: [{ from: '2026-11-01', to: '2026-11-30' }] }, { id: 'e' }]);
      const clock = testClock();
      const before = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock });
      for (const subject of customers(6)) await before.autoAssign(subject);
      const ruleSet = ruleSetWith(['a', 'b', 'c', 'd', 'e'], { by: 'roundRobin' });
      const svc = createAssignmentService({ store, ruleSet, clock });
      clock.advance(MINUTE);

      const input = { from: 'a', to: 'rules', actor: admin, note: NOTE };
      const preview = await svc.transfer({ ...input, dryRun: true });
      // After a: b (then full), c, (d on leave) e, c, e, c.
      assert.deepEqual(preview.moves.map((move) => move.to), ['b', 'c', 'e', 'c', 'e', 'c']);
      assert.ok(preview.moves.every((move) => move.ruleId === 'main'));
      const done = await svc.transfer(input);
      assert.deepEqual(withoutRecordIds(done.moves), withoutRecordIds(preview.moves));
      const records = await allRecords(store);
      for (const move of done.moves) {
        const record = records.find((candidate) => candidate.id === move.recordId)!;
        assert.deepEqual([record.type, record.ruleId, record.history[0]?.note], ['manual', 'main', NOTE]);
      }
      assert.equal((await agentCounts(store, ruleSet, T0 + MINUTE, 'c')).assigned?.day, 3, "a rules' pick counts as the rule's assignment");
      assert.deepEqual(await store.subjectsOfAgent('a'), []);
      const next = await svc.autoAssign({ id: 'n-1' });
      assert.equal(next.agentId, 'e', 'the round-robin pointer moved on with the transfer (after c: d on leave, e)');
    });

    test('a transfer stopped by a crash and run again moves every subject exactly once', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const ruleSet = ruleSetWith(['b', 'c'], { by: 'fewestServing' });
      const clock = testClock();
      const seed = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock });
      for (const subject of customers(8)) await seed.autoAssign(subject);
      const input = { from: 'a', to: 'rules', actor: admin, note: NOTE };
      const preview = await createAssignmentService({ store, ruleSet, clock }).transfer({ ...input, dryRun: true });

      const crashing = crashAfterCommits(store, 3);
      await assert.rejects(createAssignmentService({ store: crashing, ruleSet, clock }).transfer(input), /crash/);
      assert.equal((await store.subjectsOfAgent('a')).length, 8 - 3);
      const rerun = await createAssignmentService({ store, ruleSet, clock }).transfer(input);
      assert.equal(rerun.moves.length, 5);

      const manual = (await allRecords(store)).filter((record) => record.type === 'manual');
      assert.equal(manual.length, 8, 'one manual record per subject, none twice');
      assert.equal(new Set(manual.map((record) => record.subject.id)).size, 8);
      assert.deepEqual(
        manual.map((record) => [record.subject.id, record.agentId]).sort(bySubject),
        preview.moves.map((move) => [move.subject.id, move.to]).sort(bySubject),
        'the interrupted run and its re-run made exactly the moves of the preview',
      );
    });

    test('a transfer leaves subjects with a pending record, and asks for confirmation when the rule set says so', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const ruleSet = ruleSetWith(['a'], { by: 'roundRobin' }, { manual: { agentConfirmation: true }, application: { adminApproval: true } });
      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      for (const subject of customers(2)) await svc.autoAssign(subject);
      await svc.apply({ subject: { id: 'c-0' }, agentId: 'b', actor: sales, canView: true });
      const done = await svc.transfer({ from: 'a', to: 'b', actor: admin, note: NOTE });
      assert.deepEqual(done.skipped, [{ subject: { id: 'c-0', kind: 'customer' }, reason: 'pending_exists' }]);
      assert.equal(done.moves.length, 1);
      const record = (await allRecords(store)).find((candidate) => candidate.id === done.moves[0]!.recordId)!;
      assert.equal(record.status, 'pending_confirmation');
      assert.deepEqual(await svc.transfer({ from: 'a', to: 'b', actor: admin, note: NOTE }), {
        dryRun: false,
        moves: [],
        skipped: [
          { subject: { id: 'c-0', kind: 'customer' }, reason: 'pending_exists' },
          { subject: { id: 'c-1', kind: 'customer' }, reason: 'pending_exists' },
        ],
      });
      await svc.confirm(record.id, agentActor('b'));
      assert.deepEqual((await store.subjectsOfAgent('b')).map((subject) => subject.id), ['c-1']);
    });

    test('a transfer that frees a full agent lets the waiting queue in', async (store) => {
      await store.upsertAgents([{ id: 'a', capacity: 2 }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock: testClock() });
      for (const subject of customers(3)) await svc.autoAssign(subject);
      assert.equal((await svc.queueStats()).size, 1);
      await svc.transfer({ from: 'a', to: 'b', limit: 1, actor: admin, note: NOTE });
      assert.equal((await svc.queueStats()).size, 0);
      assert.equal((await store.subject({ id: 'c-2', kind: 'customer' }))?.agentId, 'a');
    });

    test('rebalances a rule with the fewest moves, the most recently joined first, within 1 of the weighted shares and never above capacity', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c', capacity: 2 }, { id: 'd' }]);
      const clock = testClock();
      const seed = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock });
      for (const subject of customers(12)) {
        await seed.autoAssign(subject); // a: c-0, c-2, …, c-10; b: c-1, …, c-11
        clock.advance(MINUTE);
      }
      const ruleSet = ruleSetWith(['a', 'b', 'c', { id: 'd', weight: 1 }].map((agent) => (typeof agent === 'string' ? { id: agent, weight: 1 } : agent)));
      const svc = createAssignmentService({ store, ruleSet, clock });
      const preview = await svc.rebalance({ ruleId: 'main', actor: admin, dryRun: true });
      assert.deepEqual(
        preview.participants.map((participant) => [participant.agentId, participant.share, participant.before, participant.after]),
        [['a', 3, 6, 4], ['b', 3, 6, 4], ['c', 3, 0, 2], ['d', 3, 0, 2]],
      );
      assert.equal(preview.balanced, true);
      assert.deepEqual(
        preview.moves.map((move) => [move.subject.id, move.from, move.to]),
        [['c-10', 'a', 'c'], ['c-11', 'b', 'd'], ['c-8', 'a', 'c'], ['c-9', 'b', 'd']],
      );
      const done = await svc.rebalance({ ruleId: 'main', actor: admin, note: 'fair share' });
      assert.deepEqual(withoutRecordIds(done.moves), withoutRecordIds(preview.moves));
      const records = await allRecords(store);
      for (const move of done.moves) {
        const record = records.find((candidate) => candidate.id === move.recordId)!;
        assert.deepEqual([record.type, record.ruleId, record.history[0]?.note], ['manual', 'main', 'fair share']);
      }
      const again = await svc.rebalance({ ruleId: 'main', actor: admin, dryRun: true });
      assert.deepEqual(again.moves, [], 'balanced: nothing more to move');
      assert.deepEqual(again.participants.map((participant) => participant.before), [4, 4, 2, 2]);
    });

    test('a rebalance stopped by a crash and run again ends with the moves of its preview, none twice', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const clock = testClock();
      const seed = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock });
      for (const subject of customers(9)) {
        await seed.autoAssign(subject);
        clock.advance(MINUTE);
      }
      const ruleSet = ruleSetWith(['a', 'b', 'c']);
      const preview = await createAssignmentService({ store, ruleSet, clock }).rebalance({ ruleId: 'main', actor: admin, dryRun: true });
      assert.equal(preview.moves.length, 5);
      await assert.rejects(createAssignmentService({ store: crashAfterCommits(store, 2), ruleSet, clock }).rebalance({ ruleId: 'main', actor: admin }), /crash/);
      const rerun = await createAssignmentService({ store, ruleSet, clock }).rebalance({ ruleId: 'main', actor: admin });
      assert.deepEqual(withoutRecordIds(rerun.moves), withoutRecordIds(preview.moves.slice(2)));
      const manual = (await allRecords(store)).filter((record) => record.type === 'manual');
      assert.deepEqual(
        manual.map((record) => [record.subject.id, record.agentId]).sort(bySubject),
        preview.moves.map((move) => [move.subject.id, move.to]).sort(bySubject),
      );
      assert.deepEqual(rerun.participants.map((participant) => participant.before), [7, 1, 1], 'the re-run counts the moves made before the crash (a to b, a to c)');
    });

    test('refuses anyone but an admin, and names the path of bad input', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: { ...ruleSetWith(['a', 'b']), fields: { city: 'string' } }, clock: testClock() });
      await assert.rejects(svc.transfer({ from: 'a', to: 'b', actor: sales, note: NOTE }), typedError(WorkflowError, 'forbidden'));
      await assert.rejects(svc.rebalance({ ruleId: 'main', actor: agentActor('a') }), typedError(WorkflowError, 'forbidden'));
      const path = (expected: string) => (error: unknown) => error instanceof InputError && error.path === expected;
      await assert.rejects(svc.transfer({ from: 'a', to: 'b', actor: admin, note: NOTE, where: 'level > 3' }), path('input.where'));
      await assert.rejects(svc.transfer({ from: 'a', to: 'a', actor: admin, note: NOTE }), path('input.to'));
      await assert.rejects(svc.transfer({ from: 'a', to: 'b', actor: admin, note: NOTE, limit: 0 }), path('input.limit'));
      await assert.rejects(svc.transfer({ from: 'a', to: 'b', actor: admin } as never), path('input.note'));
      await assert.rejects(svc.rebalance({ ruleId: 'nope', actor: admin }), path('ruleId'));
      await assert.rejects(svc.rebalance({ ruleId: 'main', actor: admin, maxMoves: 1.5 }), path('input.maxMoves'));
    });
  });
}

function withoutRecordIds(moves: readonly GovernanceMoveOutcome[]): Omit<GovernanceMoveOutcome, 'recordId'>[] {
  return moves.map(({ recordId: _recordId, ...move }) => move);
}

function bySubject(a: readonly string[], b: readonly string[]): number {
  return a[0]! < b[0]! ? -1 : 1;
}

/** The store, except that every commit after the first `commits` throws, as if the process died there. */
function crashAfterCommits(store: AssignmentStore, commits: number): AssignmentStore {
  let made = 0;
  const transaction: AssignmentStore['transaction'] = (work) =>
    store.transaction((tx) =>
      work(
        new Proxy(tx, {
          get(target, key) {
            const value = Reflect.get(target, key, target) as unknown;
            if (key !== 'commit') return typeof value === 'function' ? value.bind(target) : value;
            return async (changes: Parameters<StoreTransaction['commit']>[0]) => {
              if (made >= commits) throw new Error('crash');
              await target.commit(changes);
              made++;
            };
          },
        }),
      ),
    );
  return new Proxy(store, {
    get(target, key) {
      if (key === 'transaction') return transaction;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
