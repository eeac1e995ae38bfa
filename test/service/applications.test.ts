import { WorkflowError } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { admin, agent, delivered, otherSales, sales, scenario, seedWith } from './serviceFixtures.js';

const c1 = { id: 'c-1', kind: 'customer' as const };
const request = { subject: c1, agentId: 'li-lei', actor: sales, canView: true };

describe('business application (业务申请分配) through the service', () => {
  it('with approval and confirmation: the admin approves, then the agent confirms, then it takes effect', async () => {
    const scene = await scenario(seedWith({ application: { adminApproval: true, agentConfirmation: true } }));
    const { svc } = scene;
    const { record } = await svc.apply({ ...request, note: 'my biggest client' });
    expect(record.status).toBe('pending_approval');
    expect(await delivered(scene)).toEqual(['approval_requested → admins']);

    const approved = await svc.approve(record.id, admin);
    expect(approved.record.status).toBe('pending_confirmation');
    expect((await svc.getSubject(c1))?.agentId).toBeNull();
    expect(await delivered(scene)).toEqual(['approved → user:sales-7', 'confirmation_requested → agent:li-lei']);

    const confirmed = await svc.confirm(record.id, agent('li-lei'));
    expect(confirmed.record.status).toBe('effective');
    expect(confirmed.record.history.map((entry) => entry.to)).toEqual(['pending_approval', 'pending_confirmation', 'effective']);
    expect((await svc.getSubject(c1))?.agentId).toBe('li-lei');
    expect(await delivered(scene)).toEqual(['assigned → agent:li-lei', 'assigned → user:sales-7']);
  });

  it('with approval only: effective on approval', async () => {
    const { svc } = await scenario(seedWith({ application: { adminApproval: true } }));
    const { record } = await svc.apply(request);
    expect((await svc.approve(record.id, admin)).record.status).toBe('effective');
    expect((await svc.getSubject(c1))?.agentId).toBe('li-lei');
  });

  it('with confirmation only: waits for the agent', async () => {
    const { svc } = await scenario(seedWith({ application: { agentConfirmation: true } }));
    const { record } = await svc.apply(request);
    expect(record.status).toBe('pending_confirmation');
    expect((await svc.confirm(record.id, agent('li-lei'))).record.status).toBe('effective');
  });

  it('with neither: effective at once', async () => {
    const { svc } = await scenario();
    const { record } = await svc.apply(request);
    expect(record.status).toBe('effective');
    expect((await svc.getSubject(c1))?.agentId).toBe('li-lei');
  });

  it('rejected by an admin: the subject keeps no agent and the applicant is told', async () => {
    const scene = await scenario(seedWith({ application: { adminApproval: true } }));
    const { record } = await scene.svc.apply(request);
    await delivered(scene);
    const rejected = await scene.svc.reject(record.id, admin, 'not this one');
    expect(rejected.record.status).toBe('rejected');
    expect((await scene.svc.getSubject(c1))?.agentId).toBeNull();
    expect(await delivered(scene)).toEqual(['rejected → user:sales-7']);
  });

  it('cancelled by the applicant; another business user may not cancel it', async () => {
    const scene = await scenario(seedWith({ application: { adminApproval: true } }));
    const { record } = await scene.svc.apply(request);
    await expect(scene.svc.cancel(record.id, otherSales)).rejects.toMatchObject({ constructor: WorkflowError, code: 'forbidden' });
    await delivered(scene);
    const cancelled = await scene.svc.cancel(record.id, sales);
    expect(cancelled.record.status).toBe('cancelled');
    expect(await delivered(scene)).toEqual(['cancelled → admins']);
    await expect(scene.svc.approve(record.id, admin)).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('is refused while another record of the subject is pending, and for a user who cannot view the subject', async () => {
    const { svc } = await scenario(seedWith({ application: { adminApproval: true } }));
    await svc.apply(request);
    await expect(svc.apply({ ...request, agentId: 'han-meimei', actor: otherSales })).rejects.toMatchObject({ code: 'pending_exists' });
    await expect(svc.apply({ ...request, subject: { id: 'c-1' }, canView: false })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
