import { type AgentProfileInput, type AssignmentStore, createAssignmentService, type Notification, RuleSetError, type RuleSet, validateRuleSet } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it, vi } from 'vitest';
import { admin, agent, handClock, MINUTE } from './serviceFixtures.js';

/** A day at the seed's company: office agents work 09:00–18:00 in Shanghai; VIPs (level ≥ 4) wait nearer the head. */
const OFFICE = { weekdays: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[], hours: [{ from: '09:00', to: '18:00' }] };
const NIGHT = Date.parse('2026-11-03T02:00:00+08:00');
const NINE = Date.parse('2026-11-03T09:00:00+08:00');

function rules(agents: readonly string[], order: RuleSet['rules'][number]['order'] = { by: 'roundRobin' }, alertAfter = 'PT2H'): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false, queue: { priority: 'level >= 4 ? 10 : 0', alertAfter } },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    fields: { level: 'number' },
    rules: [{ id: 'team', name: '服务组', enabled: true, agents: agents.map((id) => ({ id })), order, eligibility: { presence: ['online'] } }],
  };
}

async function setUp(ruleSet: RuleSet | (() => Promise<RuleSet>), agents: AgentProfileInput[], start: number, options: { autoDrain?: boolean; store?: AssignmentStore; onDrainError?: (error: unknown) => void } = {}) {
  const store = options.store ?? createMemoryStore();
  await store.upsertAgents(agents);
  const clock = handClock(start);
  let next = 0;
  const svc = createAssignmentService({
    store,
    ...(typeof ruleSet === 'function' ? { loadRuleSet: ruleSet } : { ruleSet }),
    clock,
    ids: () => `id-${++next}`,
    ...(options.autoDrain === undefined ? {} : { autoDrain: options.autoDrain }),
    ...(options.onDrainError === undefined ? {} : { onDrainError: options.onDrainError }),
  });
  return { store, svc, clock };
}

const queueIds = async (svc: { waiting(filter?: { limit?: number }): Promise<{ items: { subject: { id: string } }[] }> }) =>
  (await svc.waiting({ limit: 1000 })).items.map((entry) => entry.subject.id);

