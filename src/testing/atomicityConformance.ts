import assert from 'node:assert/strict';
import { ConcurrencyError } from '../core/errors.js';
import { compileRuleSet } from '../core/ruleset/compileRuleSet.js';
import { createRecord } from '../core/workflow/createRecord.js';
import { transition } from '../core/workflow/transition.js';
import type { ChangeSet } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import { periodRangesAt } from '../service/periodRangesAt.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import {
  HOUR,
  T0,
  admin,
  agentCounts,
  allRecords,
  drainOutbox,
  recordingNotifier,
  ruleSetWith,
  storeState,
  testClock,
  typedError,
} from './conformanceFixtures.js';

const EMPTY: ChangeSet = { records: [], subjects: [], ruleState: [], counters: [], outbox: [], idempotency: [] };
const c1 = { id: 'c-1', kind: 'customer' as const };

/**
 * Atomicity guarantees: a call commits the record, the subject's agent, the
 * counts, the rule state and the notifications together or not at all.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * atomicityConformance(harness);
 * ```
 */
export function atomicityConformance({ describe, test }: ConformanceHarness): void {
  describe('atomicity', () => {
    test('writes nothing when the id generator throws mid-call', async (store) => {
      const ruleSet = ruleSetWith(['a', 'b']);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const clock = testClock();
      await createAssignmentService({ store, ruleSet, clock }).autoAssign({ id: 'c-1', fields: { level: 1 } });
      await drainOutbox(store);
      const before = await storeState(store, [c1], ruleSet, T0);

      const failure = new Error('id source down');
      let calls = 0;
      // The first id (the record's) is given, the second (a notification's) fails.
      const ids = () => {
        calls++;
        if (calls % 2 === 0) throw failure;
        return `id-${calls}`;
      };
      const svc = createAssignmentService({ store, ruleSet, clock, ids });
      await assert.rejects(svc.autoAssign({ id: 'c-1', fields: { level: 2 } }, { reassign: true }), (error) => error === failure);
      await assert.rejects(svc.assignManually({ subject: c1, agentId: 'b', actor: admin }), (error) => error === failure);

      assert.deepEqual(await storeState(store, [c1], ruleSet, T0), before);
      assert.deepEqual(await drainOutbox(store), []);
    });

    test('keeps every notification when the notifier throws mid-dispatch, and delivers it after the back-off', async (store) => {
      const ruleSet = ruleSetWith(['a', 'b', 'c']);
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const clock = testClock();
      const notifier = recordingNotifier((_, call) => call === 2);
      const svc = createAssignmentService({ store, ruleSet, clock, notifier, dispatch: { backoffBaseMs: HOUR } });
      const subjects = [c1, { id: 'c-2', kind: 'customer' as const }, { id: 'c-3', kind: 'customer' as const }];
      for (const subject of subjects) await svc.autoAssign(subject);
      const before = await storeState(store, subjects, ruleSet, T0);

      const first = await svc.dispatchNotifications();
      assert.deepEqual({ delivered: first.delivered, failed: first.failed }, { delivered: 2, failed: 1 });
      assert.deepEqual(
        first.failures.map(({ event, error, attempts }) => ({ event, error, attempts })),
        [{ event: 'assigned', error: 'notifier down (call 2)', attempts: 1 }],
      );
      assert.deepEqual(await storeState(store, subjects, ruleSet, T0), before, 'dispatching changes no record, subject or count');
      assert.deepEqual(await svc.dispatchNotifications(), { delivered: 0, failed: 0, failures: [] }, 'the failed one waits for its back-off');

      clock.advance(HOUR);
      assert.deepEqual(await svc.dispatchNotifications(), { delivered: 1, failed: 0, failures: [] });
      assert.deepEqual(notifier.sent.map((notification) => notification.subject.id).sort(), ['c-1', 'c-2', 'c-3']);
      assert.equal(new Set(notifier.sent.map((notification) => notification.id)).size, 3);
    });

    test('rolls back every write of a transaction whose work throws, even after commit', async (store) => {
      await store.upsertAgents([{ id: 'a' }]);
      const failure = new Error('after commit');
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.lockSubject(c1, { level: 1 });
          await tx.updateAgent('a', { presence: 'offline' });
          const record = createRecord({
            id: 'r-1',
            type: 'manual',
            status: 'effective',
            subject: c1,
            agentId: 'a',
            previousAgentId: null,
            ruleId: null,
            requestedBy: admin,
            at: T0,
            pendingTimeoutMs: null,
          });
          const at = new Date(T0);
          const periods = periodRangesAt(compileRuleSet(ruleSetWith(['a'])), at);
          const buckets = { day: periods.day.start, week: periods.week.start, month: periods.month.start, quarter: periods.quarter.start, year: periods.year.start };
          await tx.commit({
            records: [{ record, expectedVersion: null }],
            subjects: [{ subject: c1, agentId: 'a', previousAgentId: null, agentSince: at }],
            ruleState: [{ ruleId: 'main', state: { lastAgentId: 'a' } }],
            counters: [{ agentId: 'a', counter: 'serving', delta: 1, buckets, at }],
            outbox: [{ id: 'n-1', event: 'assigned', recipient: { type: 'agent', id: 'a' }, recordId: 'r-1', subject: c1, agentId: 'a', at }],
            idempotency: [{ key: 'k-1', result: { ok: true } }],
          });
          throw failure;
        }),
        (error) => error === failure,
      );
      assert.equal(await store.subject(c1), null);
      const [agent] = await store.transaction(async (tx) => tx.agents(['a']));
      assert.equal(agent?.presence, undefined);
      assert.equal(await store.transaction(async (tx) => tx.idempotentResult('k-1')), undefined);
      assert.deepEqual(await allRecords(store), []);
      assert.deepEqual(await store.transaction(async (tx) => tx.lockAssignment()), {});
      assert.deepEqual(await drainOutbox(store), []);
      const counts = await agentCounts(store, ruleSetWith(['a']), T0, 'a');
      assert.deepEqual(counts.serving, { total: 0, day: 0, week: 0, month: 0, quarter: 0, year: 0 });
    });

    test('refuses a whole change set with a stale version, a second open record or a used key, writing none of it', async (store) => {
      const ruleSet = ruleSetWith(['a', 'b'], { by: 'roundRobin' }, { auto: { agentConfirmation: true } });
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock() });
      const { record } = await svc.autoAssign({ id: 'c-1' }, { idempotencyKey: 'k-1' });
      const offer = record!;
      const before = await storeState(store, [c1], ruleSet, T0);
      const confirmed = transition(offer, 'confirm', { ruleSet, now: T0 + 1, actor: { id: offer.agentId, role: 'agent' } }).record;
      const second = { ...offer, id: 'second', agentId: 'b', history: offer.history.map((entry) => ({ ...entry, recordId: 'second' })) };
      const refused: [string, ChangeSet][] = [
        ['a stale version', { ...EMPTY, records: [{ record: confirmed, expectedVersion: offer.version + 1 }] }],
        ['an existing record id', { ...EMPTY, records: [{ record: offer, expectedVersion: null }] }],
        ['a second pending record', { ...EMPTY, records: [{ record: second, expectedVersion: null }] }],
        ['a used idempotency key', { ...EMPTY, idempotency: [{ key: 'k-1', result: null }] }],
        ['one idempotency key twice', { ...EMPTY, idempotency: [{ key: 'k-2', result: null }, { key: 'k-2', result: null }] }],
      ];
      for (const [what, changes] of refused) {
        const withOthers: ChangeSet = {
          ...changes,
          ruleState: [{ ruleId: 'main', state: { lastAgentId: 'zzz' } }],
          subjects: [{ subject: c1, agentId: 'zzz', previousAgentId: null, agentSince: new Date(T0) }],
        };
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.lockSubject(c1);
            await tx.commit(withOthers);
          }),
          typedError(ConcurrencyError),
          what,
        );
        assert.deepEqual(await storeState(store, [c1], ruleSet, T0), before, `nothing written after ${what}`);
      }
    });

    test('hands out copies: changing what a read returned changes nothing stored', async (store) => {
      await store.upsertAgents([{ id: 'a', skills: ['vip'] }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a']), clock: testClock() });
      const result = await svc.autoAssign({ id: 'c-1', fields: { tags: ['x'] } });
      result.record!.history.push(result.record!.history[0]!);
      const subject = (await store.subject(c1))!;
      (subject.fields.tags as string[]).push('y');
      subject.agentId = 'nobody';
      const page = await store.queryRecords({ limit: 10 });
      page.items[0]!.status = 'ended';
      await store.transaction(async (tx) => {
        const [agent] = await tx.agents(['a']);
        agent!.skills!.push('hacked');
        const [record] = await tx.subjectRecords(c1, ['effective']);
        record!.agentId = 'nobody';
      });

      assert.deepEqual((await store.subject(c1))?.fields, { tags: ['x'] });
      assert.equal((await store.subject(c1))?.agentId, 'a');
      const [stored] = await allRecords(store);
      assert.equal(stored?.status, 'effective');
      assert.equal(stored?.agentId, 'a');
      assert.equal(stored?.history.length, 1);
      const [agent] = await store.transaction(async (tx) => tx.agents(['a']));
      assert.deepEqual(agent?.skills, ['vip']);
    });
  });
}
