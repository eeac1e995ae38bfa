import { AssignmentError, type AssignmentStore, type ChangeSet, CommitUnknownError, StoreError } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admin, sales, scenario, seedWith } from './serviceFixtures.js';

type Loss = 'after' | 'before';

/**
 * A memory store that loses the answer to COMMIT, as a database store does
 * when the connection drops: for the first `times` transactions that call
 * `commit`, either the commit happens and the answer is lost (`after`) or it
 * never reaches the store (`before`); either way `transaction` throws
 * `CommitUnknownError`. Then the next `unreachable` transactions fail as a
 * store that cannot connect.
 */
function lossyStore(loss: Loss, times: number, unreachable = 0): AssignmentStore & { lost: number } {
  const memory = createMemoryStore();
  let left = times;
  let down = 0;
  const store = {
    ...memory,
    lost: 0,
    async transaction<T>(work: (tx: Parameters<Parameters<AssignmentStore['transaction']>[0]>[0]) => Promise<T>): Promise<T> {
      if (down > 0) {
        down--;
        throw new StoreError('PostgreSQL store connect failed: read ECONNRESET');
      }
      let committed = false;
      const value = await memory.transaction((tx) =>
        work({
          ...tx,
          commit(changes) {
            committed = true;
            if (left > 0 && loss === 'before') return undefined;
            return tx.commit(changes);
          },
        }),
      );
      if (!committed || left === 0) return value;
      left--;
      store.lost++;
      down = unreachable;
      throw new CommitUnknownError('PostgreSQL store: the connection was lost after COMMIT was sent');
    },
  };
  return store;
}

const fast = { attempts: 4, baseMs: 0, maxMs: 0 };

