import { StoreError } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticationOk, errorResponse, readyForQuery, startFakePostgresServer } from '../support/fakePostgresServer.js';

/** FATAL 57P01 in the same socket read as a new connection's ReadyForQuery: the connection dies as it is handed out. */
const terminatedAtHandOut = Buffer.concat([
  authenticationOk(),
  readyForQuery(),
  errorResponse('FATAL', '57P01', 'terminating connection due to administrator command'),
]);

describe('postgres store: a connection error at any instant', () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  beforeEach(() => {
    uncaught.length = 0;
    process.on('uncaughtException', onUncaught);
  });
  afterEach(() => {
    process.off('uncaughtException', onUncaught);
  });

  it('fails the call with a StoreError and never crashes the process when FATAL 57P01 arrives with ReadyForQuery', async () => {
    const server = await startFakePostgresServer(terminatedAtHandOut);
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    const poolErrors: Error[] = [];
    pool.on('error', (error) => poolErrors.push(error));
    try {
      const store = createPostgresStore({ client: pool });
      for (let call = 0; call < 5; call++) {
        const failure = await store.transaction((tx) => Promise.resolve(tx.lockSubject({ id: 'c-1', kind: 'customer' }))).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(StoreError);
        expect((failure as StoreError).code).toBe('store_failure');
      }
      // Late events (the socket's end, the pool discarding the connection) have had their turn.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught).toEqual([]);
      expect(server.connections).toBe(5);
      expect(pool.totalCount).toBe(0);
    } finally {
      await pool.end();
      await server.close();
    }
  });

  it('keeps listening on a pg.Client between calls, and fails the next call with a StoreError', async () => {
    const server = await startFakePostgresServer(Buffer.concat([authenticationOk(), readyForQuery()]), { keepOpen: true });
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      const store = createPostgresStore({ client });
      // Between two calls nobody else listens: without the store's listener this would end the process.
      client.emit('error', new Error('connection lost between calls'));
      const failure = await store.transaction((tx) => Promise.resolve(tx.lockSubject({ id: 'c-1', kind: 'customer' }))).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect(uncaught).toEqual([]);
    } finally {
      await client.end().catch(() => undefined);
      await server.close();
    }
  });

  it('also listens on connections the pool opened before the store existed', async () => {
    const server = await startFakePostgresServer(Buffer.concat([authenticationOk(), readyForQuery()]), { keepOpen: true });
    const pool = new pg.Pool({ connectionString: server.url, max: 1 });
    pool.on('error', () => undefined);
    try {
      const early = await pool.connect();
      early.release();
      createPostgresStore({ client: pool });
      const client = await pool.connect();
      // The connection is already handed out: only the store's listener hears this.
      client.emit('error', new Error('connection lost while handed out'));
      client.release(true);
      expect(uncaught).toEqual([]);
      expect(server.connections).toBe(1);
    } finally {
      await pool.end();
      await server.close();
    }
  });
});
