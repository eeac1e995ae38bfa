import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type AssignmentStore, createAssignmentService, type GovernanceMoveOutcome, type Order, type RuleSet } from '../../src/index.js';
import { createMemoryStore } from '../../src/adapters/memory/index.js';
import { createPostgresStore } from '../../src/adapters/postgres/index.js';

const T0 = Date.parse('2026-11-02T10:00:00+08:00');
const admin = { id: 'admin-1', role: 'admin' } as const;
const AGENTS = ['a', 'b', 'c', 'd'];

interface Portfolio {
  agents: { capacity: number | null; onLeave: boolean; weight: number }[];
  seedParticipants: number[];
  subjects: number[];
  order: Order;
  proportional: boolean;
  confirmation: boolean;
  operation:
    | { type: 'transfer'; from: number; to: number | 'rules'; minTier: number | null; limit: number | null }
    | { type: 'rebalance'; maxMoves: number | null };
}

const portfolioArbitrary: fc.Arbitrary<Portfolio> = fc.record({
  agents: fc.array(
    fc.record({ capacity: fc.option(fc.integer({ min: 2, max: 8 }), { nil: null }), onLeave: fc.boolean(), weight: fc.integer({ min: 1, max: 3 }) }),
    { minLength: AGENTS.length, maxLength: AGENTS.length },
  ),
  seedParticipants: fc.uniqueArray(fc.integer({ min: 0, max: AGENTS.length - 1 }), { minLength: 1, maxLength: 2 }),
  subjects: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 10 }),
  order: fc.constantFrom<Order>({ by: 'roundRobin' }, { by: 'fewestServing' }, { by: 'fewestAssigned', period: 'day' }, { by: 'leastUtilised' }, { by: 'longestIdle' }),
  proportional: fc.boolean(),
  confirmation: fc.boolean(),
  operation: fc.oneof(
    fc.record({
      type: fc.constant('transfer' as const),
      from: fc.integer({ min: 0, max: AGENTS.length - 1 }),
      to: fc.oneof(fc.constant('rules' as const), fc.integer({ min: 0, max: AGENTS.length - 1 })),
      minTier: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      limit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    }),
    fc.record({ type: fc.constant('rebalance' as const), maxMoves: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }) }),
  ),
});

function ruleSet(participants: readonly number[], portfolio: Portfolio): RuleSet {
  return {
    version: 1,
    timeZone: 'Asia/Shanghai',
    fields: { tier: 'number' },
    settings: {
      manual: { enabled: true, agentConfirmation: portfolio.confirmation },
      auto: { enabled: true, agentConfirmation: false },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
    },
    rules: [
      {
        id: 'main',
        name: 'Everyone',
        enabled: true,
        agents: participants.map((index) => ({ id: AGENTS[index]!, weight: portfolio.agents[index]!.weight })),
        proportional: portfolio.proportional,
        order: portfolio.order,
      },
    ],
  };
}

/** Builds the portfolio in the store: agents, and subjects assigned by a first rule set among some of the agents. */
async function seed(store: AssignmentStore, portfolio: Portfolio): Promise<{ now: () => Date }> {
  let ms = T0;
  const clock = { now: () => new Date(ms) };
  await store.upsertAgents(
    AGENTS.map((id, index) => {
      const agent = portfolio.agents[index]!;
      return { id, capacity: agent.capacity, ...(agent.onLeave && index > 0 ? { leave: [{ from: '2026-11-01', to: '2026-11-03' }] } : {}) };
    }),
  );
  const first = createAssignmentService({ store, ruleSet: ruleSet(portfolio.seedParticipants, { ...portfolio, order: { by: 'roundRobin' } }), clock, autoDrain: false });
  for (const [index, tier] of portfolio.subjects.entries()) {
    await first.autoAssign({ id: `s-${index}`, fields: { tier } });
    ms += 60_000;
  }
  return clock;
}

async function run(store: AssignmentStore, portfolio: Portfolio, clock: { now: () => Date }, dryRun: boolean) {
  const svc = createAssignmentService({ store, ruleSet: ruleSet([0, 1, 2, 3], portfolio), clock, autoDrain: false });
  const operation = portfolio.operation;
  if (operation.type === 'rebalance') {
    return svc.rebalance({ ruleId: 'main', actor: admin, note: 'even out', dryRun, ...(operation.maxMoves === null ? {} : { maxMoves: operation.maxMoves }) });
  }
  const to = operation.to === 'rules' ? 'rules' : AGENTS[operation.to]!;
  const from = AGENTS[operation.from]!;
  if (to === from) return null;
  return svc.transfer({
    from,
    to,
    actor: admin,
    note: 'handover',
    dryRun,
    ...(operation.minTier === null ? {} : { where: `tier >= ${operation.minTier}` }),
    ...(operation.limit === null ? {} : { limit: operation.limit }),
  });
}

function withoutRecordIds(moves: readonly GovernanceMoveOutcome[]) {
  return moves.map(({ recordId: _recordId, ...move }) => move);
}

async function dryRunEqualsRealRun(store: AssignmentStore, portfolio: Portfolio): Promise<void> {
  const clock = await seed(store, portfolio);
  const preview = await run(store, portfolio, clock, true);
  const done = await run(store, portfolio, clock, false);
  if (preview === null || done === null) return;
  expect(preview.dryRun).toBe(true);
  expect(done.dryRun).toBe(false);
  expect(withoutRecordIds(done.moves)).toEqual(withoutRecordIds(preview.moves));
  expect(done.skipped).toEqual(preview.skipped);
  expect(done.moves.every((move) => typeof move.recordId === 'string')).toBe(true);
  const again = await run(store, portfolio, clock, true);
  if (portfolio.operation.type === 'rebalance' && portfolio.operation.maxMoves === null && 'balanced' in done && done.balanced) {
    expect(again?.moves).toEqual([]);
  }
}

describe('governance previews', () => {
  it('property: a dry run returns exactly the moves and skips of the real run that follows (memory store)', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArbitrary, async (portfolio) => dryRunEqualsRealRun(createMemoryStore(), portfolio)),
      { numRuns: 40 },
    );
  }, 180_000);

  const db = new PGlite();
  afterAll(() => db.close());
  let schemas = 0;
  it('property: a dry run returns exactly the moves and skips of the real run that follows (PGlite)', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArbitrary, async (portfolio) => {
        const schema = `governance_${++schemas}`;
        const store = await createPostgresStore({ client: db, schema }).migrate();
        try {
          await dryRunEqualsRealRun(store, portfolio);
        } finally {
          await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
        }
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
