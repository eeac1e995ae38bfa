import assert from 'node:assert/strict';
import { AssignmentError } from '../core/errors.js';
import type { AssignmentStore } from '../ports.js';
import { createAssignmentService } from '../service/createAssignmentService.js';
import type { ConformanceHarness } from './conformanceHarness.js';
import { T0, admin, allRecords, ruleSetWith, sequentialIds, testClock } from './conformanceFixtures.js';

/** A 10 KB id: far beyond what a database index row holds. */
const LONG = 'k'.repeat(10_240);
/** Strings no store can keep or compare exactly: too long, NUL, lone surrogates (a driver sends them as U+FFFD). */
const HOSTILE_STRINGS: readonly [string, string][] = [
  ['a 10 KB string', LONG],
  ['a NUL character', 'a\u0000b'],
  ['a lone high surrogate', 'x\uD800'],
  ['a lone low surrogate', '\uDC00x'],
];

/** Field values that are not JSON data, or that JSON would silently change. */
function hostileFields(): [string, Record<string, unknown>][] {
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  let deep: unknown = 'bottom';
  for (let i = 0; i < 10_000; i++) deep = [deep];
  const getter = Object.defineProperty({}, 'level', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  return [
    ['a NUL in a field name', { 'reg\u0000ion': 'x' }],
    ['a lone surrogate in a field name', { '\uD800': 'x' }],
    ['a NUL in a value', { region: 'x\u0000' }],
    ['a lone surrogate in a value', { region: 'x\uDFFF' }],
    ['10,000-deep nesting', { deep }],
    ['a BigInt', { level: 10n }],
    ['a circular object', { circular }],
    ['a throwing getter', getter],
    ['a toJSON method', { toJSON: () => ({}) }],
    ['NaN', { level: Number.NaN }],
    ['Infinity', { level: Number.POSITIVE_INFINITY }],
    ['-Infinity', { level: Number.NEGATIVE_INFINITY }],
    ['1e309', { level: Number('1e309') }],
    ['-0', { level: -0 }],
    ['an invalid Date', { since: new Date(Number.NaN) }],
    ['a Date in the year 10000', { since: new Date(Date.UTC(10_000, 0, 1)) }],
    ['a function', { call: () => 1 }],
    ['a symbol', { tag: Symbol('x') }],
    ['a Map', { map: new Map([['a', 1]]) }],
    ['70 KB of JSON', { notes: 'n'.repeat(70_000) }],
  ];
}

/** Asserts that `call` is refused with `invalid_input` whose message names `path`. */
async function refused(call: () => unknown, path: string, what: string): Promise<void> {
  let error: unknown;
  try {
    await call();
  } catch (caught) {
    error = caught;
  }
  assert.ok(error instanceof AssignmentError, `${what}: expected an AssignmentError, got ${String(error)}`);
  assert.equal(error.code, 'invalid_input', `${what}: ${error.message}`);
  assert.ok(error.message.includes(path), `${what}: the message should name ${path}: ${error.message}`);
}

function service(store: AssignmentStore, clock = testClock()) {
  return createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock, ids: sequentialIds('r') });
}

/**
 * Hostile input at every door of the store and the service: ids, keys, notes
 * and actor ids that are too long or hold NUL or lone surrogates; fields that
 * are not JSON data (BigInt, cycles, getters, `toJSON`, NaN, ±Infinity, -0,
 * invalid or out-of-range Dates, 10,000-deep nesting, too large); instants
 * outside the years 0001–9999 as clock readings and filter bounds. Each is
 * refused with `invalid_input` naming the path — never a `store_failure`, a
 * silently changed value or a read of another subject — and nothing is
 * written.
 *
 * @internal
 * @param harness - registers the tests
 * @returns nothing
 * @example
 * ```ts
 * hostileInputConformance(harness);
 * ```
 */
