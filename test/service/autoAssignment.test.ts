import { type AssignmentStore, ConcurrencyError, createAssignmentService, type RuleSet, StoreError } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it } from 'vitest';
import { HOUR, T0, agent, delivered, scenario, seedWith } from './serviceFixtures.js';

const c1 = { id: 'c-1', kind: 'customer' as const };

describe('automatic assignment (自动分配) through the service', () => {
  it('routes Beijing customers by fewest serving, VIPs by 2:1 weights, everyone else round robin', async () => {
    const { svc } = await scenario();
    const picks = [];
    for (const [id, fields] of [
      ['bj-1', { region: '北京', level: 1 }],
      ['bj-2', { region: '北京', level: 1 }],
      ['vip-1', { region: '上海', level: 5 }],
      ['vip-2', { region: '上海', level: 3 }],
      ['vip-3', { region: '广州', tags: ['vip'] }],
      ['x-1', { region: '上海', level: 1 }],
      ['x-2', { region: '上海', level: 1 }],
    ] as const) {
      const result = await svc.autoAssign({ id, fields });
      picks.push(`${id}:${result.ruleId}:${result.agentId}`);
    }
    expect(picks).toEqual([
      'bj-1:beijing:zhang-san',
      'bj-2:beijing:li-si',
      'vip-1:vip:li-lei',
      'vip-2:vip:han-meimei',
      'vip-3:vip:li-lei',
      'x-1:$default:wang-wu',
      'x-2:$default:zhao-liu',
    ]);
    expect(await svc.getSubject({ id: 'vip-3' })).toEqual({ id: 'vip-3', kind: 'customer', fields: { region: '广州', tags: ['vip'] }, agentId: 'li-lei' });
  });

  it('replaces the stored fields when given and keeps them when not', async () => {
    const { svc } = await scenario();
    await svc.autoAssign({ id: 'c-9', kind: 'contact', fields: { region: '北京' } });
    const again = await svc.autoAssign({ id: 'c-9', kind: 'contact' });
    expect(again).toMatchObject({ outcome: 'unassigned', reason: 'already_assigned' });
    expect((await svc.getSubject({ id: 'c-9', kind: 'contact' }))?.fields).toEqual({ region: '北京' });
    await svc.autoAssign({ id: 'c-9', kind: 'contact', fields: { region: '上海' } });
    expect((await svc.getSubject({ id: 'c-9', kind: 'contact' }))?.fields).toEqual({ region: '上海' });
  });

  it('with agent confirmation and re-offer: a decline offers the subject to the next agent, never back to one who declined', async () => {
    const scene = await scenario(seedWith({ auto: { agentConfirmation: true, reofferOnDecline: true } }));
    const { svc, clock } = scene;
    const offer = await svc.autoAssign({ id: 'c-1' });
    expect(offer).toMatchObject({ outcome: 'pending_confirmation', agentId: 'wang-wu' });
    expect((await svc.getSubject(c1))?.agentId).toBeNull();

    clock.advance(HOUR);
    const first = await svc.decline(offer.record!.id, agent('wang-wu'), 'on leave');
    expect(first.record.status).toBe('declined');
    expect(first.reoffer).toMatchObject({ outcome: 'pending_confirmation', agentId: 'zhao-liu' });
    expect(first.reoffer?.record?.createdAt).toEqual(new Date(T0 + HOUR));

    const second = await svc.decline(first.reoffer!.record!.id, agent('zhao-liu'));
    expect(second.reoffer).toMatchObject({ outcome: 'unassigned', reason: 'no_eligible_agent' });
    const excluded = second.reoffer?.trace.find((entry) => entry.ruleId === '$default')?.excluded;
    expect(excluded).toEqual([
      { agentId: 'wang-wu', reason: 'excluded' },
      { agentId: 'zhao-liu', reason: 'excluded' },
    ]);
    expect(await delivered(scene)).toEqual([
      'confirmation_requested → agent:wang-wu',
      'declined → admins',
      'confirmation_requested → agent:zhao-liu',
      'declined → admins',
    ]);
  });

  it('confirmed by the agent, takes effect and counts the agent as serving', async () => {
    const { svc } = await scenario(seedWith({ auto: { agentConfirmation: true } }));
    const offer = await svc.autoAssign({ id: 'c-1' });
    const confirmed = await svc.confirm(offer.record!.id, agent('wang-wu'));
    expect(confirmed.record.status).toBe('effective');
    expect((await svc.getSubject(c1))?.agentId).toBe('wang-wu');
  });

  it('without re-offer, a decline leaves the subject without an agent', async () => {
    const { svc } = await scenario(seedWith({ auto: { agentConfirmation: true } }));
    const offer = await svc.autoAssign({ id: 'c-1' });
    const declined = await svc.decline(offer.record!.id, agent('wang-wu'));
    expect(declined.reoffer).toBeNull();
    expect((await svc.records({ subjectId: 'c-1' })).items).toHaveLength(1);
  });

  it('reassigns with reassign: true, never to the current agent, ending the previous care', async () => {
    const { svc } = await scenario();
    await svc.autoAssign({ id: 'c-1' });
    const moved = await svc.autoAssign({ id: 'c-1' }, { reassign: true });
    expect(moved).toMatchObject({ outcome: 'assigned', agentId: 'zhao-liu' });
    expect(moved.record?.previousAgentId).toBe('wang-wu');
    const statuses = (await svc.records({ subjectId: 'c-1' })).items.map((r) => `${r.agentId}:${r.status}`);
    expect(statuses).toEqual(['zhao-liu:effective', 'wang-wu:ended']);
  });

  it('decides already_assigned and pending_exists without taking the assignment lock', async () => {
    let locks = 0;
    const memory = createMemoryStore();
    const store: AssignmentStore = {
      ...memory,
      transaction: (work) =>
        memory.transaction((tx) =>
          work({
            ...tx,
            lockAssignment: () => {
              locks++;
              return tx.lockAssignment();
            },
          }),
        ),
    };
    const { svc } = await scenario(seedWith(), { store });
    await svc.autoAssign({ id: 'c-1' });
    expect(locks).toBe(1);
    expect(await svc.autoAssign({ id: 'c-1' })).toMatchObject({ reason: 'already_assigned', ruleState: {} });
    expect(locks).toBe(1);
  });

  it('re-reads the rule set on every call through loadRuleSet', async () => {
    let current: RuleSet = seedWith();
    const { svc } = await scenario(async () => current);
    expect((await svc.autoAssign({ id: 'c-1' })).outcome).toBe('assigned');
    current = seedWith({ auto: { enabled: false } });
    expect(await svc.autoAssign({ id: 'c-2' })).toMatchObject({ outcome: 'unassigned', reason: 'auto_disabled' });
  });
});

