import type { Notification, NotificationFailure } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { AssignmentError } from 'dedicated-agent';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, T0, admin, scenario, seedWith } from './serviceFixtures.js';

describe('notifications through the outbox', () => {
  it('delivers what each change committed, with ids, records and instants', async () => {
    const { svc, sent, clock } = await scenario();
    const first = await svc.autoAssign({ id: 'c-1' });
    clock.advance(HOUR);
    const { record } = await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'li-lei', actor: admin });
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 3, failed: 0 });
    expect(sent).toEqual([
      { id: 'id-2', event: 'assigned', recipient: { type: 'agent', id: 'wang-wu' }, recordId: first.record!.id, subject: { id: 'c-1', kind: 'customer' }, agentId: 'wang-wu', at: new Date(T0) },
      { id: 'id-4', event: 'assigned', recipient: { type: 'agent', id: 'li-lei' }, recordId: record.id, subject: { id: 'c-1', kind: 'customer' }, agentId: 'li-lei', at: new Date(T0 + HOUR) },
      { id: 'id-5', event: 'unassigned', recipient: { type: 'agent', id: 'wang-wu' }, recordId: record.id, subject: { id: 'c-1', kind: 'customer' }, agentId: 'li-lei', at: new Date(T0 + HOUR) },
    ]);
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 0, failed: 0 });
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
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 0, failed: 1 });
    expect((await svc.autoAssign({ id: 'c-2' })).outcome).toBe('assigned');

    clock.advance(MINUTE);
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 0, failed: 2 }); // c-1 (2nd try) and c-2 (1st)
    clock.advance(MINUTE);
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 0, failed: 1 }); // c-2 only: c-1 now waits 2 minutes
    down = false;
    clock.advance(MINUTE);
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 1, failed: 0 });
    clock.advance(2 * MINUTE);
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 1, failed: 0 });
    expect(attempts).toHaveLength(6);
  });

  it('works through a large outbox in batches', async () => {
    const { svc, sent } = await scenario(seedWith(), { dispatch: { batchSize: 10 }, store: createMemoryStore() });
    for (let index = 0; index < 35; index++) await svc.autoAssign({ id: `c-${index}` });
    expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 35, failed: 0 });
    expect(new Set(sent.map((notification) => notification.id)).size).toBe(35);
  });
});

describe('notification failures are visible', () => {
  const failingNotifier = (error: unknown) => ({
    send: () => {
      throw error;
    },
  });

  it('returns each failed delivery with its recipient, event, record, error, attempts and next attempt', async () => {
    const { svc, clock } = await scenario(seedWith(), { notifier: failingNotifier(new Error('chat API down')), dispatch: { backoffBaseMs: MINUTE } });
    const { record } = await svc.autoAssign({ id: 'c-1' });
    const { failures } = await svc.dispatchNotifications();
    expect(failures).toEqual([
      {
        id: expect.any(String),
        recipient: { type: 'agent', id: record!.agentId },
        event: 'assigned',
        recordId: record!.id,
        error: 'chat API down',
        attempts: 1,
        nextAttemptAt: new Date(T0 + MINUTE),
      },
    ]);
    clock.advance(MINUTE);
    expect((await svc.dispatchNotifications()).failures).toMatchObject([{ id: failures[0]!.id, attempts: 2, nextAttemptAt: new Date(T0 + 3 * MINUTE) }]);
  });

  it('shows what a notifier threw that is not an Error', async () => {
    const { svc } = await scenario(seedWith(), { notifier: failingNotifier('quota exceeded') });
    await svc.autoAssign({ id: 'c-1' });
    expect((await svc.dispatchNotifications()).failures[0]?.error).toBe('quota exceeded');
  });

  it('calls onNotificationError once per failed delivery, with the failure', async () => {
    const told: NotificationFailure[] = [];
    const { svc } = await scenario(seedWith(), {
      notifier: { send: (n: Notification) => { if (n.subject.id !== 'c-2') throw new Error(`no route to ${n.subject.id}`); } },
      onNotificationError: (failure: NotificationFailure) => { told.push(failure); },
    });
    for (const id of ['c-1', 'c-2', 'c-3']) await svc.autoAssign({ id });
    const result = await svc.dispatchNotifications();
    expect(result).toMatchObject({ delivered: 1, failed: 2 });
    expect(told).toEqual(result.failures);
    expect(told.map((failure) => failure.error)).toEqual(['no route to c-1', 'no route to c-3']);
  });

  it('ignores a throwing or rejecting onNotificationError: dispatch finishes and counts every entry', async () => {
    let calls = 0;
    for (const onNotificationError of [
      () => {
        calls++;
        throw new Error('logger broken');
      },
      async () => {
        calls++;
        throw new Error('alerting broken');
      },
    ]) {
      const { svc } = await scenario(seedWith(), { notifier: failingNotifier(new Error('down')), onNotificationError });
      for (const id of ['c-1', 'c-2']) await svc.autoAssign({ id });
      expect(await svc.dispatchNotifications()).toMatchObject({ delivered: 0, failed: 2 });
    }
    expect(calls).toBe(4);
  });

  it('fails a delivery that hangs after dispatch.sendTimeoutMs and goes on with the next', async () => {
    const { svc } = await scenario(seedWith(), {
      notifier: {
        send: (n: Notification) => (n.subject.id === 'c-1' ? new Promise<void>(() => {}) : undefined),
      },
      dispatch: { sendTimeoutMs: 20 },
    });
    await svc.autoAssign({ id: 'c-1' });
    await svc.autoAssign({ id: 'c-2' });
    const result = await svc.dispatchNotifications();
    expect(result).toMatchObject({ delivered: 1, failed: 1 });
    expect(result.failures[0]?.error).toBe('notifier.send did not finish within 20 ms');
  });

  it.each([
    [{ onNotificationError: 'log' }, 'options.onNotificationError'],
    [{ dispatch: { sendTimeoutMs: 0 } }, 'options.dispatch.sendTimeoutMs'],
    [{ dispatch: { sendTimeoutMs: 1.5 } }, 'options.dispatch.sendTimeoutMs'],
  ])('refuses %j naming %s', async (options, path) => {
    const error = await scenario(seedWith(), options as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AssignmentError);
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(path) });
  });
});
