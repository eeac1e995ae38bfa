import { NotFoundError, WorkflowError } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { HOUR, T0, admin, agent, delivered, scenario, seedWith } from './serviceFixtures.js';

const c1 = { id: 'c-1', kind: 'customer' as const };

describe('admin manual assignment (管理员手动分配) through the service', () => {
  it('is effective at once: the subject gets the agent, the previous care ends, both agents are told', async () => {
    const scene = await scenario();
    const { svc, clock } = scene;
    const first = await svc.autoAssign({ id: 'c-1' });
    expect(first.agentId).toBe('wang-wu');
    await delivered(scene);

    clock.advance(HOUR);
    const { record } = await svc.assignManually({ subject: c1, agentId: 'li-lei', actor: admin, note: 'key account' });
    expect(record).toMatchObject({ type: 'manual', status: 'effective', agentId: 'li-lei', previousAgentId: 'wang-wu', requestedBy: admin });
    expect(record.history[0]?.note).toBe('key account');
    expect(await svc.getSubject(c1)).toEqual({ id: 'c-1', kind: 'customer', fields: { region: '上海', level: 1, tags: [] }, agentId: 'li-lei' });

    const { items } = await svc.records({ subjectId: 'c-1' });
    expect(items.map((r) => [r.type, r.status])).toEqual([
      ['manual', 'effective'],
      ['auto', 'ended'],
    ]);
    expect(items[1]?.history.at(-1)).toMatchObject({ from: 'effective', to: 'ended', by: { role: 'system' }, at: new Date(T0 + HOUR) });
    expect(await delivered(scene)).toEqual(['assigned → agent:li-lei', 'unassigned → agent:wang-wu']);
  });

  it('with agent confirmation (客服二次确认), waits for the agent and changes nothing until they confirm', async () => {
    const scene = await scenario(seedWith({ manual: { agentConfirmation: true } }));
    const { svc, clock } = scene;
    await svc.autoAssign({ id: 'c-1' });
    await delivered(scene);
    const { record } = await svc.assignManually({ subject: c1, agentId: 'li-lei', actor: admin });
    expect(record.status).toBe('pending_confirmation');
    expect(record.expiresAt).toEqual(new Date(T0 + 24 * HOUR));
    expect((await svc.getSubject(c1))?.agentId).toBe('wang-wu');
    expect(await delivered(scene)).toEqual(['confirmation_requested → agent:li-lei']);

    clock.advance(HOUR);
    const confirmed = await svc.confirm(record.id, agent('li-lei'), 'happy to');
    expect(confirmed.record.status).toBe('effective');
    expect(confirmed.reoffer).toBeNull();
    expect((await svc.getSubject(c1))?.agentId).toBe('li-lei');
    expect((await svc.records({ subjectId: 'c-1', statuses: ['ended'] })).items.map((r) => r.agentId)).toEqual(['wang-wu']);
    expect(await delivered(scene)).toEqual(['assigned → agent:li-lei', 'unassigned → agent:wang-wu', 'assigned → user:admin-1']);
  });

  it('declined by the agent, leaves the subject with its agent and tells the admin', async () => {
    const scene = await scenario(seedWith({ manual: { agentConfirmation: true } }));
    const { svc } = scene;
    await svc.autoAssign({ id: 'c-1' });
    await delivered(scene);
    const { record } = await svc.assignManually({ subject: c1, agentId: 'li-lei', actor: admin });
    const declined = await svc.decline(record.id, agent('li-lei'), 'too busy');
    expect(declined.record.status).toBe('declined');
    expect(declined.reoffer).toBeNull();
    expect((await svc.getSubject(c1))?.agentId).toBe('wang-wu');
    expect(await delivered(scene)).toEqual(['confirmation_requested → agent:li-lei', 'declined → user:admin-1']);
  });

  it("cancels the subject's pending record: an admin's assignment supersedes it", async () => {
    const { svc } = await scenario(seedWith({ application: { adminApproval: true } }));
    const applied = await svc.apply({ subject: c1, agentId: 'han-meimei', actor: { id: 'sales-7', role: 'business' }, canView: true });
    const { record } = await svc.assignManually({ subject: c1, agentId: 'li-lei', actor: admin });
    const [, superseded] = (await svc.records({ subjectId: 'c-1' })).items;
    expect(superseded?.id).toBe(applied.record.id);
    expect(superseded?.status).toBe('cancelled');
    expect(superseded?.history.at(-1)?.note).toBe(`superseded by ${record.id}`);
  });

  it('refuses an unknown agent with NotFoundError and a disabled one with WorkflowError forbidden', async () => {
    const { svc, store } = await scenario();
    await expect(svc.assignManually({ subject: c1, agentId: 'nobody', actor: admin })).rejects.toMatchObject({
      constructor: NotFoundError,
      entity: 'agent',
      id: 'nobody',
    });
    await store.upsertAgents([{ id: 'li-lei', enabled: false }]);
    await expect(svc.assignManually({ subject: c1, agentId: 'li-lei', actor: admin })).rejects.toMatchObject({
      constructor: WorkflowError,
      code: 'forbidden',
    });
    expect((await svc.records()).items).toEqual([]);
  });

  it('refuses a business user (forbidden) before looking at the agent', async () => {
    const { svc } = await scenario();
    await expect(svc.assignManually({ subject: c1, agentId: 'nobody', actor: { id: 'sales-7', role: 'business' } })).rejects.toMatchObject({
      constructor: WorkflowError,
      code: 'forbidden',
    });
  });
});
