import { WorkflowError } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, T0, admin, agent, delivered, sales, scenario, seedWith } from './serviceFixtures.js';

const c1 = { id: 'c-1', kind: 'customer' as const };

describe('expiry (pendingTimeout) through the service', () => {
  it('expires pending records once their timeout has passed, not a minute before, and tells both sides', async () => {
    const scene = await scenario(seedWith({ application: { adminApproval: true }, pendingTimeout: 'PT2H' }));
    const { svc, clock } = scene;
    const { record } = await svc.apply({ subject: c1, agentId: 'li-lei', actor: sales, canView: true });
    await delivered(scene);

    clock.advance(2 * HOUR - MINUTE);
    expect(await svc.expirePending()).toEqual([]);
    clock.advance(MINUTE);
    const expired = await svc.expirePending();
    expect(expired.map((r) => [r.id, r.status])).toEqual([[record.id, 'expired']]);
    expect(expired[0]?.history.at(-1)).toMatchObject({ to: 'expired', at: new Date(T0 + 2 * HOUR), by: { role: 'system' } });
    expect(await delivered(scene)).toEqual(['expired → admins', 'expired → user:sales-7']);
    expect(await svc.expirePending()).toEqual([]);
  });

  it('re-offers an expired auto record to another agent when reofferOnDecline is on', async () => {
    const { svc, clock } = await scenario(seedWith({ auto: { agentConfirmation: true, reofferOnDecline: true }, pendingTimeout: 'PT1H' }));
    await svc.autoAssign({ id: 'c-1' });
    clock.advance(HOUR);
    await svc.expirePending();
    const pending = (await svc.records({ subjectId: 'c-1', statuses: ['pending_confirmation'] })).items;
    expect(pending.map((r) => r.agentId)).toEqual(['zhao-liu']);
    expect(pending[0]?.expiresAt).toEqual(new Date(T0 + 2 * HOUR));
  });

  it('expires many records, each on its own', async () => {
    const { svc, clock } = await scenario(seedWith({ auto: { agentConfirmation: true }, pendingTimeout: 'PT1H' }));
    for (let index = 0; index < 130; index++) await svc.autoAssign({ id: `c-${index}` });
    clock.advance(HOUR);
    expect(await svc.expirePending()).toHaveLength(130);
    expect((await svc.records({ statuses: ['pending_confirmation'] })).items).toEqual([]);
  });
});

describe('releasing an agent who leaves (离职)', () => {
  it('with reassign, runs the rules for each of their subjects, one record each, and never picks them again', async () => {
    const { svc } = await scenario();
    for (const id of ['c-1', 'c-2', 'c-3', 'c-4']) await svc.autoAssign({ id }); // wang-wu: c-1, c-3
    const released = await svc.releaseAgent('wang-wu', { actor: admin, reassign: true });
    expect(released).toEqual({ reassigned: [c1, { id: 'c-3', kind: 'customer' }], unassigned: [] });
    expect((await svc.getSubject(c1))?.agentId).toBe('zhao-liu');
    expect((await svc.records({ agentId: 'wang-wu' })).items.map((r) => r.status)).toEqual(['ended', 'ended']);
    expect((await svc.autoAssign({ id: 'c-5' })).agentId).toBe('zhao-liu');
  });

  it('without reassign, leaves the subjects without an agent and tells the leaving agent', async () => {
    const scene = await scenario();
    await scene.svc.autoAssign({ id: 'c-1' });
    await delivered(scene);
    const released = await scene.svc.releaseAgent('wang-wu', { actor: admin, reassign: false });
    expect(released).toEqual({ reassigned: [], unassigned: [c1] });
    expect((await scene.svc.getSubject(c1))?.agentId).toBeNull();
    expect(await delivered(scene)).toEqual(['unassigned → agent:wang-wu']);
  });

  it('leaves a subject with a pending record for another agent to that record', async () => {
    const { svc } = await scenario(seedWith({ application: { agentConfirmation: true } }));
    await svc.autoAssign({ id: 'c-1' });
    const { record } = await svc.apply({ subject: c1, agentId: 'li-lei', actor: sales, canView: true });
    const released = await svc.releaseAgent('wang-wu', { actor: admin, reassign: true });
    expect(released).toEqual({ reassigned: [], unassigned: [c1] });
    await svc.confirm(record.id, agent('li-lei'));
    expect((await svc.getSubject(c1))?.agentId).toBe('li-lei');
  });

  it('cancels offers to the leaving agent and reassigns subjects that had no agent yet', async () => {
    const { svc } = await scenario(seedWith({ auto: { agentConfirmation: true } }));
    const offer = await svc.autoAssign({ id: 'c-1' });
    expect(offer.agentId).toBe('wang-wu');
    const released = await svc.releaseAgent('wang-wu', { actor: admin, reassign: true });
    expect(released.reassigned).toEqual([c1]);
    const [next, cancelled] = (await svc.records({ subjectId: 'c-1' })).items;
    expect(cancelled).toMatchObject({ id: offer.record!.id, status: 'cancelled' });
    expect(cancelled?.history.at(-1)?.by).toEqual(admin);
    expect(next).toMatchObject({ status: 'pending_confirmation', agentId: 'zhao-liu' });
  });

  it('is refused unless an admin acts', async () => {
    const { svc } = await scenario();
    await expect(svc.releaseAgent('wang-wu', { actor: sales, reassign: true })).rejects.toMatchObject({ constructor: WorkflowError, code: 'forbidden' });
  });
});
