import fc from 'fast-check';
import { createAssignmentService, explain, type RuleSet, type RuleSetVersion } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it } from 'vitest';
import { admin, handClock } from './serviceFixtures.js';

function rules(agents: readonly string[], presence: boolean): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    rules: [
      {
        id: 'team',
        name: '服务组',
        enabled: true,
        agents: agents.map((id) => ({ id })),
        order: { by: 'fewestAssigned', period: 'day' },
        ...(presence ? { eligibility: { presence: ['online' as const] } } : {}),
      },
    ],
  };
}

describe('rule-set versions through the service', () => {
  it('saving a new version lets the waiting queue drain under it before saveRuleSet returns', async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'away', presence: 'offline' }, { id: 'here', presence: 'online' }]);
    const svc = createAssignmentService({ store, clock: handClock() });
    await svc.saveRuleSet(rules(['away'], true), { actor: admin, note: 'only away' });
    expect((await svc.autoAssign({ id: 'c-1' })).reason).toBe('no_eligible_agent');
    expect((await svc.waiting()).items.map((entry) => entry.subject.id)).toEqual(['c-1']);
    await svc.saveRuleSet(rules(['away', 'here'], true), { actor: admin, note: 'here joins' });
    expect((await svc.waiting()).items).toEqual([]);
    expect((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId).toBe('here');
    await svc.close();
  });

  it('keeps the trace of every decision of a shared transaction as it was made (group commit)', async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    const svc = createAssignmentService({ store, ruleSet: rules(['a', 'b', 'c'], false), clock: handClock(), autoDrain: false });
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => svc.autoAssign({ id: `c-${i}` })));
    for (const result of results) {
      const explained = await svc.explainRecord(result.record!.id);
      expect(explained.text).toBe(explain(result));
    }
  });

  it('refuses malformed calls naming the path, and stores nothing', async () => {
    const svc = createAssignmentService({ store: createMemoryStore(), clock: handClock() });
    await expect(svc.saveRuleSet(rules(['a'], false), undefined as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(svc.saveRuleSet(rules(['a'], false), { actor: { id: 'x', role: 'root' } } as never)).rejects.toThrow(/options.actor.role/);
    await expect(svc.saveRuleSet(rules(['a'], false), { actor: admin, notes: 'typo' } as never)).rejects.toThrow(/options.notes/);
    await expect(svc.saveRuleSet({ ...rules(['a'], false), timeZone: 'Mars/Olympus' }, { actor: admin })).rejects.toMatchObject({ code: 'invalid_rule_set' });
    await expect(svc.ruleSetVersions({ limit: 501 })).rejects.toThrow(/query.limit/);
    await expect(svc.explainRecord('')).rejects.toThrow(/recordId/);
    expect(await svc.ruleSet()).toBeNull();
    expect((await svc.ruleSetVersions()).items).toEqual([]);
  });
});

describe('rule-set history (property)', () => {
  it('is every save in order, newest first, the last current and each revision found at its first save, whatever the page size', async () => {
    const contents = ['a', 'b', 'c', 'd'].map((agent) => rules([agent], false));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (saves, limit) => {
        const store = createMemoryStore();
        const svc = createAssignmentService({ store, clock: handClock(), autoDrain: false });
        const saved: RuleSetVersion[] = [];
        for (const [n, content] of saves.entries()) saved.push(await svc.saveRuleSet(contents[content]!, { actor: admin, note: `save ${n}` }));
        const history: RuleSetVersion[] = [];
        let cursor: string | undefined;
        do {
          const page = await svc.ruleSetVersions({ limit, ...(cursor === undefined ? {} : { cursor }) });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          history.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        expect(history).toEqual([...saved].reverse());
        expect(await svc.ruleSet()).toEqual(saved[saved.length - 1] ?? null);
        for (const version of saved) expect(await store.ruleSetVersion!(version.revision)).toEqual(saved.find((first) => first.revision === version.revision));
      }),
      { numRuns: 40 },
    );
  });
});
