import { AssignmentError, NotFoundError, createAssignmentService } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it } from 'vitest';
import { admin, agent, scenario, seedWith } from './serviceFixtures.js';

/** Expects an `AssignmentError` with code `invalid_input` whose message names `field`. */
async function refusedNaming(call: Promise<unknown>, field: string): Promise<void> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AssignmentError);
  expect((error as AssignmentError).code).toBe('invalid_input');
  expect((error as AssignmentError).message).toContain(field);
}

describe('bad input at the service boundary', () => {
  it('answers unknown subjects, agents and records with NotFoundError naming them', async () => {
    const { svc } = await scenario();
    await expect(svc.assignManually({ subject: { id: 'ghost' }, agentId: 'li-lei', actor: admin })).rejects.toMatchObject({
      constructor: NotFoundError,
      entity: 'subject',
      id: 'ghost',
    });
    await expect(svc.apply({ subject: { id: 'c-1' }, agentId: 'ghost', actor: { id: 's', role: 'business' }, canView: true })).rejects.toMatchObject({
      constructor: NotFoundError,
      entity: 'agent',
    });
    for (const event of ['approve', 'reject', 'confirm', 'decline', 'cancel'] as const) {
      await expect(svc[event]('no-such-record', admin)).rejects.toMatchObject({ constructor: NotFoundError, entity: 'record', code: 'not_found' });
    }
    await expect(svc.releaseAgent('ghost', { actor: admin, reassign: true })).rejects.toBeInstanceOf(NotFoundError);
    expect(await svc.getSubject({ id: 'ghost' })).toBeNull();
  });

  it('refuses malformed subjects naming the field', async () => {
    const { svc } = await scenario();
    await refusedNaming(svc.autoAssign({ id: '' }), 'subject.id');
    await refusedNaming(svc.autoAssign({ id: 'c-1', kind: 'lead' as never }), 'subject.kind');
    await refusedNaming(svc.autoAssign({ id: 'c-1', fields: [] as never }), 'subject.fields');
    await refusedNaming(svc.autoAssign(null as never), 'subject');
    await refusedNaming(svc.autoAssign({ id: 'c-1' }, { idempotencyKey: 42 as never }), 'options.idempotencyKey');
    await refusedNaming(svc.autoAssign({ id: 'c-1' }, { reassign: 'yes' as never }), 'options.reassign');
    await refusedNaming(svc.getSubject({ id: 7 as never }), 'subject.id');
    await refusedNaming(svc.assignManually({ subject: { id: 'c-1' }, agentId: '', actor: admin }), 'agentId');
    await refusedNaming(svc.apply({ subject: { id: 'c-1' }, agentId: 'li-lei', actor: { id: 's', role: 'business' }, canView: 'yes' as never }), 'canView');
    await refusedNaming(svc.confirm('', agent('li-lei')), 'recordId');
    await refusedNaming(svc.confirm('r-1', agent('li-lei'), 5 as never), 'note');
  });

  it('refuses malformed actors', async () => {
    const { svc } = await scenario();
    const bad = [null, {}, { id: '', role: 'admin' }, { id: 'x', role: 'root' }, 'admin-1'];
    for (const actor of bad) {
      await refusedNaming(svc.assignManually({ subject: { id: 'c-1' }, agentId: 'li-lei', actor: actor as never }), 'actor');
      await refusedNaming(svc.cancel('r-1', actor as never), 'actor');
      await refusedNaming(svc.releaseAgent('li-lei', { actor: actor as never, reassign: true }), 'actor');
    }
  });

  it('refuses malformed record filters naming the filter', async () => {
    const { svc } = await scenario();
    await refusedNaming(svc.records({ from: 'yesterday' }), 'filter.from');
    await refusedNaming(svc.records({ to: new Date(Number.NaN) }), 'filter.to');
    await refusedNaming(svc.records({ from: '2026-11-02T00:00+08:00', to: '2026-11-01T00:00+08:00' }), 'filter.to');
    await refusedNaming(svc.records({ from: '2026-11-02' }), 'filter.from');
    await refusedNaming(svc.records({ status: ['declined'] } as never), 'filter.status: unknown option, did you mean statuses?');
    for (const limit of [0, 501, 2.5, Number.NaN]) await refusedNaming(svc.records({ limit }), 'filter.limit');
    await refusedNaming(svc.records({ types: ['robot' as never] }), 'filter.types');
    await refusedNaming(svc.records({ statuses: ['done' as never] }), 'filter.statuses');
    await refusedNaming(svc.records({ statuses: 'effective' as never }), 'filter.statuses');
    await refusedNaming(svc.records({ subjectId: 5 as never }), 'filter.subjectId');
    await refusedNaming(svc.records({ subjectKind: 'lead' as never }), 'filter.subjectKind');
    await refusedNaming(svc.records({ agentId: '' }), 'filter.agentId');
    await refusedNaming(svc.records({ cursor: 5 as never }), 'filter.cursor');
    await expect(svc.records({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('refuses malformed service options', () => {
    const store = createMemoryStore();
    const ruleSet = seedWith();
    expect(() => createAssignmentService({ store: {} as never, ruleSet })).toThrow(/options.store/);
    expect(() => createAssignmentService({ store, ruleSet, loadRuleSet: async () => ruleSet } as never)).toThrow(/at most one of ruleSet and loadRuleSet/);
    // Neither: the rule set comes from the store, which must keep rule-set versions.
    const { saveRuleSet: _omitted, ...withoutVersions } = store;
    expect(() => createAssignmentService({ store: withoutVersions })).toThrow(/options.store.*without saveRuleSet/);
    expect(() => createAssignmentService({ store, ruleSet, retry: { attempts: 0 } })).toThrow(/options.retry.attempts/);
    expect(() => createAssignmentService({ store, ruleSet, dispatch: { leaseMs: -1 } })).toThrow(/options.dispatch.leaseMs/);
    expect(() => createAssignmentService({ store, ruleSet: { ...ruleSet, timeZone: 'Mars/Olympus' } })).toThrow(/rule set/i);
  });
});
