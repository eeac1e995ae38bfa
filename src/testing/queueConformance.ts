import assert from 'node:assert/strict';
import { AssignmentError, WorkflowError } from '../core/errors.js';
import type { RuleSet } from '../core/ruleset/types.js';
import type { SubjectRef, WaitingEntry } from '../core/types.js';
import type { AssignmentStore } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import {
  MINUTE,
  T0,
  admin,
  agentActor,
  agentCounts,
  allRecords,
  customers,
  drainOutbox,
  ruleSetWith,
  sequentialIds,
  testClock,
  typedError,
} from './conformanceFixtures.js';

/** `ruleSetWith` for online agents only, plus declared fields and the queue's priority and alert. */
function queuedRuleSet(agents: readonly string[], changes: Parameters<typeof ruleSetWith>[2] = {}, queue = { priority: 'level >= 4 ? 10 : 0', alertAfter: 'PT30M' }): RuleSet {
  const base = ruleSetWith(agents, { by: 'roundRobin' }, changes);
  const rules = base.rules.map((rule) => ({ ...rule, eligibility: { presence: ['online' as const] } }));
  return { ...base, fields: { level: 'number' }, settings: { ...base.settings, auto: { ...base.settings.auto, queue } }, rules };
}

/** Every entry of the queue, in queue order, page by page. */
async function wholeQueue(store: AssignmentStore): Promise<WaitingEntry[]> {
  const entries: WaitingEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.waiting({ limit: 7, ...(cursor === undefined ? {} : { cursor }) });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return entries;
}

const ids = (entries: readonly { subject: SubjectRef }[]) => entries.map((entry) => entry.subject.id);

/**
 * The waiting queue (see the README's "Waiting queue"): nobody an automatic
 * decision could not place is dropped; at most one entry per subject; the
 * queue order (priority, then the longest wait); drains that assign each
 * subject once however many run at once, keep counts and round robin exact,
 * and leave queue and records consistent when they fail half-way; a subject
 * that gets an agent by any path leaves the queue in that transaction;
 * alerts once per entry; paging, figures and `unqueue`.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * queueConformance(harness);
 * ```
 */
