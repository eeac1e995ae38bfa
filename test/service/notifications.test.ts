import type { Notification } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, T0, admin, scenario, seedWith } from './serviceFixtures.js';

describe('notifications through the outbox', () => {
  it('delivers what each change committed, with ids, records and instants', async () => {
    const { svc, sent, clock } = await scenario();
    const first = await svc.autoAssign({ id: 'c-1' });
    clock.advance(HOUR);
    const { record } = await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin });
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 3, failed: 0 });
    expect(sent).toEqual([
      { id: 'id-2', event: 'assigned', recipient: { type: 'agent', id: 'wang-wu' }, recordId: first.record!.id, subject: { id: 'c-1', kind: 'customer' }, agentId: 'wang-wu', at: new Date(T0) },
      { id: 'id-4', event: 'assigned', recipient: { type: 'agent', id: 'li-lei' }, recordId: record.id, subject: { id: 'c-1', kind: 'customer' }, agentId: 'li-lei', at: new Date(T0 + HOUR) },
      { id: 'id-5', event: 'unassigned', recipient: { type: 'agent', id: 'wang-wu' }, recordId: record.id, subject: { id: 'c-1', kind: 'customer' }, agentId: 'li-lei', at: new Date(T0 + HOUR) },
    ]);
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 0, failed: 0 });
  });

  it('retries a failing delivery with a doubling back-off, never losing it and never blocking assignments', async () => {
    const attempts: Date[] = [];
    let down = true;
    const notifier = {
      send: (notification: Notification) => {
        attempts.push(notification.at);
        if (down) throw new Error('chat API down');
      },
    };
    const { svc, clock } = await scenario(seedWith(), { notifier, dispatch: { backoffBaseMs: MINUTE } });
    await svc.autoAssign({ id: 'c-1' });
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 0, failed: 1 });
    expect((await svc.autoAssign({ id: 'c-2' })).outcome).toBe('assigned');

    clock.advance(MINUTE);
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 0, failed: 2 }); // c-1 (2nd try) and c-2 (1st)
    clock.advance(MINUTE);
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 0, failed: 1 }); // c-2 only: c-1 now waits 2 minutes
    down = false;
    clock.advance(MINUTE);
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 1, failed: 0 });
    clock.advance(2 * MINUTE);
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 1, failed: 0 });
    expect(attempts).toHaveLength(6);
  });

  it('works through a large outbox in batches', async () => {
    const { svc, sent } = await scenario(seedWith(), { dispatch: { batchSize: 10 }, store: createMemoryStore() });
    for (let index = 0; index < 35; index++) await svc.autoAssign({ id: `c-${index}` });
    expect(await svc.dispatchNotifications()).toEqual({ delivered: 35, failed: 0 });
    expect(new Set(sent.map((notification) => notification.id)).size).toBe(35);
  });
});
