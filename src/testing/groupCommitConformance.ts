import assert from 'node:assert/strict';
import { StoreError } from '../core/errors.js';
import type { RuleSet } from '../core/ruleset/types.js';
import type { AssignmentResult, RecordStatus, SubjectRef } from '../core/types.js';
import type { AssignmentStore, StoreTransaction } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { T0, agentCounts, allRecords, customers, ruleSetWith, sequentialIds, testClock, typedError } from './conformanceFixtures.js';

/**
 * Group commit: concurrent `autoAssign` calls of one service share
 * transactions, each with the result it would have had alone, and a shared
 * transaction that fails is retried call by call. Also `lockSubjects`, the
 * optional port method the service uses for such transactions, when the
 * store has it.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * groupCommitConformance(harness);
 * ```
 */
export function groupCommitConformance({ describe, test }: ConformanceHarness): void {
  describe('group commit', () => {
    test('gives concurrent calls sharing transactions exactly the results of the same calls one at a time', async (store) => {
      const alone = await assignmentRun(store, 's', false);
      const counted = countingTransactions(store);
      const together = await assignmentRun(counted.store, 'g', true, counted.count);
      assert.ok(together.transactions < together.results.length, `${together.results.length} calls in ${together.transactions} transactions`);
      assert.deepEqual(together.results, alone.results);
      assert.deepEqual(together.counts, alone.counts);
    });

    test('retries the calls of a failed shared transaction one by one, so only the failing call fails', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const refusing = refusingSubject(store, 'c-bad');
      const svc = createAssignmentService({ store: refusing, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      // The first call runs alone; the others wait for it and then share a transaction, which fails.
      const subjects = [...customers(1), { id: 'c-bad', kind: 'customer' as const }, ...customers(4, 'd')];
      const settled = await Promise.allSettled(subjects.map((subject) => svc.autoAssign(subject)));
      assert.equal(settled[1]!.status, 'rejected');
      assert.ok(typedError(StoreError)((settled[1] as PromiseRejectedResult).reason));
      const assigned = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      assert.equal(assigned.length, 5);
      assert.ok(assigned.every((result) => result.outcome === 'assigned'));
      assert.deepEqual(assigned.map((result) => result.agentId).sort(), ['a', 'a', 'a', 'b', 'b']);
      const records = await allRecords(store);
      assert.deepEqual(records.map((record) => record.subject.id).sort(), ['c-0', 'd-0', 'd-1', 'd-2', 'd-3']);
      assert.equal(await store.subject({ id: 'c-bad', kind: 'customer' }), null);
    });

    test('remembers every idempotency key of a shared transaction, and answers a repeated key with the first result', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b', 'c']), clock: testClock() });
      const [first, second, third, repeated] = await Promise.all([
        svc.autoAssign({ id: 'c-1' }, { idempotencyKey: 'k-1' }),
        svc.autoAssign({ id: 'c-2' }, { idempotencyKey: 'k-2' }),
        svc.autoAssign({ id: 'c-3' }, { idempotencyKey: 'k-3' }),
        svc.autoAssign({ id: 'c-1', fields: { changed: true } }, { idempotencyKey: 'k-1' }),
      ]);
      assert.deepEqual(
        [first, second, third].map((result) => result!.agentId),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(repeated, plain(first!));
      for (const [key, result] of [
        ['k-2', second],
        ['k-3', third],
      ] as const) {
        assert.deepEqual(await svc.autoAssign({ id: 'c-9' }, { idempotencyKey: key }), plain(result!));
      }
      assert.equal((await allRecords(store)).length, 3);
      assert.deepEqual((await store.subject({ id: 'c-1', kind: 'customer' }))?.fields, {});
    });

    test('lockSubjects, when the store has it, locks and reads subjects as lockSubject and subjectRecords do', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock: testClock() });
      await svc.autoAssign({ id: 'kept', fields: { level: 1 } });
      await svc.autoAssign({ id: 'replaced', fields: { level: 1 } });
      const statuses: RecordStatus[] = ['pending_approval', 'pending_confirmation', 'effective'];
      const kind = 'customer' as const;
      const read = await store.transaction(async (tx) => {
        if (tx.lockSubjects === undefined) return null;
        const locked = await tx.lockSubjects(
          [
            { subject: { id: 'replaced', kind }, fields: { level: 2 } },
            { subject: { id: 'kept', kind } },
            { subject: { id: 'new-with-fields', kind }, fields: { level: 3 } },
            { subject: { id: 'new-without', kind } },
          ],
          statuses,
        );
        const expected = [];
        for (const id of ['replaced', 'kept', 'new-with-fields', 'new-without']) {
          expected.push({ subject: await tx.lockSubject({ id, kind }), records: await tx.subjectRecords({ id, kind }, statuses) });
        }
        return { locked, expected };
      });
      // A store without the optional method is read subject by subject, which the other tests cover.
      if (read === null) return;
      assert.deepEqual(read.locked, read.expected);
      assert.deepEqual(
        read.locked.map(({ subject }) => subject.fields),
        [{ level: 2 }, { level: 1 }, { level: 3 }, {}],
      );
      assert.deepEqual(
        read.locked.map(({ records }) => records.map((record) => record.subject.id)),
        [['replaced'], ['kept'], [], []],
      );
      assert.deepEqual((await store.subject({ id: 'new-without', kind }))?.fields, {});
    });
  });
}

