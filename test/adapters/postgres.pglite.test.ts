import { PGlite } from '@electric-sql/pglite';
import { createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { runStoreConformance } from 'dedicated-agent/testing';
import { afterAll, describe, expect, it } from 'vitest';

// One PGlite for the file (starting one takes a second or two); each test gets a fresh schema.
const db = new PGlite();
let schemas = 0;
afterAll(() => db.close());

async function freshStore() {
  const schema = `conformance_${++schemas}`;
  const store = await createPostgresStore({ client: db, schema }).migrate();
  return { store, cleanup: async () => void (await db.exec(`DROP SCHEMA "${schema}" CASCADE`)) };
}

runStoreConformance({ name: 'postgres (PGlite)', create: freshStore, describe, it });

describe('postgres store on PGlite', () => {
  const ruleSet: RuleSet = {
    version: 1,
    timeZone: 'Asia/Shanghai',
    settings: {
      manual: { enabled: true, agentConfirmation: false },
      auto: { enabled: true, agentConfirmation: true },
      application: { enabled: true, adminApproval: false, agentConfirmation: false },
      pendingTimeout: 'PT1H',
    },
    rules: [{ id: 'main', name: 'Everyone', enabled: true, agents: [{ id: 'a' }], order: { by: 'roundRobin' } }],
  };

  it('returns every instant as a Date: record times, history, the care start and notifications', async () => {
    const { store, cleanup } = await freshStore();
    try {
      await store.upsertAgents([{ id: 'a' }]);
      const now = new Date('2026-11-02T02:00:00.123Z');
      const svc = createAssignmentService({ store, ruleSet, clock: { now: () => now } });
      const { record } = await svc.autoAssign({ id: 'c-1', fields: { since: now } });
      const [pending] = (await store.queryRecords({ limit: 1 })).items;
      expect(pending?.createdAt).toEqual(now);
      expect(pending?.expiresAt).toEqual(new Date(now.getTime() + 3_600_000));

      await svc.confirm(record!.id, { id: 'a', role: 'agent' });
      const [confirmed] = (await store.queryRecords({ limit: 1 })).items;
      expect(confirmed?.updatedAt).toEqual(now);
      expect(confirmed?.history.map((transition) => transition.at)).toEqual([now, now]);
      const subject = await store.subject({ id: 'c-1', kind: 'customer' });
      expect(subject?.agentSince).toEqual(now);
      // Fields are JSON: a Date in them comes back as its ISO string, as conditions see it.
      expect(subject?.fields).toEqual({ since: now.toISOString() });
      const [entry] = await store.claimOutbox(now, 1, new Date(now.getTime() + 60_000));
      expect(entry?.notification.at).toEqual(now);
    } finally {
      await cleanup();
    }
  });

  it('sees agent changes another store (another process) made, and never keeps a change that was rolled back', async () => {
    const { store, cleanup } = await freshStore();
    try {
      const other = createPostgresStore({ client: db, schema: store.schema });
      await store.upsertAgents([{ id: 'a', skills: ['vip'] }, { id: 'b' }]);
      const periods = {
        day: { start: new Date(0), end: new Date(1) },
        week: { start: new Date(0), end: new Date(1) },
        month: { start: new Date(0), end: new Date(1) },
        quarter: { start: new Date(0), end: new Date(1) },
        year: { start: new Date(0), end: new Date(1) },
      };
      const profiles = async () =>
        (await store.transaction(async (tx) => tx.agentSnapshots(periods, ['a', 'b', 'nobody']))).map(({ id, enabled, skills }) => ({ id, enabled, skills }));
      expect(await profiles()).toEqual([
        { id: 'a', enabled: undefined, skills: ['vip'] },
        { id: 'b', enabled: undefined, skills: undefined },
      ]);

      await other.upsertAgents([{ id: 'a', enabled: false }]);
      expect((await profiles())[0]).toEqual({ id: 'a', enabled: false, skills: ['vip'] });

      const failure = new Error('changed my mind');
      await expect(
        store.transaction(async (tx) => {
          await tx.updateAgent('b', { enabled: false });
          const [, b] = await tx.agentSnapshots(periods, ['a', 'b']);
          expect(b?.enabled).toBe(false);
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect((await profiles())[1]).toEqual({ id: 'b', enabled: undefined, skills: undefined });

      // Snapshots are copies: changing one changes neither what is stored nor what the store keeps.
      await store.transaction(async (tx) => {
        const [a] = await tx.agentSnapshots(periods, ['a']);
        a!.skills!.push('hacked');
      });
      expect((await profiles())[0]?.skills).toEqual(['vip']);
    } finally {
      await cleanup();
    }
  });
});
