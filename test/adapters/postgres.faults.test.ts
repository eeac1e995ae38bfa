import { createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore, type PgPoolClientLike, type PgPoolLike, type PgQueryConfig } from 'dedicated-agent/postgres';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/adapters/postgres/migrations.js';
import { dropSchema, freshSchemaName, serverPool, serverUrl, skipReason } from './postgresServer.js';

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

/**
 * A pool whose connections call `beforeCommit` when the store sends a
 * transaction's last round trip (the change set's commit and COMMIT), before
 * it goes out: a deterministic moment inside the transaction.
 */
function pausingPool(pool: pg.Pool, beforeCommit: (client: pg.PoolClient) => Promise<void>): PgPoolLike {
  const isCommit = (query: string | PgQueryConfig) => typeof query === 'string' && query.includes('commit_changes');
  return {
    get totalCount() {
      return pool.totalCount;
    },
    query: (query) => pool.query(query as string),
    async connect(): Promise<PgPoolClientLike> {
      const client = await pool.connect();
      return {
        async query(query) {
          if (isCommit(query)) await beforeCommit(client);
          return client.query(query as string);
        },
        release: (error) => client.release(error),
        on: (event, listener) => client.on(event, listener),
        removeListener: (event, listener) => client.removeListener(event, listener),
      };
    },
  };
}

/** Terminates the client's backend from another connection and waits until the client has noticed. */
async function terminateBackend(admin: pg.Pool, client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const ended = new Promise((resolve) => client.once('end', resolve));
  await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
  await ended;
}

describe.skipIf(!serverUrl)(`postgres store faults on a real server (${serverUrl ? 'DEDICATED_AGENT_PG_URL' : skipReason})`, () => {
  const admin = serverPool(4);
  afterAll(() => admin.end());

  it('runs the call again when the connection drops before its last round trip, and writes it once', async () => {
    const schema = freshSchemaName('fault');
    const pool = serverPool(2);
    try {
      const setup = await createPostgresStore({ client: pool, schema }).migrate();
      await setup.upsertAgents([{ id: 'a' }, { id: 'b' }]);
      let drops = 1;
      const store = createPostgresStore({
        client: pausingPool(pool, async (client) => {
          if (drops-- > 0) await terminateBackend(admin, client);
        }),
        schema,
      });
      const svc = createAssignmentService({ store, ruleSet });

      const count = async (table: string) =>
        Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".${table}`)).rows[0]!.n);
      const result = await svc.autoAssign({ id: 'c-1', fields: { region: 'north' } });
      expect(result.outcome).toBe('assigned');
      expect(result.agentId).toBe('a');
      expect(await count('records')).toBe(1);
      expect((await store.subject({ id: 'c-1', kind: 'customer' }))?.agentId).toBe('a');
    } finally {
      await pool.end();
      await dropSchema(admin, schema);
    }
  });

  it('migrates once when several processes run migrate() at the same moment', async () => {
    const schema = freshSchemaName('migrate');
    const pools = Array.from({ length: 4 }, () => serverPool(1));
    try {
      await Promise.all(pools.map((pool) => createPostgresStore({ client: pool, schema }).migrate()));
      const { rows } = await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version`);
      expect(rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));

      const store = await createPostgresStore({ client: pools[0]!, schema }).migrate();
      expect((await admin.query(`SELECT version FROM "${schema}".schema_version`)).rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
      await store.upsertAgents([{ id: 'a' }]);
      expect((await createAssignmentService({ store, ruleSet }).autoAssign({ id: 'c-1' })).agentId).toBe('a');
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await dropSchema(admin, schema);
    }
  });

  it('refuses to use a schema migrated by a newer version of the library', async () => {
    const schema = freshSchemaName('newer');
    try {
      await createPostgresStore({ client: admin, schema }).migrate();
      await admin.query(`INSERT INTO "${schema}".schema_version (version, description) VALUES (99, 'from the future')`);
      await expect(createPostgresStore({ client: admin, schema }).migrate()).rejects.toThrow(`version 99, newer than this library's ${MIGRATIONS[MIGRATIONS.length - 1]!.version}`);
    } finally {
      await dropSchema(admin, schema);
    }
  });
});
