import { ConcurrencyError, createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore, type PgPoolClientLike, type PgPoolLike, type PgQueryConfig } from 'dedicated-agent/postgres';
import { runStoreConformance } from 'dedicated-agent/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, freshSchemaName, serverPool, serverRequired, serverUrl, skipReason } from './postgresServer.js';

const seedLikeRuleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  rules: [{ id: 'main', name: 'Everyone', enabled: true, agents: [{ id: 'a' }, { id: 'b' }], order: { by: 'fewestAssigned', period: 'day' } }],
};

describe('the PostgreSQL server for these tests', () => {
  it.runIf(serverRequired)('is configured and answers, since DEDICATED_AGENT_REQUIRE_PG=1 demands it', async () => {
    expect(serverUrl, 'DEDICATED_AGENT_REQUIRE_PG=1 but DEDICATED_AGENT_PG_URL is not set').toBeTruthy();
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ answer: number }>('SELECT 1 AS answer');
      expect(rows[0]?.answer).toBe(1);
    } finally {
      await client.end();
    }
  });
});

describe.skipIf(!serverUrl)(`postgres store on a real server (${serverUrl ? 'DEDICATED_AGENT_PG_URL' : skipReason})`, () => {
  const pool = serverPool(8);
  afterAll(() => pool.end());

  runStoreConformance({
    name: 'postgres (pg.Pool, real server)',
    create: async () => {
      const schema = freshSchemaName('pool');
      const store = await createPostgresStore({ client: pool, schema }).migrate();
      return { store, cleanup: () => dropSchema(pool, schema) };
    },
    describe,
    it,
  });

  runStoreConformance({
    name: 'postgres (pg.Client, real server)',
    create: async () => {
      const schema = freshSchemaName('client');
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      const store = await createPostgresStore({ client, schema }).migrate();
      return {
        store,
        cleanup: async () => {
          await client.end();
          await dropSchema(pool, schema);
        },
      };
    },
    describe,
    it,
  });

  describe('round trips', () => {
    /** A pool that notes the first words of every statement its connections send (each is one round trip). */
    function countingPool(statements: string[]): PgPoolLike {
      const note = (query: string | PgQueryConfig) => {
        const text = typeof query === 'string' ? query : query.text;
        statements.push(text.replace(/"[^"]*"\./g, '').replace(/\s+/g, ' ').trim());
      };
      return {
        get totalCount() {
          return pool.totalCount;
        },
        query: (query) => pool.query(query as string),
        async connect(): Promise<PgPoolClientLike> {
          const client = await pool.connect();
          return {
            query: (query) => {
              note(query);
              return client.query(query as string);
            },
            release: (error) => client.release(error),
          };
        },
      };
    }

    it('assigns a customer in 3 round trips: BEGIN with the subject lock, the assignment lock with the snapshots, the commit with COMMIT', async () => {
      const schema = freshSchemaName('trips');
      const statements: string[] = [];
      try {
        const store = await createPostgresStore({ client: countingPool(statements), schema }).migrate();
        await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
        const svc = createAssignmentService({ store, ruleSet: seedLikeRuleSet });
        await svc.autoAssign({ id: 'c-0', fields: { level: 1 } });
        statements.length = 0;
        const result = await svc.autoAssign({ id: 'c-1', fields: { level: 1 } });
        expect(result.outcome).toBe('assigned');
        expect(statements).toEqual([
          expect.stringMatching(/^BEGIN ISOLATION LEVEL READ COMMITTED; SELECT lock_subjects\(/),
          expect.stringMatching(/^SELECT lock_assignment\(/),
          expect.stringMatching(/^SELECT commit_changes\(.*; COMMIT$/),
        ]);
      } finally {
        await dropSchema(pool, schema);
      }
    });

    it('assigns 8 concurrent customers in one transaction of 3 round trips', async () => {
      const schema = freshSchemaName('grouptrips');
      const statements: string[] = [];
      try {
        const store = await createPostgresStore({ client: countingPool(statements), schema }).migrate();
        await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
        const svc = createAssignmentService({ store, ruleSet: seedLikeRuleSet });
        // The first call also sets the waiting queue's timer from the store (one query after its transaction).
        await svc.autoAssign({ id: 'c-0' });
        await svc.autoAssign({ id: 'c-00' });
        statements.length = 0;
        const results = await Promise.all(Array.from({ length: 8 }, (_, index) => svc.autoAssign({ id: `c-${index + 1}` })));
        expect(results.map((result) => result.agentId)).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
        expect(statements).toEqual([
          expect.stringMatching(/^BEGIN ISOLATION LEVEL READ COMMITTED; SELECT lock_subjects\(/),
          expect.stringMatching(/^SELECT lock_assignment\(/),
          expect.stringMatching(/^SELECT commit_changes\(.*; COMMIT$/),
        ]);
        expect(statements[2]!.match(/"record":\{"id":"[^"]+","type":"auto"/g)).toHaveLength(8);
      } finally {
        await dropSchema(pool, schema);
      }
    });
  });

  it('works without prepared statements, for poolers that cannot keep them', async () => {
    const schema = freshSchemaName('unprepared');
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const store = await createPostgresStore({ client, schema, preparedStatements: false }).migrate();
      await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      const svc = createAssignmentService({ store, ruleSet: seedLikeRuleSet });
      const agents = [];
      for (const id of ['c-1', 'c-2', 'c-3']) agents.push((await svc.autoAssign({ id })).agentId);
      expect(agents).toEqual(['a', 'b', 'a']);
      const { rows } = await client.query('SELECT name FROM pg_prepared_statements');
      expect(rows).toEqual([]);
    } finally {
      await client.end();
      await dropSchema(pool, schema);
    }
  });

  describe('errors', () => {
    it('turns a unique violation into ConcurrencyError, with the database error as cause', async () => {
      const schema = freshSchemaName('errors');
      const store = await createPostgresStore({ client: pool, schema }).migrate();
      try {
        const outbox = [{ id: 'n-1', event: 'assigned' as const, recipient: { type: 'admins' as const }, recordId: 'r-1', subject: { id: 'c-1', kind: 'customer' as const }, agentId: 'a', at: new Date(0) }];
        const empty = { records: [], subjects: [], ruleState: [], counters: [], idempotency: [] };
        await store.transaction(async (tx) => tx.commit({ ...empty, outbox }));
        const failure = await store.transaction(async (tx) => tx.commit({ ...empty, outbox })).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ConcurrencyError);
        expect((failure as ConcurrencyError).cause).toMatchObject({ code: '23505', constraint: 'outbox_pkey' });
      } finally {
        await dropSchema(pool, schema);
      }
    });
  });
});
