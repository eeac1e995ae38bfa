import { type AssignmentResult, CommitUnknownError, createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.js';
import { dropSchema, freshSchemaName, serverPool, serverUrl, skipReason } from './postgresServer.js';

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: true, agentConfirmation: false },
  },
  rules: [{ id: 'main', name: 'Everyone', enabled: true, agents: [{ id: 'a' }, { id: 'b' }], order: { by: 'roundRobin' } }],
};

const admin = { id: 'admin-1', role: 'admin' as const };
const sales = { id: 'sales-1', role: 'business' as const };

describe.skipIf(!serverUrl)(`postgres store: a connection cut at COMMIT by a TCP proxy (${serverUrl ? 'DEDICATED_AGENT_PG_URL' : skipReason})`, () => {
  const direct = serverPool(2);
  let proxy: TcpProxy;
  let pool: pg.Pool;
  let schema: string;
  let seq = 0;
  const fresh = () => {
    seq++;
    const store = createPostgresStore({ client: pool, schema });
    return createAssignmentService({ store, ruleSet, retry: { attempts: 6, baseMs: 20, maxMs: 200 }, ids: () => `cut-${process.pid}-${seq}-${Math.random().toString(36).slice(2)}` });
  };
  const recordsOf = async (subjectId: string) =>
    (await direct.query<{ id: string }>(`SELECT id FROM "${schema}".records WHERE subject_id = $1 ORDER BY id`, [subjectId])).rows.map((row) => row.id);

  beforeAll(async () => {
    const url = new URL(serverUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    pool = new pg.Pool({ connectionString: proxy.url(serverUrl!), max: 4 });
    // A pool emits errors of idle connections on itself; without a listener Node would exit.
    pool.on('error', () => undefined);
    schema = freshSchemaName('cut');
    const store = await createPostgresStore({ client: direct, schema }).migrate();
    await store.upsertAgents([{ id: 'a' }, { id: 'b' }]);
  });
  afterAll(async () => {
    await pool.end();
    await proxy.close();
    await dropSchema(direct, schema);
    await direct.end();
  });

  it('returns the committed record as success when the connection is cut right after COMMIT was sent', async () => {
    const svc = fresh();
    const cut = proxy.cutAtCommit('after');
    const result = await svc.autoAssign({ id: 'after-1', fields: { level: 1 } }, { idempotencyKey: 'after-1' });
    await cut;
    expect(result.outcome).toBe('assigned');
    expect(await recordsOf('after-1')).toEqual([result.record!.id]);
    expect((await svc.autoAssign({ id: 'after-1' }, { idempotencyKey: 'after-1' })).record).toEqual(result.record);
  });

  it('runs the call again and succeeds normally when the COMMIT never reached the server', async () => {
    const svc = fresh();
    const cut = proxy.cutAtCommit('before');
    const result = await svc.autoAssign({ id: 'before-1', fields: { level: 1 } });
    await cut;
    expect(result.outcome).toBe('assigned');
    expect(await recordsOf('before-1')).toEqual([result.record!.id]);
  });

  it('recognises every call of a group whose COMMIT answer was lost', async () => {
    const svc = fresh();
    const ids = Array.from({ length: 6 }, (_, index) => `group-${index}`);
    const first = svc.autoAssign({ id: 'group-lead' });
    const cut = proxy.cutAtCommit('after');
    const results = await Promise.all([first, ...ids.map((id) => svc.autoAssign({ id, fields: { level: 1 } }))]);
    await cut;
    for (const [index, id] of ['group-lead', ...ids].entries()) expect(await recordsOf(id)).toEqual([results[index]!.record!.id]);
  });

  it('recognises a workflow call by the version it wrote', async () => {
    const svc = fresh();
    const first = await svc.autoAssign({ id: 'wf-1', fields: { level: 1 } });
    const other = first.agentId === 'a' ? 'b' : 'a';
    const applied = await svc.apply({ subject: { id: 'wf-1' }, agentId: other, actor: sales, canView: true });
    const cut = proxy.cutAtCommit('after');
    const approved = await svc.approve(applied.record.id, admin);
    await cut;
    expect(approved.record.status).toBe('effective');
    expect((await svc.getSubject({ id: 'wf-1' }))?.agentId).toBe(other);
    expect(approved.record.version).toBe(applied.record.version + 1);
  });

  it('fails with commit_unknown only when it cannot tell, and a re-call with the same key returns the committed record', async () => {
    const svc = fresh();
    const cut = proxy.cutAtCommit('after');
    void cut.then(() => proxy.refuse(true));
    const failure = await svc.autoAssign({ id: 'unknown-1', fields: { level: 1 } }, { idempotencyKey: 'unknown-1' }).catch((error: unknown) => error);
    proxy.refuse(false);
    expect(failure).toBeInstanceOf(CommitUnknownError);
    expect((failure as CommitUnknownError).code).toBe('commit_unknown');
    const again: AssignmentResult = await svc.autoAssign({ id: 'unknown-1' }, { idempotencyKey: 'unknown-1' });
    expect(await recordsOf('unknown-1')).toEqual([again.record!.id]);
  });
});