describe('a COMMIT whose answer was lost', () => {
  it('returns the committed result as success when the attempt committed, and writes it once', async () => {
    const store = lossyStore('after', 1);
    const { svc } = await scenario(seedWith(), { store, retry: fast });
    const result = await svc.autoAssign({ id: 'n-1', fields: { level: 1 } }, { idempotencyKey: 'k-1' });
    expect(store.lost).toBe(1);
    const { items } = await svc.records({ subjectId: 'n-1' });
    expect(items.map((record) => record.id)).toEqual([result.record!.id]);
    expect((await svc.getSubject({ id: 'n-1' }))?.agentId).toBe(result.agentId);
    expect((await svc.autoAssign({ id: 'n-1' }, { idempotencyKey: 'k-1' })).record).toEqual(result.record);
  });

  it('runs the call again and succeeds normally when the COMMIT never reached the store', async () => {
    const store = lossyStore('before', 1);
    const { svc } = await scenario(seedWith(), { store, retry: fast });
    const result = await svc.autoAssign({ id: 'n-1', fields: { level: 1 } });
    expect(store.lost).toBe(1);
    const { items } = await svc.records({ subjectId: 'n-1' });
    expect(items.map((record) => record.id)).toEqual([result.record!.id]);
  });

  it('throws commit_unknown, never a failure, when the store stays unreachable; a re-call with the key returns the committed record', async () => {
    const store = lossyStore('after', 1, 3);
    const { svc } = await scenario(seedWith(), { store, retry: fast });
    const failure = await svc.autoAssign({ id: 'n-1', fields: { level: 1 } }, { idempotencyKey: 'k-1' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommitUnknownError);
    expect(failure).toBeInstanceOf(AssignmentError);
    expect((failure as AssignmentError).code).toBe('commit_unknown');
    const again = await svc.autoAssign({ id: 'n-1' }, { idempotencyKey: 'k-1' });
    const { items } = await svc.records({ subjectId: 'n-1' });
    expect(items.map((record) => record.id)).toEqual([again.record!.id]);
  });

  it('recognises each call of a group commit by its own records', async () => {
    const store = lossyStore('after', 100);
    const { svc } = await scenario(seedWith(), { store, retry: fast });
    const results = await Promise.all(Array.from({ length: 8 }, (_, index) => svc.autoAssign({ id: `n-${index}`, fields: { level: 1 } })));
    expect(store.lost).toBeGreaterThanOrEqual(2);
    const { items } = await svc.records({ limit: 500 });
    expect(items.map((record) => record.id).sort()).toEqual(results.map((result) => result.record!.id).sort());
    expect(results.map((result) => result.agentId)).toEqual(Array.from({ length: 8 }, (_, index) => (index % 2 === 0 ? 'wang-wu' : 'zhao-liu')));
  });

  it('recognises workflow calls by the version and history they wrote', async () => {
    const store = lossyStore('after', 0);
    const { svc } = await scenario(seedWith({ application: { adminApproval: true } }), { store, retry: fast });
    const applied = await svc.apply({ subject: { id: 'c-1' }, agentId: 'li-lei', actor: sales, canView: true });
    const lose = async <T>(call: () => Promise<T>): Promise<T> => {
      const before = store.lost;
      Object.assign(store, lossyOnce(store));
      const value = await call();
      expect(store.lost).toBe(before + 1);
      return value;
    };
    const approved = await lose(() => svc.approve(applied.record.id, admin));
    expect(approved.record.history.map((entry) => entry.to)).toEqual(['pending_approval', 'effective']);
    await expect(svc.approve(applied.record.id, admin)).rejects.toThrow();
    const manual = await lose(() => svc.assignManually({ subject: { id: 'c-1' }, agentId: 'han-meimei', actor: admin }));
    expect((await svc.getSubject({ id: 'c-1' }))?.agentId).toBe('han-meimei');
    const released = await lose(() => svc.releaseAgent('han-meimei', { actor: admin, reassign: false }));
    expect(released.unassigned).toEqual([{ id: 'c-1', kind: 'customer' }]);
    const { items } = await svc.records({ subjectId: 'c-1' });
    expect(items.map((record) => [record.id, record.status])).toEqual([
      [manual.record.id, 'ended'],
      [applied.record.id, 'ended'],
    ]);
  });

  it('keeps checking when the lost attempt was still committing as the next try read it absent, and then that try failed', async () => {
    const memory = createMemoryStore();
    let step = 0;
    let deferred: ChangeSet | null = null;
    const store: AssignmentStore = {
      ...memory,
      async transaction(work) {
        step++;
        if (step === 2) {
          // The call, whose answer is lost; its commit lands only later.
          await memory.transaction((tx) =>
            work({
              ...tx,
              commit(changes) {
                deferred = changes;
              },
            }),
          );
          throw new CommitUnknownError('lost');
        }
        if (step === 3) {
          // The next try reads the key as absent, runs again, and loses its connection; meanwhile the first commit lands.
          const failure = await memory
            .transaction((tx) =>
              work({
                ...tx,
                lockSubjects() {
                  throw new StoreError('terminating connection due to administrator command');
                },
                lockSubject() {
                  throw new StoreError('terminating connection due to administrator command');
                },
              }),
            )
            .catch((error: unknown) => error);
          const changes = deferred!;
          await memory.transaction(async (tx) => {
            await tx.commit(changes);
          });
          throw failure;
        }
        return memory.transaction(work);
      },
    };
    const { svc } = await scenario(seedWith(), { store, retry: fast });
    const first = await svc.autoAssign({ id: 'n-1', fields: { level: 1 } });
    const again = await svc.autoAssign({ id: 'n-1' }, { idempotencyKey: 'k-1' });
    expect(step).toBeGreaterThanOrEqual(4);
    expect(again.record).toBeNull();
    expect(again.reason).toBe('already_assigned');
    expect((await svc.getSubject({ id: 'n-1' }))?.agentId).toBe(first.agentId);
    expect((await svc.autoAssign({ id: 'n-1' }, { idempotencyKey: 'k-1' })).reason).toBe('already_assigned');
  });

  it('property: whatever answers are lost, every success has its record and no call is written twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Loss>('after', 'before'), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 6 }), async (losses, calls) => {
        const memory = createMemoryStore();
        const queue = [...losses];
        const store: AssignmentStore = {
          ...memory,
          async transaction(work) {
            let loss: Loss | undefined;
            let committed = false;
            const value = await memory.transaction((tx) =>
              work({
                ...tx,
                commit(changes) {
                  committed = true;
                  loss = queue.shift();
                  return loss === 'before' ? undefined : tx.commit(changes);
                },
              }),
            );
            if (committed && loss !== undefined) throw new CommitUnknownError('lost');
            return value;
          },
        };
        const { svc } = await scenario(seedWith(), { store, retry: { attempts: 8, baseMs: 0, maxMs: 0 } });
        const results = await Promise.all(Array.from({ length: calls }, (_, index) => svc.autoAssign({ id: `p-${index}`, fields: { level: 1 } })));
        const { items } = await svc.records({ limit: 500 });
        expect(items.map((record) => record.id).sort()).toEqual(results.map((result) => result.record!.id).sort());
      }),
      { numRuns: 40 },
    );
  });
});

/** The store's transaction, losing the answer of its next commit once (after committing). */
function lossyOnce(store: AssignmentStore & { lost: number }): Pick<AssignmentStore, 'transaction'> {
  const inner = store.transaction.bind(store);
  let armed = true;
  return {
    async transaction(work) {
      let committed = false;
      const value = await inner((tx) =>
        work({
          ...tx,
          commit(changes) {
            committed = true;
            return tx.commit(changes);
          },
        }),
      );
      if (committed && armed) {
        armed = false;
        store.lost++;
        Object.assign(store, { transaction: inner });
        throw new CommitUnknownError('lost');
      }
      return value;
    },
  };
}
