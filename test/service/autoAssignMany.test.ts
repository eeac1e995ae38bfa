import { PGlite } from '@electric-sql/pglite';
import {
  type AssignmentResult,
  type AssignmentStore,
  type AutoAssignManySummary,
  createAssignmentService,
  type Order,
  type RuleSet,
  type SubjectUpdate,
} from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { createPostgresStore } from 'dedicated-agent/postgres';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { drainOutbox, ruleSetWith, storeState } from '../../src/testing/conformanceFixtures.js';

const T0 = Date.parse('2026-11-02T10:00:00+08:00');
const AGENTS = ['a', 'b', 'c', 'd'];

const orderArb: fc.Arbitrary<Order> = fc.constantFrom<Order>(
  { by: 'roundRobin' },
  { by: 'fewestAssigned', period: 'day' },
  { by: 'fewestServing' },
  { by: 'leastUtilised' },
  { by: 'longestIdle' },
);

/** Rule sets whose decisions depend on everything a stream changes: pointers, counts, capacity, confirmation, the queue. */
const ruleSetArb: fc.Arbitrary<RuleSet> = fc
  .record({
    rules: fc.array(
      fc.record({
        when: fc.constantFrom('level >= 3', "region == 'north'", 'level < 2'),
        agents: fc.uniqueArray(fc.record({ id: fc.constantFrom(...AGENTS), weight: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 1,
          maxLength: 3,
          selector: (agent) => agent.id,
        }),
        proportional: fc.boolean(),
        order: orderArb,
        sticky: fc.boolean(),
        onNoAgent: fc.constantFrom('next' as const, 'stop' as const),
      }),
      { maxLength: 3 },
    ),
    defaultAgents: fc.option(fc.subarray(AGENTS, { minLength: 1 })),
    confirmation: fc.boolean(),
    priority: fc.boolean(),
  })
  .map(({ rules, defaultAgents, confirmation, priority }) => ({
    version: 1 as const,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: confirmation, ...(priority ? { queue: { priority: 'level' } } : {}) },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    rules: rules.map((rule, index) => ({ ...rule, id: `r${index}`, name: `Rule ${index}`, enabled: true })),
    ...(defaultAgents === null ? {} : { defaultRule: { name: 'Default', enabled: true, agents: defaultAgents.map((id) => ({ id })), order: { by: 'roundRobin' as const } } }),
  }));

/** Streams with repeated subjects (some without fields), some subjects given keys used before. */
const streamArb = fc.array(
  fc.record({
    id: fc.integer({ min: 0, max: 30 }).map((n) => `c-${n}`),
    fields: fc.option(fc.record({ level: fc.integer({ min: 0, max: 5 }), region: fc.constantFrom('north', 'south') }), { freq: 6 }),
    keyed: fc.integer({ min: 0, max: 3 }),
  }),
  { maxLength: 60 },
);

type Entry = { id: string; fields: { level: number; region: string } | null; keyed: number };

const subjectOf = ({ id, fields }: Entry): SubjectUpdate => (fields === null ? { id } : { id, fields });
/** Every third entry has a key; two entries may share one (the second then writes nothing). */
const keyOf = (entry: Entry, index: number): string | undefined => (entry.keyed === 0 ? `k-${index % 7}` : undefined);

async function seeded(store: AssignmentStore): Promise<void> {
  await store.upsertAgents(AGENTS.map((id, index) => ({ id, presence: 'online', capacity: 4 + index })));
}

function serviceOn(store: AssignmentStore, ruleSet: RuleSet) {
  let next = 0;
  return createAssignmentService({ store, ruleSet, clock: { now: () => new Date(T0) }, ids: () => `id-${++next}`, autoDrain: false });
}

/** What a store holds after a run, the outbox and the queue included. */
async function everything(store: AssignmentStore, ruleSet: RuleSet, stream: readonly Entry[]) {
  const subjects = [...new Set(stream.map((entry) => entry.id))].map((id) => ({ id, kind: 'customer' as const }));
  const state = await storeState(store, subjects, ruleSet, T0);
  const waiting = await store.waiting({ limit: 1000 });
  const outbox = (await drainOutbox(store)).map((entry) => entry.notification);
  return { ...state, waiting: waiting.items, outbox };
}

/** The summary `autoAssignMany` must give for these sequential results (repeated: a key used earlier in the stream). */
function tally(results: readonly { result: AssignmentResult; repeated: boolean; queued: string | null }[]): Omit<AutoAssignManySummary, 'batches'> {
  const summary: Omit<AutoAssignManySummary, 'batches'> = {
    subjects: results.length,
    assigned: {},
    pendingConfirmation: {},
    unassigned: {},
    queued: {},
    repeated: 0,
  };
  const bump = (counts: Record<string, number>, key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const { result, repeated, queued } of results) {
    if (repeated) {
      summary.repeated += 1;
      continue;
    }
    if (result.outcome === 'assigned') bump(summary.assigned, result.agentId!);
    else if (result.outcome === 'pending_confirmation') bump(summary.pendingConfirmation, result.agentId!);
    else bump(summary.unassigned as Record<string, number>, result.reason!);
    if (queued !== null) bump(summary.queued as Record<string, number>, queued);
  }
  return summary;
}

async function sequentially(store: AssignmentStore, ruleSet: RuleSet, stream: readonly Entry[]) {
  const svc = serviceOn(store, ruleSet);
  const used = new Set<string>();
  const results = [];
  for (const [index, entry] of stream.entries()) {
    const key = keyOf(entry, index);
    const repeated = key !== undefined && used.has(key);
    if (key !== undefined) used.add(key);
    const result = await svc.autoAssign(subjectOf(entry), key === undefined ? {} : { idempotencyKey: key });
    const waits = repeated ? [] : (await store.waiting({ limit: 1000 })).items.filter((item) => item.subject.id === entry.id);
    results.push({ result, repeated, queued: result.outcome === 'unassigned' && waits.length > 0 ? waits[0]!.reason : null });
  }
  return tally(results);
}

