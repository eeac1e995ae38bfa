import { AssignmentError, type AssignmentStore, type RuleSet, type StoreTransaction } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { describe, expect, it } from 'vitest';
import { scenario, seedWith } from './serviceFixtures.js';

/** A memory store that counts its transactions and the subjects each one locked; optionally without `lockSubjects`. */
function watchedStore(options: { withoutLockSubjects?: boolean } = {}): { store: AssignmentStore; transactions: string[][] } {
  const memory = createMemoryStore();
  const transactions: string[][] = [];
  const store: AssignmentStore = {
    ...memory,
    transaction(work) {
      const locked: string[] = [];
      transactions.push(locked);
      return memory.transaction((tx) => {
        const watched: StoreTransaction = {
          ...tx,
          lockSubject(subject, fields) {
            locked.push(subject.id);
            return tx.lockSubject(subject, fields);
          },
          lockSubjects(entries, statuses) {
            locked.push(...entries.map((entry) => entry.subject.id));
            return tx.lockSubjects!(entries, statuses);
          },
        };
        if (options.withoutLockSubjects === true) delete watched.lockSubjects;
        return work(watched);
      });
    },
  };
  return { store, transactions };
}

/** The customers each transaction locked, leaving out the transactions that locked none. */
function groups(transactions: string[][]): string[][] {
  return transactions.filter((locked) => locked.length > 0).map((locked) => [...new Set(locked)]);
}

const customers = (count: number, prefix = 'n') => Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${index}`, fields: { level: 1 } }));

describe('group commit of autoAssign', () => {
  it('runs the calls that arrive while one runs together, in one transaction, each with its own result', async () => {
    const { store, transactions } = watchedStore();
    const { svc } = await scenario(seedWith(), { store });
    transactions.length = 0;
    const results = await Promise.all(customers(10).map((subject) => svc.autoAssign(subject)));
    expect(groups(transactions)).toEqual([['n-0'], ['n-1', 'n-2', 'n-3', 'n-4', 'n-5', 'n-6', 'n-7', 'n-8', 'n-9']]);
    expect(new Set(results.map((result) => result.record?.id)).size).toBe(10);
    // Round robin over the default rule, as ten calls one after another would go.
    expect(results.map((result) => result.agentId)).toEqual(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? 'wang-wu' : 'zhao-liu')));
  });

  it('runs every call in its own transaction with groupCommit: false', async () => {
    const { store, transactions } = watchedStore();
    const { svc } = await scenario(seedWith(), { store, groupCommit: false });
    transactions.length = 0;
    await Promise.all(customers(5).map((subject) => svc.autoAssign(subject)));
    expect(groups(transactions)).toEqual([['n-0'], ['n-1'], ['n-2'], ['n-3'], ['n-4']]);
  });

  it('puts at most maxCalls calls in one transaction', async () => {
    const { store, transactions } = watchedStore();
    const { svc } = await scenario(seedWith(), { store, groupCommit: { maxCalls: 4 } });
    transactions.length = 0;
    await Promise.all(customers(10).map((subject) => svc.autoAssign(subject)));
    expect(groups(transactions).map((locked) => locked.length)).toEqual([1, 4, 4, 1]);
  });

  it('never puts two calls for one subject, or two with one idempotency key, in one transaction', async () => {
    const { store, transactions } = watchedStore();
    const { svc } = await scenario(seedWith(), { store });
    transactions.length = 0;
    const [first, again, keyed, sameKey] = await Promise.all([
      svc.autoAssign({ id: 'n-1' }),
      svc.autoAssign({ id: 'n-1' }),
      svc.autoAssign({ id: 'n-2' }, { idempotencyKey: 'k' }),
      svc.autoAssign({ id: 'n-3' }, { idempotencyKey: 'k' }),
    ]);
    expect(groups(transactions)).toEqual([['n-1'], ['n-1', 'n-2']]);
    expect(first!.outcome).toBe('assigned');
    expect(again).toMatchObject({ outcome: 'unassigned', reason: 'already_assigned' });
    expect(sameKey).toEqual({ ...keyed, trace: keyed!.trace, fieldFindings: keyed!.fieldFindings });
    expect(await svc.getSubject({ id: 'n-3' })).toBeNull();
  });

  it('keeps calls decided by different rule sets in different transactions', async () => {
    const { store, transactions } = watchedStore();
    const everyone = seedWith();
    const onlyWang: RuleSet = { ...everyone, rules: [], defaultRule: { ...everyone.defaultRule!, agents: [{ id: 'wang-wu' }] } };
    let loads = 0;
    const { svc } = await scenario(async () => (loads++ % 2 === 0 ? everyone : onlyWang), { store });
    transactions.length = 0;
    const results = await Promise.all(customers(5).map((subject) => svc.autoAssign(subject)));
    expect(groups(transactions)).toEqual([['n-0'], ['n-1', 'n-3'], ['n-2', 'n-4']]);
    expect(results.map((result) => result.agentId)).toEqual(['wang-wu', 'wang-wu', 'zhao-liu', 'wang-wu', 'wang-wu']);
  });

  it('locks the subjects of a transaction one by one with a store that has no lockSubjects', async () => {
    const { store, transactions } = watchedStore({ withoutLockSubjects: true });
    const { svc } = await scenario(seedWith(), { store });
    transactions.length = 0;
    const results = await Promise.all(customers(4).map((subject) => svc.autoAssign(subject)));
    expect(groups(transactions)).toEqual([['n-0'], ['n-1', 'n-2', 'n-3']]);
    expect(results.map((result) => result.outcome)).toEqual(['assigned', 'assigned', 'assigned', 'assigned']);
  });

  it('refuses a malformed groupCommit option', async () => {
    for (const groupCommit of [{ maxCalls: 0 }, { maxCalls: 1.5 }, 'yes']) {
      await expect(scenario(seedWith(), { groupCommit: groupCommit as { maxCalls: number } })).rejects.toThrow(AssignmentError);
      await expect(scenario(seedWith(), { groupCommit: groupCommit as { maxCalls: number } })).rejects.toThrow(/options\.groupCommit/);
    }
  });
});