/** The result with its lazily computed trace and field findings read, as a replay returns it. */
function plain(result: AssignmentResult): AssignmentResult {
  return { ...result, trace: result.trace, fieldFindings: result.fieldFindings };
}

/** Two rules: a round robin for high levels, then fewest assigned today by weights 1:2:3; every id prefixed. */
function twoRules(prefix: string): RuleSet {
  const base = ruleSetWith([]);
  return {
    ...base,
    fields: { level: 'number' },
    rules: [
      {
        id: `${prefix}-vip`,
        name: 'High levels',
        enabled: true,
        when: 'level >= 3',
        agents: [{ id: `${prefix}-x` }, { id: `${prefix}-y` }],
        order: { by: 'roundRobin' },
      },
      {
        id: `${prefix}-main`,
        name: 'Everyone',
        enabled: true,
        proportional: true,
        agents: [
          { id: `${prefix}-a`, weight: 1 },
          { id: `${prefix}-b`, weight: 2 },
          { id: `${prefix}-c`, weight: 3 },
        ],
        order: { by: 'fewestAssigned', period: 'day' },
      },
    ],
  };
}

/** What one run of the calls gave, with the run's prefix taken out so two runs compare. */
interface AssignmentRun {
  results: unknown[];
  counts: unknown[];
  transactions: number;
}

/**
 * Runs the same 27 calls with agents and rules named after `prefix`: 24 new
 * customers of levels 0–3, one already assigned, one reassigned and one
 * whose key was used before; one after another, or all at once.
 */
async function assignmentRun(store: AssignmentStore, prefix: string, together: boolean, transactions = () => 0): Promise<AssignmentRun> {
  const ruleSet = twoRules(prefix);
  await store.upsertAgents(['x', 'y', 'a', 'b', 'c'].map((id) => ({ id: `${prefix}-${id}` })));
  const svc = createAssignmentService({ store, ruleSet, clock: testClock(), ids: sequentialIds(`${prefix}-r`) });
  const subject = (name: string, level = 0) => ({ id: `${prefix}-${name}`, fields: { level } });
  await svc.autoAssign(subject('taken'));
  await svc.autoAssign(subject('moved'));
  await svc.autoAssign(subject('keyed'), { idempotencyKey: `${prefix}-key` });
  const calls: (() => Promise<AssignmentResult>)[] = [
    ...Array.from({ length: 24 }, (_, index) => () => svc.autoAssign(subject(`new-${index}`, index % 4))),
    () => svc.autoAssign(subject('taken')),
    () => svc.autoAssign(subject('moved', 3), { reassign: true }),
    () => svc.autoAssign(subject('keyed'), { idempotencyKey: `${prefix}-key` }),
  ];
  const before = transactions();
  const results: AssignmentResult[] = [];
  if (together) results.push(...(await Promise.all(calls.map((call) => call()))));
  else for (const call of calls) results.push(await call());
  const used = transactions() - before;
  const counts = [];
  for (const id of ['x', 'y', 'a', 'b', 'c']) counts.push(await agentCounts(store, ruleSet, T0, `${prefix}-${id}`));
  return {
    results: results.map((result) => withoutPrefix(result, prefix)),
    counts: counts.map((agent) => withoutPrefix(agent, prefix)),
    transactions: used,
  };
}

/** A value as JSON with the run's prefix taken out, and only the run's own rules in a result's rule state. */
function withoutPrefix(value: unknown, prefix: string): unknown {
  const plain = JSON.parse(JSON.stringify(value).replaceAll(`"${prefix}-`, '"')) as Record<string, unknown>;
  if (typeof plain.ruleState === 'object' && plain.ruleState !== null) {
    const own = JSON.parse(JSON.stringify((value as AssignmentResult).ruleState)) as Record<string, unknown>;
    plain.ruleState = JSON.parse(
      JSON.stringify(Object.fromEntries(Object.entries(own).filter(([ruleId]) => ruleId.startsWith(`${prefix}-`)))).replaceAll(`"${prefix}-`, '"'),
    );
  }
  return plain;
}

/** The store, counting its transactions. */
function countingTransactions(store: AssignmentStore): { store: AssignmentStore; count: () => number } {
  let count = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return (work: (tx: StoreTransaction) => Promise<unknown>) => {
          count++;
          return target.transaction(work);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: counted, count: () => count };
}

/** The store, failing (with a plain Error, as a driver would) every transaction that locks one subject. */
function refusingSubject(store: AssignmentStore, refused: string): AssignmentStore {
  const refuse = (subjects: readonly SubjectRef[]) => {
    if (subjects.some((subject) => subject.id === refused)) throw new Error(`subject ${refused} cannot be stored`);
  };
  const guard = (tx: StoreTransaction): StoreTransaction =>
    new Proxy(tx, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === 'lockSubject') {
          return (subject: SubjectRef, fields?: Record<string, unknown>) => {
            refuse([subject]);
            return target.lockSubject(subject, fields);
          };
        }
        if (property === 'lockSubjects' && typeof value === 'function') {
          return (entries: readonly { subject: SubjectRef }[], statuses: readonly RecordStatus[]) => {
            refuse(entries.map((entry) => entry.subject));
            return target.lockSubjects!(entries, statuses);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'transaction') {
        return <T>(work: (tx: StoreTransaction) => Promise<T>) => target.transaction((tx) => work(guard(tx)));
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
