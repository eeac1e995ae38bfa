import { describe, expect, it } from 'vitest';
import { HOUR, T0, admin, sales, scenario, seedWith } from './serviceFixtures.js';

/** A day of work on the record screen (分配记录): autos, a manual reassignment, an application waiting for approval. */
async function workday() {
  const scene = await scenario(seedWith({ application: { adminApproval: true } }));
  const { svc, clock } = scene;
  await svc.autoAssign({ id: 'c-1' }); // 10:00 wang-wu
  clock.advance(HOUR);
  await svc.autoAssign({ id: 'c-2', fields: { region: '北京' } }); // 11:00 zhang-san
  clock.advance(HOUR);
  await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin }); // 12:00
  clock.advance(HOUR);
  await svc.apply({ subject: { id: 'c-2' }, agentId: 'han-meimei', actor: sales, canView: true }); // 13:00
  clock.advance(HOUR);
  await svc.autoAssign({ id: 'p-1', kind: 'contact', fields: { level: 4 } }); // 14:00 li-lei (VIP)
  return scene;
}

const hours = (items: { createdAt: Date }[]) => items.map((record) => (record.createdAt.getTime() - T0) / HOUR + 10);

describe('the assignment record screen', () => {
  it('lists every record newest first, 50 to a page by default', async () => {
    const { svc } = await workday();
    const page = await svc.records();
    expect(hours(page.items)).toEqual([14, 13, 12, 11, 10]);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by assignment time: from inclusive, to exclusive, as Dates, ISO strings or epoch ms', async () => {
    const { svc } = await workday();
    expect(hours((await svc.records({ from: new Date(T0 + HOUR), to: new Date(T0 + 3 * HOUR) })).items)).toEqual([12, 11]);
    expect(hours((await svc.records({ from: '2026-11-02T12:00:00+08:00' })).items)).toEqual([14, 13, 12]);
    expect(hours((await svc.records({ to: T0 + HOUR })).items)).toEqual([10]);
  });

  it('filters by type, status, subject and agent, alone or together', async () => {
    const { svc } = await workday();
    const describeAll = async (filter: Parameters<typeof svc.records>[0]) =>
      (await svc.records(filter)).items.map((r) => `${r.subject.id}:${r.type}:${r.status}:${r.agentId}`);
    expect(await describeAll({ types: ['manual', 'application'] })).toEqual(['c-2:application:pending_approval:han-meimei', 'c-1:manual:effective:li-lei']);
    expect(await describeAll({ statuses: ['ended'] })).toEqual(['c-1:auto:ended:wang-wu']);
    expect(await describeAll({ subjectId: 'c-1' })).toEqual(['c-1:manual:effective:li-lei', 'c-1:auto:ended:wang-wu']);
    expect(await describeAll({ subjectId: 'p-1', subjectKind: 'contact' })).toEqual(['p-1:auto:effective:li-lei']);
    expect(await describeAll({ agentId: 'li-lei', types: ['auto'] })).toEqual(['p-1:auto:effective:li-lei']);
    expect(await describeAll({ agentId: 'nobody' })).toEqual([]);
  });

  it('pages with cursors until nextCursor is null', async () => {
    const { svc } = await workday();
    const first = await svc.records({ limit: 2 });
    const second = await svc.records({ limit: 2, cursor: first.nextCursor });
    const third = await svc.records({ limit: 2, cursor: second.nextCursor });
    expect([hours(first.items), hours(second.items), hours(third.items)]).toEqual([[14, 13], [12, 11], [10]]);
    expect(third.nextCursor).toBeNull();
  });
});
