import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createAssignmentService, type RuleSet } from 'dedicated-agent';
import { createPostgresStore } from 'dedicated-agent/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION_TABLE_SQL } from '../../src/adapters/postgres/migrations.js';

const schemaSql = readFileSync(new URL('../../src/adapters/postgres/schema.sql', import.meta.url), 'utf8');
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

describe('schema.sql', () => {
  it('holds the version table, then every migration in order, each recorded in schema_version', () => {
    let from = schemaSql.indexOf(SCHEMA_VERSION_TABLE_SQL);
    expect(from).toBeGreaterThanOrEqual(0);
    for (const migration of MIGRATIONS) {
      const at = schemaSql.indexOf(migration.sql, from);
      expect(at, `migration ${migration.version} (regenerate schema.sql from migrations.ts)`).toBeGreaterThan(from);
      from = schemaSql.indexOf(
        `INSERT INTO schema_version (version, description) VALUES (${migration.version}, '${migration.description}');`,
        at + migration.sql.length,
      );
      expect(from, `version ${migration.version} recorded`).toBeGreaterThan(at);
    }
  });

  it('creates the same tables, indexes and functions as migrate(), which then has nothing left to do', async () => {
    await createPostgresStore({ client: db, schema: 'by_migrate' }).migrate();
    await db.exec(`CREATE SCHEMA by_hand; SET search_path TO by_hand;\n${schemaSql}\nRESET search_path;`);
    expect(await catalog('by_hand')).toEqual(await catalog('by_migrate'));

    const store = await createPostgresStore({ client: db, schema: 'by_hand' }).migrate();
    const { rows } = await db.query('SELECT version FROM by_hand.schema_version');
    expect(rows).toEqual([{ version: 1 }]);
    await store.upsertAgents([{ id: 'a' }]);
    expect((await createAssignmentService({ store, ruleSet }).autoAssign({ id: 'c-1' })).agentId).toBe('a');
  });
});