export function queueConformance({ describe, test }: ConformanceHarness): void {
  describe('waiting queue', () => {
    test('queues whom nobody can take, once per subject, and drains them in order when an agent comes online', async (store) => {
      const ruleSet = queuedRuleSet(['a', 'b']);
      await store.upsertAgents([{ id: 'a', presence: 'offline' }, { id: 'b', presence: 'offline' }]);
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock, ids: sequentialIds(), autoDrain: false });
      for (const [id, level] of [['c-1', 1], ['c-2', 5], ['c-3', 2], ['c-4', 4]] as const) {
        assert.equal((await svc.autoAssign({ id, fields: { level } })).reason, 'no_eligible_agent');
        clock.advance(MINUTE);
      }
      // Deciding again keeps one entry and its place.
      await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
      const queued = await wholeQueue(store);
      assert.deepEqual(ids(queued), ['c-2', 'c-4', 'c-1', 'c-3']);
      assert.deepEqual(
        queued.map(({ since, priority, attempts, reason, ruleId, alertedAt }) => ({ since: since.getTime(), priority, attempts, reason, ruleId, alertedAt })),
        [
          { since: T0 + MINUTE, priority: 10, attempts: 0, reason: 'no_eligible_agent', ruleId: 'main', alertedAt: null },
          { since: T0 + 3 * MINUTE, priority: 10, attempts: 0, reason: 'no_eligible_agent', ruleId: 'main', alertedAt: null },
          { since: T0, priority: 0, attempts: 0, reason: 'no_eligible_agent', ruleId: 'main', alertedAt: null },
          { since: T0 + 2 * MINUTE, priority: 0, attempts: 0, reason: 'no_eligible_agent', ruleId: 'main', alertedAt: null },
        ],
      );

      // Nobody yet: every entry stays in place with one more attempt.
      const idle = await svc.assignWaiting();
      assert.deepEqual([idle.decided, idle.assigned, idle.waiting], [4, 0, 4]);
      assert.deepEqual((await wholeQueue(store)).map((entry) => [entry.subject.id, entry.attempts, entry.since.getTime()]), [
        ['c-2', 1, T0 + MINUTE],
        ['c-4', 1, T0 + 3 * MINUTE],
        ['c-1', 1, T0],
        ['c-3', 1, T0 + 2 * MINUTE],
      ]);

      await store.upsertAgents([{ id: 'a', presence: 'online' }, { id: 'b', presence: 'online' }]);
      const drained = await svc.assignWaiting({ limit: 3 });
      assert.deepEqual(
        drained.decisions.map((decision) => [decision.subject.id, decision.agentId]),
        [['c-2', 'a'], ['c-4', 'b'], ['c-1', 'a']],
      );
      assert.deepEqual(ids(await wholeQueue(store)), ['c-3']);
      assert.equal((await svc.assignWaiting()).assigned, 1);
      assert.deepEqual(await wholeQueue(store), []);
      assert.equal((await agentCounts(store, ruleSet, clock.now().getTime(), 'a')).assigned?.day, 2);
      assert.equal((await agentCounts(store, ruleSet, clock.now().getTime(), 'b')).assigned?.day, 2);
    });

    test('a queued subject that gets an agent by hand or by application leaves the queue in the same transaction', async (store) => {
      const ruleSet = queuedRuleSet(['a']);
      await store.upsertAgents([{ id: 'a', presence: 'offline' }, { id: 'm' }]);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds(), autoDrain: false });
      await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
      await svc.autoAssign({ id: 'c-2', fields: { level: 1 } });
      await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'm', actor: admin });
      await svc.apply({ subject: { id: 'c-2' }, agentId: 'm', actor: { id: 'sales-1', role: 'business' }, canView: true });
      assert.deepEqual(await wholeQueue(store), []);
      assert.equal((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId, 'm');
    });

    test('N services draining at once, with new autoAssign calls, assign each subject once and keep round robin exact', async (store) => {
      const ruleSet = queuedRuleSet(['a', 'b', 'c']);
      await store.upsertAgents([{ id: 'a', presence: 'offline' }, { id: 'b', presence: 'offline' }, { id: 'c', presence: 'offline' }]);
      const clock = testClock();
      const make = (prefix: string) => createAssignmentService({ store, ruleSet, clock, ids: sequentialIds(prefix), autoDrain: false });
      const first = make('q');
      const queued = customers(90, 'w');
      for (const subject of queued) await first.autoAssign({ ...subject, fields: { level: 1 } });
      await store.upsertAgents([{ id: 'a', presence: 'online' }, { id: 'b', presence: 'online' }, { id: 'c', presence: 'online' }]);
      const services = ['p1', 'p2', 'p3', 'p4'].map(make);
      const fresh = customers(30, 'n');
      const [drains] = await Promise.all([
        Promise.all(services.map((svc) => svc.assignWaiting())),
        Promise.all(fresh.map((subject, index) => services[index % 4]!.autoAssign(subject))),
      ]);
      assert.equal(
        drains.reduce((sum, drain) => sum + drain.assigned, 0),
        90,
        'every queued subject assigned by exactly one drain',
      );
      assert.deepEqual(await wholeQueue(store), []);
      const records = await allRecords(store);
      assert.equal(records.length, 120);
      assert.equal(new Set(records.map((record) => record.subject.id)).size, 120);
      const counts = await Promise.all(['a', 'b', 'c'].map(async (id) => (await agentCounts(store, ruleSet, T0, id)).assigned?.day));
      assert.deepEqual(counts, [40, 40, 40]);
    });

    test('a drain that fails half-way leaves queue and records consistent, and the next drain finishes', async (store) => {
      const ruleSet = queuedRuleSet(['a']);
      await store.upsertAgents([{ id: 'a', presence: 'offline' }]);
      const clock = testClock();
      const setup = createAssignmentService({ store, ruleSet, clock, ids: sequentialIds('s'), autoDrain: false });
      const queued = customers(260, 'w');
      for (const subject of queued) await setup.autoAssign({ ...subject, fields: { level: 1 } });
      await store.upsertAgents([{ id: 'a', presence: 'online' }]);
      let issued = 0;
      const failing = createAssignmentService({
        store,
        ruleSet,
        clock,
        autoDrain: false,
        retry: { attempts: 1 },
        ids: () => {
          issued++;
          if (issued > 450) throw new Error('id service down');
          return `f-${issued}`;
        },
      });
      await assert.rejects(failing.assignWaiting(), (error) => error instanceof Error);
      const records = await allRecords(store);
      const waiting = await wholeQueue(store);
      assert.ok(records.length > 0 && records.length < 260, `some batches committed (${records.length})`);
      assert.equal(records.length + waiting.length, 260);
      const recorded = new Set(records.map((record) => record.subject.id));
      assert.ok(waiting.every((entry) => !recorded.has(entry.subject.id)), 'no subject both assigned and waiting');
      assert.equal((await agentCounts(store, ruleSet, T0, 'a')).assigned?.day, records.length);
      const rest = await setup.assignWaiting();
      assert.equal(rest.assigned, waiting.length);
      assert.deepEqual(await wholeQueue(store), []);
    });

    test('a declined automatic record with nobody left queues the subject; the agent coming online takes it within upsertAgents', async (store) => {
      const ruleSet = queuedRuleSet(['a', 'b'], { auto: { agentConfirmation: true, reofferOnDecline: true } });
      await store.upsertAgents([{ id: 'a' }, { id: 'b', presence: 'offline' }]);
      const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds() });
      const offered = await svc.autoAssign({ id: 'c-1', fields: { level: 5 } });
      assert.equal(offered.agentId, 'a');
      const { reoffer } = await svc.decline(offered.record!.id, agentActor('a'));
      assert.equal(reoffer?.reason, 'no_eligible_agent');
      const [entry] = await wholeQueue(store);
      assert.deepEqual([entry?.subject.id, entry?.reason, entry?.priority], ['c-1', 'declined', 10]);
      await svc.upsertAgents([{ id: 'b', presence: 'online' }]);
      assert.deepEqual(await wholeQueue(store), []);
      const [latest] = (await svc.records({ subjectId: 'c-1', statuses: ['pending_confirmation'] })).items;
      assert.equal(latest?.agentId, 'b', 'offered to the agent who had not refused');
      await svc.close();
    });

    test('outside the schedule, customers wait with retryAt = the opening and are assigned then, in priority order', async (store) => {
      const base = queuedRuleSet(['a', 'b']);
      const ruleSet: RuleSet = {
        ...base,
        rules: [{ ...base.rules[0]!, onNoAgent: 'stop', schedule: { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '09:00', to: '18:00' }] } }],
      };
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const night = Date.parse('2026-11-03T02:00:00+08:00');
      const clock = testClock(night);
      const svc = createAssignmentService({ store, ruleSet, clock, ids: sequentialIds(), autoDrain: false });
      for (const [index, level] of [1, 5, 2].entries()) {
        await svc.autoAssign({ id: `c-${index}`, fields: { level } });
        clock.advance(MINUTE);
      }
      const queued = await wholeQueue(store);
      assert.deepEqual(ids(queued), ['c-1', 'c-0', 'c-2']);
      assert.ok(queued.every((entry) => entry.reason === 'outside_schedule' && entry.retryAt?.getTime() === Date.parse('2026-11-03T09:00:00+08:00')));
      assert.deepEqual((await store.waitingWake()).retryAt, new Date('2026-11-03T09:00:00+08:00'));
      clock.set(Date.parse('2026-11-03T09:00:00+08:00'));
      const drained = await svc.assignWaiting();
      assert.deepEqual(drained.decisions.map((decision) => [decision.subject.id, decision.agentId]), [['c-1', 'a'], ['c-0', 'b'], ['c-2', 'a']]);
      assert.deepEqual((await store.waitingWake()).retryAt, null);
    });

    test('alerts the admins once per entry that waits longer than alertAfter', async (store) => {
      const ruleSet = queuedRuleSet(['a']);
      await store.upsertAgents([{ id: 'a', presence: 'offline' }]);
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock, ids: sequentialIds(), autoDrain: false });
      await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
      clock.advance(20 * MINUTE);
      await svc.autoAssign({ id: 'c-2', fields: { level: 1 } });
      assert.equal((await svc.assignWaiting()).alerted, 0);
      clock.advance(10 * MINUTE);
      assert.equal((await svc.assignWaiting()).alerted, 1);
      assert.equal((await svc.assignWaiting()).alerted, 0, 'never twice');
      const alerts = (await drainOutbox(store)).filter((entry) => entry.notification.event === 'waiting_too_long');
      assert.deepEqual(
        alerts.map(({ notification }) => [notification.subject.id, notification.recipient.type, notification.recordId, notification.at.getTime()]),
        [['c-1', 'admins', null, T0 + 30 * MINUTE]],
      );
      const [entry] = await wholeQueue(store);
      assert.equal(entry?.alertedAt?.getTime(), T0 + 30 * MINUTE);
    });

    test('pages by reason and age, gives its figures, and lets an admin take a subject out', async (store) => {
      const base = queuedRuleSet(['a']);
      const ruleSet: RuleSet = {
        ...base,
        rules: [
          { ...base.rules[0]!, id: 'vip', when: 'level >= 4', onNoAgent: 'stop' },
          { ...base.rules[0]!, id: 'late', onNoAgent: 'stop', schedule: { weekdays: [1, 2, 3, 4, 5, 6, 7], hours: [{ from: '20:00', to: '22:00' }] } },
        ],
      };
      await store.upsertAgents([{ id: 'a', presence: 'offline' }]);
      const clock = testClock();
      const svc = createAssignmentService({ store, ruleSet, clock, ids: sequentialIds(), autoDrain: false });
      for (let index = 0; index < 10; index++) {
        await svc.autoAssign({ id: `c-${index}`, fields: { level: index % 2 === 0 ? 5 : 1 } });
        clock.advance(MINUTE);
      }
      const stats = await svc.queueStats();
      assert.deepEqual(stats, {
        size: 10,
        byReason: { no_eligible_agent: 5, outside_schedule: 5, no_rule_applies: 0, auto_disabled: 0, declined: 0, expired: 0 },
        byRule: [
          { ruleId: 'late', size: 5 },
          { ruleId: 'vip', size: 5 },
        ],
        oldestAgeMs: 10 * MINUTE,
        p50AgeMs: 5 * MINUTE,
        p95AgeMs: 10 * MINUTE,
      });
      const late = await svc.waiting({ reason: 'outside_schedule', olderThan: 'PT7M', limit: 10 });
      assert.deepEqual(ids(late.items), ['c-1', 'c-3']);
      assert.equal(late.nextCursor, null);
      const first = await svc.waiting({ limit: 3 });
      const second = await svc.waiting({ limit: 3, cursor: first.nextCursor });
      assert.deepEqual([...ids(first.items), ...ids(second.items)], ['c-0', 'c-2', 'c-4', 'c-6', 'c-8', 'c-1']);
      await assert.rejects(svc.waiting({ cursor: 'not-a-cursor' }), (error) => error instanceof AssignmentError && error.code === 'invalid_input');

      await assert.rejects(svc.unqueue({ id: 'c-0' }, { actor: agentActor('a') }), typedError(WorkflowError, 'forbidden'));
      const removed = await svc.unqueue({ id: 'c-0' }, { actor: admin, note: 'customer closed the account' });
      assert.equal(removed?.subject.id, 'c-0');
      assert.equal(await svc.unqueue({ id: 'c-0' }, { actor: admin }), null);
      assert.equal((await svc.queueStats()).size, 9);
      assert.equal((await svc.queueStats()).byRule.find((rule) => rule.ruleId === 'vip')?.size, 4);
    });
  });
}