async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

async function checkEquivalence(make: () => Promise<{ store: AssignmentStore; done: () => Promise<void> }>, runs: number) {
  await fc.assert(
    fc.asyncProperty(ruleSetArb, streamArb, fc.integer({ min: 1, max: 8 }), fc.boolean(), async (ruleSet, stream, batchSize, asynchronous) => {
      const one = await make();
      const other = await make();
      try {
        await seeded(one.store);
        await seeded(other.store);
        const expected = await sequentially(one.store, ruleSet, stream);
        const svc = serviceOn(other.store, ruleSet);
        // A subject without a shared key gets one of its own: a key never used before changes no decision.
        const subjects = stream.map((entry, index) => ({ ...subjectOf(entry), key: keyOf(entry, index) ?? `own-${index}` }));
        const summary = await svc.autoAssignMany(asynchronous ? slowly(subjects) : subjects, {
          batchSize,
          ...(stream.some((entry, index) => keyOf(entry, index) !== undefined) ? { idempotencyKey: (subject: { key: string }) => subject.key } : {}),
        });
        const { batches, ...rest } = summary;
        expect(rest).toEqual(expected);
        expect(batches).toBeGreaterThanOrEqual(Math.ceil(stream.length / batchSize));
        expect(await everything(other.store, ruleSet, stream)).toEqual(await everything(one.store, ruleSet, stream));
      } finally {
        await one.done();
        await other.done();
      }
    }),
    { numRuns: runs },
  );
}

describe('autoAssignMany', () => {
  it('does exactly what the same autoAssign calls in the same order do, on the memory store (same records, counts, rule state, queue, notifications, summary)', async () => {
    await checkEquivalence(async () => ({ store: createMemoryStore(), done: async () => undefined }), 25);
  }, 60_000);

  const db = new PGlite();
  let schemas = 0;
  afterAll(() => db.close());

  it('does exactly what the same autoAssign calls in the same order do, on PostgreSQL (PGlite)', async () => {
    await checkEquivalence(async () => {
      const schema = `many_${++schemas}`;
      const store = await createPostgresStore({ client: db, schema }).migrate();
      return { store, done: async () => void (await db.exec(`DROP SCHEMA "${schema}" CASCADE`)) };
    }, 5);
  }, 180_000);
});

describe('autoAssignMany with calls of its own service in between', () => {
  it('decides a batch again when another call assigned after it was decided ahead: round robin and records stay exact', async () => {
    const store = createMemoryStore();
    await store.upsertAgents(['x', 'y', 'z'].map((id) => ({ id, presence: 'online' as const })));
    const ruleSet = ruleSetWith(['x', 'y', 'z']);
    const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date(T0) }, autoDrain: false });
    // onProgress runs after a batch commits and before the next batch's transaction, which was decided ahead meanwhile: a call there makes that decision stale.
    const walkIns: AssignmentResult[] = [];
    const summary = await svc.autoAssignMany(
      Array.from({ length: 40 }, (_, index) => ({ id: `lead-${index}`, fields: {} })),
      {
        batchSize: 5,
        onProgress: async ({ batches }) => {
          if (batches % 2 === 1) walkIns.push(await svc.autoAssign({ id: `walk-in-${batches}`, fields: {} }));
        },
      },
    );
    expect(summary.batches).toBe(8);
    // The order the calls happened in: each batch of five, and a walk-in after batches 1, 3, 5 and 7; round robin gives x, y, z, x, … in that order.
    const order = Array.from({ length: 8 }, (_, batch) => [
      ...Array.from({ length: 5 }, (_, index) => `lead-${batch * 5 + index}`),
      ...(batch % 2 === 0 ? [`walk-in-${batch + 1}`] : []),
    ]).flat();
    const effective = await store.queryRecords({ statuses: ['effective'], limit: 500 });
    const agentOf = new Map(effective.items.map((record) => [record.subject.id, record.agentId]));
    expect(effective.items).toHaveLength(order.length);
    expect(order.map((id) => agentOf.get(id))).toEqual(order.map((_, index) => ['x', 'y', 'z'][index % 3]));
    expect(walkIns.map((result) => result.outcome)).toEqual(['assigned', 'assigned', 'assigned', 'assigned']);
  });
});

describe('autoAssignMany when the id generator fails', () => {
  it('reports a malformed id as the typed error a call would give, with the batches before it committed, even when it shows while deciding ahead', async () => {
    const store = createMemoryStore();
    await store.upsertAgents([{ id: 'x', presence: 'online' }]);
    let drawn = 0;
    // Each customer takes two ids (record, notification): the 12th falls in the second batch, which is decided ahead.
    const svc = createAssignmentService({ store, ruleSet: ruleSetWith(['x']), clock: { now: () => new Date(T0) }, ids: () => (++drawn === 12 ? '' : `id-${drawn}`), autoDrain: false });
    const leads = Array.from({ length: 15 }, (_, index) => ({ id: `lead-${index}`, fields: {} }));
    await expect(svc.autoAssignMany(leads, { batchSize: 5 })).rejects.toMatchObject({ code: 'invalid_input', path: 'ids()' });
    const effective = await store.queryRecords({ statuses: ['effective'], limit: 100 });
    expect(effective.items.map((record) => record.subject.id).sort()).toEqual(['lead-0', 'lead-1', 'lead-2', 'lead-3', 'lead-4']);
  });
});
