import { PGlite } from '@electric-sql/pglite';
import { compileRuleSet, createAssignmentService, explain as explainText, PERIODS, type PeriodRanges, periodRange, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION_TABLE_SQL } from '../../src/adapters/postgres/migrations.js';
import { schemaSql } from '../../src/adapters/postgres/schemaSql.js';

const schema = schemaSql();
const db = new PGlite();
afterAll(() => db.close());

const ruleSet: RuleSet = {
  version: 1,
  timeZone: 'Asia/Shanghai',
  settings: {
    manual: { enabled: true, agentConfirmation: false },
    auto: { enabled: true, agentConfirmation: false },
    application: { enabled: true, adminApproval: false, agentConfirmation: false },
  },
  rules: [{ id: 'main', name: 'Everyone', enabled: true, agents: [{ id: 'a' }], order: { by: 'fewestServing' } }],
};

/** Columns, indexes and functions of a schema, with the schema's own name taken out. */
async function catalog(schema: string): Promise<string[]> {
  const { rows } = await db.query<{ item: string }>(
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
       FROM information_schema.columns WHERE table_schema = $1
     UNION ALL SELECT 'index ' || replace(indexdef, $1, 'S') FROM pg_indexes WHERE schemaname = $1
     UNION ALL SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || md5(p.prosrc)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1
     ORDER BY 1`,
    [schema],
  );
  return rows.map((row) => row.item);
}

describe('schema.sql (schemaSql)', () => {
  it('holds the version table, then every migration in order, each recorded in schema_version', () => {
    let from = schema.indexOf(SCHEMA_VERSION_TABLE_SQL);
    expect(from).toBeGreaterThanOrEqual(0);
    for (const migration of MIGRATIONS) {
      const at = schema.indexOf(migration.sql, from);
      expect(at, `migration ${migration.version}`).toBeGreaterThan(from);
      from = schema.indexOf(
        `INSERT INTO schema_version (version, description) VALUES (${migration.version}, '${migration.description}');`,
        at + migration.sql.length,
      );
      expect(from, `version ${migration.version} recorded`).toBeGreaterThan(at);
    }
  });

  it('creates the same tables, indexes and functions as migrate(), which then has nothing left to do', async () => {
    await createPostgresStore({ client: db, schema: 'by_migrate' }).migrate();
    await db.exec(`CREATE SCHEMA by_hand; SET search_path TO by_hand;\n${schema}\nRESET search_path;`);
    expect(await catalog('by_hand')).toEqual(await catalog('by_migrate'));

    const store = await createPostgresStore({ client: db, schema: 'by_hand' }).migrate();
    const { rows } = await db.query('SELECT version FROM by_hand.schema_version');
    expect(rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    await store.upsertAgents([{ id: 'a' }]);
    expect((await createAssignmentService({ store, ruleSet }).autoAssign({ id: 'c-1' })).agentId).toBe('a');
    // PGlite's first start and its information_schema scans take ~20 s alone on a 2-core machine; more under load.
  }, 120_000);
});

describe('migration 2', () => {
  /** 10:00 in Beijing on Tuesday 2026-11-03, and the same time the next day. */
  const day1 = new Date('2026-11-03T10:00:00+08:00');
  const day2 = new Date('2026-11-04T10:00:00+08:00');
  const periodsAt = (at: Date) => {
    const compiled = compileRuleSet(ruleSet);
    return Object.fromEntries(PERIODS.map((period) => [period, periodRange(period, at, compiled.timeZone)])) as PeriodRanges;
  };

  it('upgrades a version-1 schema with its counts: they read the same, and go on exactly', async () => {
    await db.exec(`CREATE SCHEMA upgraded; SET search_path TO upgraded;\n${SCHEMA_VERSION_TABLE_SQL}\n${MIGRATIONS[0]!.sql}
      INSERT INTO schema_version (version, description) VALUES (1, 'initial schema'); RESET search_path;`);
    // What version 1 wrote for one automatic assignment to a on day 1: a counter row per period
    // (and the serving total), and the same counts in agent_counts.
    const starts = PERIODS.map((period) => periodsAt(day1)[period].start.toISOString());
    await db.query(`INSERT INTO upgraded.agents (id) VALUES ('a'), ('b')`);
    await db.query(
      `INSERT INTO upgraded.counters (period, bucket_start, agent_id, counter, count)
       SELECT p.period, p.start::timestamptz, 'a', c.counter, 1
       FROM unnest($1::text[], $2::text[]) AS p (period, start), (VALUES ('assigned'), ('serving')) AS c (counter)
       UNION ALL SELECT 'total', '-infinity', 'a', 'serving', 1`,
      [PERIODS, starts],
    );
    await db.query(
      `INSERT INTO upgraded.agent_counts (agent_id, assigned_day_start, assigned_day, assigned_week_start, assigned_week,
         assigned_month_start, assigned_month, assigned_quarter_start, assigned_quarter, assigned_year_start, assigned_year,
         serving_day_start, serving_day, serving_week_start, serving_week, serving_month_start, serving_month,
         serving_quarter_start, serving_quarter, serving_year_start, serving_year, serving_total)
       VALUES ('a', $1, 1, $2, 1, $3, 1, $4, 1, $5, 1, $1, 1, $2, 1, $3, 1, $4, 1, $5, 1, 1)`,
      starts,
    );
    await db.query(`INSERT INTO upgraded.subjects (kind, id, agent_id, agent_since) VALUES ('customer', 'c-1', 'a', $1)`, [day1.toISOString()]);

    const store = await createPostgresStore({ client: db, schema: 'upgraded' }).migrate();
    expect((await db.query('SELECT version FROM upgraded.schema_version ORDER BY version')).rows).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
    expect((await db.query(`SELECT count(*)::int AS n FROM upgraded.counters WHERE period = 'total'`)).rows).toEqual([{ n: 0 }]);
    const counts = async (at: Date) => {
      const [a] = await store.transaction(async (tx) => tx.agentSnapshots(periodsAt(at), ['a']));
      return { assigned: a!.assigned, serving: a!.serving };
    };
    const ones = { day: 1, week: 1, month: 1, quarter: 1, year: 1 };
    expect(await counts(day1)).toEqual({ assigned: ones, serving: { ...ones, total: 1 } });

    // Day 2: a second customer for a, then c-1 moves to b (its care began on day 1).
    const clock = { now: () => day2 };
    const svc = createAssignmentService({ store, ruleSet: { ...ruleSet, rules: [{ ...ruleSet.rules[0]!, agents: [{ id: 'a' }] }] }, clock });
    expect((await svc.autoAssign({ id: 'c-2' })).agentId).toBe('a');
    await svc.assignManually({ subject: { id: 'c-1' }, agentId: 'b', actor: { id: 'admin-1', role: 'admin' } });
    const twos = { week: 2, month: 2, quarter: 2, year: 2 };
    expect(await counts(day2)).toEqual({ assigned: { day: 1, ...twos }, serving: { total: 1, day: 1, week: 1, month: 1, quarter: 1, year: 1 } });
    expect(await counts(day1)).toEqual({ assigned: { day: 1, ...twos }, serving: { total: 1, day: 0, week: 1, month: 1, quarter: 1, year: 1 } });
  });
});

describe('migration 3', () => {
  const day1 = new Date('2026-11-03T10:00:00+08:00');
  const day2 = new Date('2026-11-04T10:00:00+08:00');

  it("upgrades a version-2 schema: lastAssignedAt is each agent's latest automatic record, then moves on with new ones", async () => {
    await db.exec(`CREATE SCHEMA upgraded3; SET search_path TO upgraded3;\n${SCHEMA_VERSION_TABLE_SQL}\n${MIGRATIONS[0]!.sql}\n${MIGRATIONS[1]!.sql}
      INSERT INTO schema_version (version, description) VALUES (1, 'initial schema'), (2, 'version 2'); RESET search_path;`);
    await db.query(`INSERT INTO upgraded3.agents (id) VALUES ('a'), ('b')`);
    await db.query(`INSERT INTO upgraded3.agent_counts (agent_id) VALUES ('a'), ('b')`);
    const record = (id: string, type: string, agentId: string, subjectId: string, at: Date) =>
      db.query(
        `INSERT INTO upgraded3.records (id, type, status, subject_kind, subject_id, agent_id, rule_id, requested_by, created_at, updated_at, history, version)
         VALUES ($1, $2, 'ended', 'customer', $3, $4, null, '{"id":"system","role":"system"}', $5, $5, '[]', 2)`,
        [id, type, subjectId, agentId, at.toISOString()],
      );
    await record('r-1', 'auto', 'a', 'c-1', new Date(day1.getTime() - 3_600_000));
    await record('r-2', 'auto', 'a', 'c-2', day1);
    await record('r-3', 'manual', 'b', 'c-3', day1);

    const store = await createPostgresStore({ client: db, schema: 'upgraded3' }).migrate();
    const last = async () =>
      Object.fromEntries((await store.transaction(async (tx) => tx.agents())).map((agent) => [agent.id, agent.lastAssignedAt]));
    expect(await last()).toEqual({ a: day1, b: null });

    const svc = createAssignmentService({ store, ruleSet: { ...ruleSet, rules: [{ ...ruleSet.rules[0]!, agents: [{ id: 'b' }] }] }, clock: { now: () => day2 } });
    expect((await svc.autoAssign({ id: 'c-4' })).agentId).toBe('b');
    expect(await last()).toEqual({ a: day1, b: day2 });
  });

  it('can run again over itself (idempotent), changing nothing', async () => {
    const upTo3 = MIGRATIONS.slice(0, 3).map((migration) => migration.sql).join('\n');
    await db.exec(`CREATE SCHEMA twice; SET search_path TO twice;\n${upTo3}\nRESET search_path;`);
    const before = await catalog('twice');
    await db.exec(`SET search_path TO twice;\n${MIGRATIONS[2]!.sql}\nRESET search_path;`);
    expect(await catalog('twice')).toEqual(before);
  });
});

describe('migration 4 (the waiting queue)', () => {
  it('can run again over itself (idempotent), changing nothing, and commits still reach the queue', async () => {
    const store = await createPostgresStore({ client: db, schema: 'twice4' }).migrate();
    const before = await catalog('twice4');
    // Run again as a re-applied schema.sql would: with the migrations after it, which wrap its commit function again.
    const fromFour = MIGRATIONS.filter((migration) => migration.version >= 4).map((migration) => migration.sql).join('\n');
    await db.exec(`SET search_path TO twice4;\n${fromFour}\nRESET search_path;`);
    expect(await catalog('twice4')).toEqual(before);
    const svc = createAssignmentService({ store, ruleSet, clock: { now: () => new Date('2026-11-04T10:00:00+08:00') } });
    expect((await svc.autoAssign({ id: 'c-1' })).reason).toBe('no_eligible_agent');
    expect((await svc.waiting()).items.map((entry) => entry.subject.id)).toEqual(['c-1']);
    await svc.close();
  });
});

describe('migration 5', () => {
  it("upgrades a version-3 schema: its records' outcomes are read from their history, so svc.stats counts them", async () => {
    await db.exec(`CREATE SCHEMA upgraded5; SET search_path TO upgraded5;\n${SCHEMA_VERSION_TABLE_SQL}\n${MIGRATIONS[0]!.sql}\n${MIGRATIONS[1]!.sql}\n${MIGRATIONS[2]!.sql}
      INSERT INTO schema_version (version, description) VALUES (1, 'initial schema'), (2, 'version 2'), (3, 'version 3'); RESET search_path;`);
    const created = new Date('2026-11-03T10:00:00+08:00');
    const step = (from: string | null, to: string, minutes: number) => ({
      recordId: 'r-1',
      from,
      to,
      at: new Date(created.getTime() + minutes * 60_000).toISOString(),
      by: { id: 'system', role: 'system' },
    });
    await db.query(
      `INSERT INTO upgraded5.records (id, type, status, subject_kind, subject_id, agent_id, rule_id, requested_by, created_at, updated_at, history, version)
       VALUES ('r-1', 'auto', 'effective', 'customer', 'c-1', 'a', 'main', '{"id":"system","role":"system"}', $1, $1, $2, 2)`,
      [created.toISOString(), JSON.stringify([step(null, 'pending_confirmation', 0), step('pending_confirmation', 'effective', 12)])],
    );

    const store = await createPostgresStore({ client: db, schema: 'upgraded5' }).migrate();
    const svc = createAssignmentService({ store, ruleSet });
    const stats = await svc.stats({ from: '2026-11-03T00:00+08:00', to: '2026-11-04T00:00+08:00', groupBy: ['agent'] });
    expect(stats.agents?.map(({ agentId, asked, confirmed, confirmationTime }) => ({ agentId, asked, confirmed, confirmationTime }))).toEqual([
      { agentId: 'a', asked: 1, confirmed: 1, confirmationTime: { count: 1, medianMs: 12 * 60_000, p90Ms: 12 * 60_000 } },
    ]);
  });
});

describe('migration 7 (rule-set versions and kept decisions)', () => {
  it('can run again over itself (idempotent), changing nothing, and commits still keep decisions', async () => {
    const store = await createPostgresStore({ client: db, schema: 'twice7' }).migrate();
    const before = await catalog('twice7');
    const seven = MIGRATIONS.find((migration) => migration.version === 7)!;
    await db.exec(`SET search_path TO twice7;\n${seven.sql}\nRESET search_path;`);
    expect(await catalog('twice7')).toEqual(before);
    await store.upsertAgents([{ id: 'a' }]);
    const svc = createAssignmentService({ store, ruleSet, autoDrain: false });
    const { record } = await svc.autoAssign({ id: 'c-1' });
    expect((await store.recordDecision!(record!.id))?.revision).toBe(compileRuleSet(ruleSet).revision);
  });

  it('upgrades a version-4 schema: its records explain from the record and say so, new ones from their trace', async () => {
    const upToFour = MIGRATIONS.filter((migration) => migration.version <= 4);
    const recorded = upToFour.map((m) => `INSERT INTO schema_version (version, description) VALUES (${m.version}, 'v${m.version}');`).join('\n');
    await db.exec(
      `CREATE SCHEMA old4; SET search_path TO old4;\n${SCHEMA_VERSION_TABLE_SQL}\n${upToFour.map((m) => m.sql).join('\n')}\n${recorded}\nRESET search_path;`,
    );
    const store = createPostgresStore({ client: db, schema: 'old4' });
    await store.upsertAgents([{ id: 'a' }]);
    const before = await createAssignmentService({ store, ruleSet, autoDrain: false }).autoAssign({ id: 'c-1' });
    await store.migrate();
    const svc = createAssignmentService({ store, ruleSet, autoDrain: false });
    const old = await svc.explainRecord(before.record!.id);
    expect([old.basis, old.revision]).toEqual(['record', null]);
    expect(old.text).toMatch(/^c-1 \(customer\) → a by rule main .*\n.*not kept/);
    const after = await svc.autoAssign({ id: 'c-2' });
    const fresh = await svc.explainRecord(after.record!.id);
    expect(fresh.basis).toBe('trace');
    expect(fresh.text).toBe(explainText(after));
  });
});
