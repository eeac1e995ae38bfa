import { PGlite } from '@electric-sql/pglite';
import { type AssignmentStore, type ChangeSet, type CounterChange, compileRuleSet, type PeriodBuckets, periodRange, PERIODS, type RuleSet } from 'dedicated-agent';
import { createMemoryStore } from 'dedicated-agent/memory';
import { createPostgresStore } from 'dedicated-agent/postgres';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  rules: [{ id: 'main', name: 'Everyone', enabled: true, agents: [{ id: 'a' }, { id: 'b' }], order: { by: 'roundRobin' } }],
};
const compiled = compileRuleSet(ruleSet);
const T0 = Date.parse('2026-11-02T10:00:00+08:00');
const DAY = 86_400_000;

const bucketsAt = (at: Date): PeriodBuckets =>
  Object.fromEntries(PERIODS.map((period) => [period, periodRange(period, at, compiled.timeZone).start])) as PeriodBuckets;

/** One counter change: an agent, a counter, a delta and an instant within 40 days. */
const changeArbitrary = fc
  .record({
    agentId: fc.constantFrom('a', 'b'),
    counter: fc.constantFrom<CounterChange['counter']>('assigned', 'serving'),
    delta: fc.constantFrom(1, 1, -1),
    offset: fc.integer({ min: 0, max: 40 * DAY }),
  })
  .map(({ agentId, counter, delta, offset }): CounterChange => {
    const at = new Date(T0 + offset);
    return { agentId, counter, delta: counter === 'assigned' ? 1 : delta, buckets: bucketsAt(at), at };
  });

const commits = fc.array(fc.array(changeArbitrary, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 });

async function lastAssignedAfter(store: AssignmentStore, sets: CounterChange[][]): Promise<Record<string, number | null>> {
  await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
  for (const counters of sets) {
    const changes: ChangeSet = { records: [], subjects: [], ruleState: [], counters, outbox: [], idempotency: [] };
    await store.transaction(async (tx) => tx.commit(changes));
  }
  const periods = Object.fromEntries(PERIODS.map((period) => [period, periodRange(period, new Date(T0), compiled.timeZone)]));
  const [profiles, snapshots] = await store.transaction(async (tx) => [
    await tx.agents(),
    await tx.agentSnapshots(periods as Parameters<typeof tx.agentSnapshots>[0]),
  ]);
  const fromProfiles = Object.fromEntries(profiles.map((agent) => [agent.id, agent.lastAssignedAt?.getTime() ?? null]));
  const fromSnapshots = Object.fromEntries(
    snapshots.map((agent) => [agent.id, agent.lastAssignedAt == null ? null : new Date(agent.lastAssignedAt).getTime()]),
  );
  expect(fromSnapshots).toEqual(fromProfiles);
  return fromProfiles;
}

/** What every store must return: per agent the latest `at` of its assigned changes, whatever the order they came in. */
function expected(sets: CounterChange[][]): Record<string, number | null> {
  const latest: Record<string, number | null> = { a: null, b: null };
  for (const change of sets.flat()) {
    if (change.counter !== 'assigned') continue;
    latest[change.agentId] = Math.max(latest[change.agentId] ?? Number.NEGATIVE_INFINITY, change.at.getTime());
  }
  return latest;
}

const db = new PGlite();
let schemas = 0;
afterAll(() => db.close());

describe('lastAssignedAt (property)', () => {
  it('is the latest instant of the assigned changes committed, in any order and grouping: memory store', async () => {
    await fc.assert(
      fc.asyncProperty(commits, async (sets) => {
        expect(await lastAssignedAfter(createMemoryStore(), sets)).toEqual(expected(sets));
      }),
      { numRuns: 100 },
    );
  });

  it('is the latest instant of the assigned changes committed, in any order and grouping: PostgreSQL store (PGlite)', async () => {
    await fc.assert(
      fc.asyncProperty(commits, async (sets) => {
        const schema = `last_assigned_${++schemas}`;
        const store = await createPostgresStore({ client: db, schema }).migrate();
        try {
          expect(await lastAssignedAfter(store, sets)).toEqual(expected(sets));
        } finally {
          await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