export function hostileInputConformance({ describe, test }: ConformanceHarness): void {
  describe('hostile input', () => {
    test('refuses hostile ids, idempotency keys, notes and actor ids, writing nothing', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      await store.upsertSubjects([{ id: 'c-1' }]);
      const svc = service(store);
      for (const [what, bad] of HOSTILE_STRINGS) {
        await refused(() => svc.autoAssign({ id: bad }), 'subject.id', `autoAssign id with ${what}`);
        await refused(() => svc.autoAssign({ id: 'c-1' }, { idempotencyKey: bad }), 'options.idempotencyKey', `idempotency key with ${what}`);
        await refused(() => svc.assignManually({ subject: { id: 'c-1' }, agentId: bad, actor: admin }), 'agentId', `agent id with ${what}`);
        await refused(() => svc.assignManually({ subject: { id: 'c-1' }, agentId: 'a', actor: { id: bad, role: 'admin' } }), 'actor.id', `actor id with ${what}`);
        await refused(() => svc.getSubject({ id: bad }), 'subject.id', `getSubject with ${what}`);
        await refused(() => svc.records({ subjectId: bad }), 'filter.subjectId', `records filter with ${what}`);
        await refused(() => store.upsertAgents([{ id: bad }]), 'agents[0].id', `upsertAgents with ${what}`);
        await refused(() => store.upsertSubjects([{ id: bad }]), 'subjects[0].id', `upsertSubjects with ${what}`);
        await refused(() => store.subject({ id: bad, kind: 'customer' }), 'subject.id', `subject with ${what}`);
        await refused(() => store.subjectsOfAgent(bad), 'agentId', `subjectsOfAgent with ${what}`);
        await refused(() => store.queryRecords({ limit: 10, agentId: bad }), 'query.agentId', `queryRecords with ${what}`);
        await refused(() => store.transaction(async (tx) => tx.idempotentResult(bad)), 'key', `idempotentResult with ${what}`);
      }
      for (const note of ['n\u0000', 'n\uD800', 'n'.repeat(4_001)]) {
        await refused(() => svc.assignManually({ subject: { id: 'c-1' }, agentId: 'a', actor: admin, note }), 'note', 'a hostile note');
      }
      assert.deepEqual(await allRecords(store), []);
      assert.deepEqual((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId, null);
    });

    test('refuses fields that are not JSON data or that JSON would change, in the service and the store alike', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = service(store);
      for (const [what, fields] of hostileFields()) {
        await refused(() => svc.autoAssign({ id: 'c-1', fields }), 'subject.fields', `autoAssign fields with ${what}`);
        await refused(() => store.upsertSubjects([{ id: 'c-1', fields }]), 'subjects[0].fields', `upsertSubjects fields with ${what}`);
        await refused(
          () => store.transaction(async (tx) => tx.lockSubject({ id: 'c-1', kind: 'customer' }, fields)),
          'fields',
          `lockSubject fields with ${what}`,
        );
      }
      assert.equal(await store.subject({ id: 'c-1', kind: 'customer' }), null);
      assert.deepEqual(await allRecords(store), []);
    });

    test('keeps a valid Date inside fields as its ISO string, the same in every store', async (store) => {
      await store.upsertSubjects([{ id: 'c-1', fields: { since: new Date(T0), nested: { at: [new Date(0)] } } }]);
      const stored = await store.subject({ id: 'c-1', kind: 'customer' });
      assert.deepEqual(stored?.fields, { since: new Date(T0).toISOString(), nested: { at: ['1970-01-01T00:00:00.000Z'] } });
    });

    test('refuses clock readings and filter bounds outside the years 0001–9999', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      for (const reading of [new Date(Date.UTC(10_000, 0, 1)), new Date(Number.NaN), new Date(-62_135_596_800_001)]) {
        const clock = { now: () => reading };
        const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['a', 'b']), clock, ids: sequentialIds('r') });
        await refused(() => svc.autoAssign({ id: 'c-1' }), 'clock.now()', `a clock reading of ${String(reading)}`);
      }
      const svc = service(store);
      const outside = [new Date(8.64e15), new Date(-62_135_596_800_001), '+010000-01-01T00:00:00Z', '0000-12-31T00:00Z', new Date(Number.NaN)];
      for (const bound of outside) {
        await refused(() => svc.records({ from: bound }), 'filter.from', `filter.from ${String(bound)}`);
        await refused(() => svc.records({ to: bound }), 'filter.to', `filter.to ${String(bound)}`);
        await refused(() => store.queryRecords({ limit: 10, from: bound as Date }), 'query.from', `query.from ${String(bound)}`);
      }
      await refused(() => store.claimOutbox(new Date(Number.NaN), 10, new Date(T0)), 'now', 'claimOutbox at an invalid Date');
      await refused(() => store.transaction(async (tx) => tx.dueRecords(new Date(8.64e15), 10)), 'now', 'dueRecords beyond 9999');
      assert.deepEqual(await allRecords(store), []);
    });

    test('never lets a lone surrogate read another subject or its records', async (store) => {
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = service(store);
      await svc.autoAssign({ id: 'alias-\uFFFD' });
      await refused(() => store.subject({ id: 'alias-\uD800', kind: 'customer' }), 'subject.id', 'subject with a lone surrogate');
      await refused(() => svc.getSubject({ id: 'alias-\uD800' }), 'subject.id', 'getSubject with a lone surrogate');
      await refused(() => svc.records({ subjectId: 'alias-\uD800' }), 'filter.subjectId', 'records with a lone surrogate');
      assert.equal((await svc.records({ subjectId: 'alias-\uFFFD' })).items.length, 1);
    });

    test('validates agent profiles on write and refuses duplicate ids, writing none of the batch', async (store) => {
      await refused(() => store.upsertAgents([{ id: 'b', presence: 'ONLINE' as never }]), 'agents[0].presence', 'presence ONLINE');
      await refused(() => store.upsertAgents([{ id: 'b', capacity: 'lots' as never }]), 'agents[0].capacity', 'capacity lots');
      await refused(() => store.upsertAgents([{ id: 'b', capacity: 2.5 }]), 'agents[0].capacity', 'capacity 2.5');
      await refused(() => store.upsertAgents([{ id: 'b', enabled: 'yes' as never }]), 'agents[0].enabled', 'enabled yes');
      await refused(() => store.upsertAgents([{ id: 'b', skills: 'chinese' as never }]), 'agents[0].skills', 'skills as a string');
      await refused(() => store.upsertAgents([{ id: 'b', attributes: { score: Number.NaN } }]), 'agents[0].attributes.score', 'a NaN attribute');
      await refused(() => store.upsertAgents([{ id: 'b', presense: 'online' } as never]), 'agents[0].presense', 'a misspelt key');
      await refused(() => store.upsertAgents([{ id: 'x' }, { id: 'b' }, { id: 'x' }]), 'agents[0].id and agents[2].id are both "x"', 'a duplicate id');
      assert.deepEqual(await store.transaction(async (tx) => tx.agents()), []);
    });
  });
}