describe('the waiting queue through the service (nobody left behind)', () => {
  it('customers created overnight wait for the first shift and are assigned in priority order at 09:00', async () => {
    const { svc, clock } = await setUp(rules(['li-lei', 'han-mei']), [
      { id: 'li-lei', presence: 'online', schedule: OFFICE },
      { id: 'han-mei', presence: 'online', schedule: OFFICE },
    ], NIGHT);
    const levels = [1, 5, 2, 4, 1];
    for (const [index, level] of levels.entries()) {
      const result = await svc.autoAssign({ id: `c-${index}`, fields: { level } });
      expect([result.reason, result.retryAt?.getTime()]).toEqual(['no_eligible_agent', NINE]);
      clock.advance(10 * MINUTE);
    }
    expect(await queueIds(svc)).toEqual(['c-1', 'c-3', 'c-0', 'c-2', 'c-4']);
    clock.set(NINE);
    const drained = await svc.assignWaiting();
    expect(drained.decisions.map((decision) => [decision.subject.id, decision.agentId])).toEqual([
      ['c-1', 'li-lei'],
      ['c-3', 'han-mei'],
      ['c-0', 'li-lei'],
      ['c-2', 'han-mei'],
      ['c-4', 'li-lei'],
    ]);
    expect(await queueIds(svc)).toEqual([]);
    await svc.close();
  });

  it('a full team frees one slot and the oldest VIP gets it, within the call that freed it', async () => {
    const { svc, clock } = await setUp(rules(['a', 'b'], { by: 'fewestServing' }), [
      { id: 'a', presence: 'online', capacity: 1 },
      { id: 'b', presence: 'online', capacity: 1 },
      { id: 'm', presence: 'online' },
    ], Date.parse('2026-11-03T10:00:00+08:00'));
    await svc.autoAssign({ id: 'first', fields: { level: 1 } });
    await svc.autoAssign({ id: 'second', fields: { level: 1 } });
    for (const [id, level] of [['normal', 1], ['vip-old', 5], ['vip-new', 5]] as const) {
      expect((await svc.autoAssign({ id, fields: { level } })).reason).toBe('no_eligible_agent');
      clock.advance(MINUTE);
    }
    // An admin moves one customer to someone outside the rule: its agent's slot frees, and the oldest VIP takes it.
    await svc.assignManually({ subject: { id: 'first' }, agentId: 'm', actor: admin });
    expect(await queueIds(svc)).toEqual(['vip-new', 'normal']);
    expect((await svc.getSubject({ id: 'vip-old' }))?.agentId).not.toBeNull();
    await svc.close();
  });

  it('an agent coming online drains the backlog within the same upsertAgents call; without autoDrain it waits for assignWaiting', async () => {
    for (const autoDrain of [true, false]) {
      const { svc } = await setUp(rules(['a']), [{ id: 'a', presence: 'away' }], Date.parse('2026-11-03T10:00:00+08:00'), { autoDrain });
      for (let index = 0; index < 5; index++) await svc.autoAssign({ id: `c-${index}`, fields: { level: 1 } });
      await svc.upsertAgents([{ id: 'a', presence: 'online' }]);
      expect(await queueIds(svc)).toHaveLength(autoDrain ? 0 : 5);
      // Presence unchanged: nothing to drain for.
      await svc.upsertAgents([{ id: 'a', presence: 'online', name: 'A' }]);
      if (!autoDrain) expect((await svc.assignWaiting()).assigned).toBe(5);
      await svc.close();
    }
  });

  it('a new rule set from loadRuleSet drains the queue at the next call', async () => {
    let current = rules(['gone']);
    const { svc } = await setUp(async () => current, [{ id: 'a', presence: 'online' }], Date.parse('2026-11-03T10:00:00+08:00'));
    await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
    expect(await queueIds(svc)).toEqual(['c-1']);
    current = rules(['a']);
    expect((await svc.autoAssign({ id: 'c-2', fields: { level: 1 } })).agentId).toBe('a');
    expect(await queueIds(svc)).toEqual([]);
    expect((await svc.getSubject({ id: 'c-1' }))?.agentId).toBe('a');
    await svc.close();
  });

  it('the timer alerts the admins once when an entry waits longer than alertAfter, and close() stops it', async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'a', presence: 'away' }]);
    const sent: Notification[] = [];
    const svc = createAssignmentService({ store, ruleSet: rules(['a'], { by: 'roundRobin' }, 'PT0.3S'), notifier: { send: (n) => void sent.push(n) } });
    await svc.autoAssign({ id: 'c-1', fields: { level: 5 } });
    await vi.waitFor(
      async () => {
        await svc.dispatchNotifications();
        expect(sent.map((n) => [n.event, n.recipient.type, n.subject.id])).toEqual([['waiting_too_long', 'admins', 'c-1']]);
      },
      { timeout: 5_000, interval: 100 },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await svc.dispatchNotifications();
    expect(sent).toHaveLength(1);
    await svc.close();
  });

  it('a failing background drain goes to onDrainError; the call that triggered it still succeeds', async () => {
    const memory = createMemoryStore();
    let broken = false;
    const store: AssignmentStore = {
      ...memory,
      waiting: (query) => (broken ? Promise.reject(new Error('queue table unreachable')) : memory.waiting(query)),
    };
    const errors: unknown[] = [];
    const { svc } = await setUp(rules(['a']), [{ id: 'a', presence: 'away' }], Date.parse('2026-11-03T10:00:00+08:00'), {
      store,
      onDrainError: (error) => errors.push(error),
    });
    await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
    broken = true;
    await expect(svc.upsertAgents([{ id: 'a', presence: 'online' }])).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect((errors[0] as { code?: string }).code).toBe('store_failure');
    broken = false;
    expect((await svc.assignWaiting()).assigned).toBe(1);
    await svc.close();
  });

  it('only an admin takes a subject out of the queue; bad filters are refused naming the member', async () => {
    const { svc } = await setUp(rules(['a']), [{ id: 'a', presence: 'away' }], Date.parse('2026-11-03T10:00:00+08:00'), { autoDrain: false });
    await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
    await expect(svc.unqueue({ id: 'c-1' }, { actor: agent('a') })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(svc.waiting({ olderThan: 'soon' })).rejects.toThrow(/filter\.olderThan/);
    await expect(svc.waiting({ reason: 'bored' as never })).rejects.toThrow(/filter\.reason/);
    await expect(svc.waiting({ limit: 0 })).rejects.toThrow(/filter\.limit/);
    await expect(svc.assignWaiting({ limit: -1 })).rejects.toThrow(/options\.limit/);
    expect((await svc.unqueue({ id: 'c-1' }, { actor: admin, note: '客户已流失' }))?.subject.id).toBe('c-1');
    expect(await queueIds(svc)).toEqual([]);
  });

  it('checks the queue settings like conditions: a priority that cannot be a number, an alert that is no duration', () => {
    const base = rules(['a']);
    const bad = { ...base, fields: { level: 'number', region: 'string' }, settings: { ...base.settings, auto: { ...base.settings.auto, queue: { priority: 'region', alertAfter: 'P1M' } } } };
    const validation = validateRuleSet(bad);
    const issues = validation.ok ? [] : validation.issues;
    expect(issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
      ['type_mismatch', 'settings.auto.queue.priority'],
      ['invalid_duration', 'settings.auto.queue.alertAfter'],
    ]);
    const hostile = { ...base, settings: { ...base.settings, auto: { ...base.settings.auto, queue: { priority: 'constructor.constructor("x")()' } } } };
    expect(() => createAssignmentService({ store: createMemoryStore(), ruleSet: hostile })).toThrow(RuleSetError);
  });
});