describe('conflicts and store failures', () => {
  /** A memory store whose transactions fail with `failure()` while it returns an error. */
  function failingStore(failure: (attempt: number) => Error | null): { store: AssignmentStore; attempts: () => number } {
    const memory = createMemoryStore();
    let attempts = 0;
    const store: AssignmentStore = {
      ...memory,
      transaction: (work) => {
        attempts++;
        const error = failure(attempts);
        return error === null ? memory.transaction(work) : Promise.reject(error);
      },
    };
    return { store, attempts: () => attempts };
  }

  it('retries the whole transaction on ConcurrencyError and succeeds once the conflict is gone', async () => {
    const failing = failingStore((attempt) => (attempt <= 3 ? new ConcurrencyError('serialization failure') : null));
    const { svc } = await scenario(seedWith(), { store: failing.store, retry: { attempts: 5, baseMs: 1, maxMs: 2 } });
    const before = failing.attempts();
    expect((await svc.autoAssign({ id: 'c-1' })).outcome).toBe('assigned');
    expect(failing.attempts() - before).toBe(4);
    expect((await svc.records()).items).toHaveLength(1);
  });

  it('gives up with ConcurrencyError after the configured attempts', async () => {
    const conflict = new ConcurrencyError('deadlock detected');
    let failing = false;
    const flaky = failingStore(() => (failing ? conflict : null));
    const { svc } = await scenario(seedWith(), { store: flaky.store, retry: { attempts: 4, baseMs: 1, maxMs: 1 } });
    failing = true;
    const before = flaky.attempts();
    const error = await svc.autoAssign({ id: 'c-1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).cause).toBe(conflict);
    expect(flaky.attempts() - before).toBe(4);
  });

  it('surfaces a raw store failure as StoreError with the cause, without retrying', async () => {
    const reset = new Error('connection reset');
    const memory = createMemoryStore();
    let calls = 0;
    const store: AssignmentStore = {
      ...memory,
      transaction: (work) => {
        calls++;
        return memory.transaction((tx) => work({ ...tx, lockSubject: () => Promise.reject(reset), lockSubjects: () => Promise.reject(reset) }));
      },
    };
    const { svc } = await scenario(seedWith(), { store });
    const before = calls;
    const error = await svc.autoAssign({ id: 'c-1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).cause).toBe(reset);
    expect(calls - before).toBe(1);
    await expect(svc.getSubject({ id: 'c-1' })).resolves.toMatchObject({ agentId: null });
  });

  it('wraps a failing direct store call (records, getSubject) as StoreError', async () => {
    const memory = createMemoryStore();
    const store: AssignmentStore = { ...memory, queryRecords: () => Promise.reject(new Error('timeout')) };
    const { svc } = await scenario(seedWith(), { store });
    await expect(svc.records()).rejects.toBeInstanceOf(StoreError);
  });
});

describe('a result given again for a key', () => {
  it('has the instants of its trace back as Dates (each candidate’s lastAssignedAt), whether the trace is read from the kept decision or stored with the result', async () => {
    const ruleSet = {
      ...seedWith(),
      rules: [{ id: 'idle', name: 'Idle first', enabled: true, agents: [{ id: 'a' }, { id: 'b' }], order: { by: 'longestIdle' as const } }],
    };
    for (const keepsDecisions of [true, false]) {
      const memory = createMemoryStore();
      // A store without kept decisions stores the trace with the result instead.
      const store: AssignmentStore = keepsDecisions
        ? memory
        : { ...memory, transaction: (work) => memory.transaction((tx) => work({ ...tx, keptTrace: undefined })), recordDecision: undefined };
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      let now = T0;
      const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date(now) }, autoDrain: false });
      await svc.autoAssign({ id: 'first' });
      now += HOUR;
      const first = await svc.autoAssign({ id: 'second' }, { idempotencyKey: 'k' });
      const again = await svc.autoAssign({ id: 'second' }, { idempotencyKey: 'k' });
      const instants = (result: typeof first) => result.trace.flatMap((entry) => (entry.candidates ?? []).map((candidate) => candidate.lastAssignedAt));
      expect(instants(first).some((at) => at instanceof Date)).toBe(true);
      expect(instants(again)).toEqual(instants(first));
    }
  });
});
